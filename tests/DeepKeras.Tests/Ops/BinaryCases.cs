using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>
/// The calls of gen_ops.py's "ops_binary" case: element-wise binary ops on broadcasting shapes (2, 1, 3) and (4, 3) over
/// dtype pairs, and with C# scalars standing for Python scalars.
/// </summary>
internal static class BinaryCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build()
    {
        var c = new Dictionary<string, Func<GoldenOps, Tensor>>();
        var pairs = new Dictionary<string, (string, string)>
        {
            ["ff"] = ("a", "b"), ["ii"] = ("ai", "bi"), ["fi"] = ("a", "bi"), ["il"] = ("ai", "bl"), ["ib"] = ("ai", "bb"),
            ["iu"] = ("ai", "bu"), ["bf"] = ("bb", "a"),
        };
        var all = new Dictionary<string, Func<Tensor, Tensor, Tensor>>
        {
            ["add"] = Add, ["subtract"] = Subtract, ["multiply"] = Multiply, ["divide"] = Divide, ["maximum"] = Maximum,
            ["minimum"] = Minimum, ["equal"] = Equal, ["not_equal"] = NotEqual, ["greater"] = Greater, ["greater_equal"] = GreaterEqual,
            ["less"] = Less, ["less_equal"] = LessEqual, ["logical_and"] = LogicalAnd, ["logical_or"] = LogicalOr, ["logical_xor"] = LogicalXor,
        };
        Pairs(c, all, pairs);
        Pairs(c, new() { ["floor_divide"] = FloorDivide, ["mod"] = Mod }, pairs.Where(p => p.Key is "ff" or "ii" or "fi" or "il").ToDictionary());
        c["true_divide_ii"] = g => TrueDivide(g["ai"], g["bi"]);
        c["power_pf"] = g => Power(g["pos"], g["b"]);
        c["power_ii"] = g => Power(g["ai"], Abs(g["bi"]));
        c["add_i_half"] = g => Add(g["ai"], 0.5);
        c["add_i_two"] = g => Add(g["ai"], 2);
        c["add_u_two"] = g => Add(g["bu"], 2);
        c["add_b_one"] = g => Add(g["bb"], 1);
        c["multiply_f_two"] = g => Multiply(g["b"], 2);
        c["subtract_half_f"] = g => Subtract(0.5, g["b"]);
        c["divide_i_two"] = g => Divide(g["bi"], 2);
        c["maximum_i_half"] = g => Maximum(g["bi"], 0.5);
        c["maximum_f_zero"] = g => Maximum(g["b"], 0);
        c["minimum_i_one"] = g => Minimum(g["bi"], 1);
        c["greater_f_zero"] = g => Greater(g["b"], 0.0);
        c["power_f_two"] = g => Power(g["b"], 2);
        c["power_i_two"] = g => Power(g["bi"], 2);
        return c;
    }

    private static void Pairs(Dictionary<string, Func<GoldenOps, Tensor>> c, Dictionary<string, Func<Tensor, Tensor, Tensor>> ops,
        Dictionary<string, (string, string)> pairs)
    {
        foreach (var (name, op) in ops)
        {
            foreach (var (pn, (x1, x2)) in pairs)
            {
                c[$"{name}_{pn}"] = g => op(g[x1], g[x2]);
            }
        }
    }
}
