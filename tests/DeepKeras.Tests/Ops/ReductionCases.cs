using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>The calls of gen_ops.py's "ops_reductions" case: each reduction over no/one/several axes, kept or not, and per dtype.</summary>
internal static class ReductionCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build()
    {
        var c = new Dictionary<string, Func<GoldenOps, Tensor>>();
        var axes = new Dictionary<string, Axis?> { ["none"] = null, ["0"] = 0, ["1"] = 1, ["m1"] = -1, ["0_2"] = (0, 2) };
        foreach (var (an, ax) in axes)
        {
            foreach (var kd in new[] { false, true })
            {
                var s = $"{an}_{(kd ? "k" : "n")}";
                c[$"sum_f_{s}"] = g => Sum(g["xf"], ax, kd);
                c[$"sum_i_{s}"] = g => Sum(g["xi"], ax, kd);
                c[$"mean_f_{s}"] = g => Mean(g["xf"], ax, kd);
                c[$"max_f_{s}"] = g => Max(g["xf"], ax, kd);
                c[$"min_i_{s}"] = g => Min(g["xi"], ax, kd);
                c[$"prod_f_{s}"] = g => Prod(g["xf"], ax, kd);
                c[$"std_f_{s}"] = g => Std(g["xf"], ax, kd);
                c[$"var_f_{s}"] = g => Var(g["xf"], ax, kd);
                c[$"any_b_{s}"] = g => Any(g["xb"], ax, kd);
                c[$"all_b_{s}"] = g => All(g["xb"], ax, kd);
                c[$"logsumexp_f_{s}"] = g => Logsumexp(g["xf"], ax, kd);
            }
        }

        foreach (var n in new[] { "i", "b", "l", "u", "d" })
        {
            var x = "x" + n;
            c[$"sum_{n}_dtype"] = g => Sum(g[x]);
            c[$"mean_{n}_dtype"] = g => Mean(g[x], 0);
            c[$"max_{n}_dtype"] = g => Max(g[x], -1);
            c[$"prod_{n}_dtype"] = g => Prod(g[x], 0);
            c[$"std_{n}_dtype"] = g => Std(g[x], 0);
            c[$"var_{n}_dtype"] = g => Var(g[x], 0);
            c[$"cumsum_{n}_dtype"] = g => Cumsum(g[x], 0);
            c[$"argmax_{n}_dtype"] = g => Argmax(g[x], 0);
        }

        // Keras's torch backend drops keepdims for sum/prod/max/min over all axes (a 0-d result); numpy, and DeepKeras,
        // keep (1, 1, 1) (asserted in OpsBehaviourTests). The values agree.
        c["sum_f_none_k"] = g => Sum(g["xf"], null, true).reshape([]);
        c["sum_i_none_k"] = g => Sum(g["xi"], null, true).reshape([]);
        c["prod_f_none_k"] = g => Prod(g["xf"], null, true).reshape([]);
        c["max_f_none_k"] = g => Max(g["xf"], null, true).reshape([]);
        c["min_i_none_k"] = g => Min(g["xi"], null, true).reshape([]);
        c["max_f_initial"] = g => Max(g["xf"], 0, initial: 0.5);
        c["min_f_initial"] = g => Min(g["xf"], 0, initial: -0.5);
        var single = new Dictionary<string, int?> { ["none"] = null, ["0"] = 0, ["1"] = 1, ["m1"] = -1 };
        foreach (var (an, ax) in single)
        {
            foreach (var kd in new[] { false, true })
            {
                var s = $"{an}_{(kd ? "k" : "n")}";
                c[$"argmax_f_{s}"] = g => Argmax(g["xf"], ax, kd);
                c[$"argmin_i_{s}"] = g => Argmin(g["xi"], ax, kd);
            }

            c[$"cumsum_f_{an}"] = g => Cumsum(g["xf"], ax);
            c[$"cumprod_i_{an}"] = g => Cumprod(g["xi"], ax);
        }

        c["cumsum_f_dtype64"] = g => Cumsum(g["xf"], 1, dtype: "float64");
        c["sum_f_empty_axis"] = g => Sum(g["xf"], new Axis());
        return c;
    }
}
