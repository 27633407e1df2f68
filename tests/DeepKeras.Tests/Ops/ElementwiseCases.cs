using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>The calls of gen_ops.py's "ops_elementwise" case: unary ops on float, positive, int32, bool, int64 and float64 inputs.</summary>
internal static class ElementwiseCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build()
    {
        var c = new Dictionary<string, Func<GoldenOps, Tensor>>();
        var unary = new Dictionary<string, Func<Tensor, Tensor>>
        {
            ["abs"] = Abs, ["square"] = Square, ["sign"] = Sign, ["floor"] = Floor, ["ceil"] = Ceil, ["exp"] = Exp,
            ["sigmoid"] = Sigmoid, ["tanh"] = Tanh, ["erf"] = Erf, ["sin"] = Sin, ["cos"] = Cos, ["logical_not"] = LogicalNot,
        };
        Unary(c, unary, ["f", "p", "i", "b", "l", "d"]);
        Unary(c, new() { ["sqrt"] = Sqrt, ["log"] = Log, ["log1p"] = Log1p, ["rsqrt"] = Rsqrt, ["expm1"] = Expm1 }, ["p", "l", "d"]);
        Unary(c, new() { ["negative"] = Negative, ["round"] = x => Round(x) }, ["f", "i", "l", "d"]);
        c["round_f_1"] = g => Round(g["ef"], decimals: 1);
        c["round_i_m1"] = g => Round(g["ei"] * 7, decimals: -1);
        return c;
    }

    private static void Unary(Dictionary<string, Func<GoldenOps, Tensor>> c, Dictionary<string, Func<Tensor, Tensor>> ops, string[] inputs)
    {
        foreach (var (name, op) in ops)
        {
            foreach (var n in inputs)
            {
                c[$"{name}_{n}"] = g => op(g["e" + n]);
            }
        }
    }
}
