using static TorchSharp.torch;

namespace DeepKeras.Backend;

/// <summary>
/// Keras dtype names (<c>"float32"</c>, <c>"int32"</c>, <c>"bool"</c>, …), their torch types, and Keras's type
/// promotion (<c>keras.backend.result_type</c>: a JAX-style lattice with weak Python scalars, then 64-bit results
/// narrowed to 32 bits as the torch backend does).
/// </summary>
internal static class KerasDtypes
{
    private const string WeakInt = "int";
    private const string WeakFloat = "float";

    private static readonly Dictionary<string, ScalarType> Torch = new()
    {
        ["bool"] = ScalarType.Bool,
        ["uint8"] = ScalarType.Byte,
        ["int8"] = ScalarType.Int8,
        ["int16"] = ScalarType.Int16,
        ["int32"] = ScalarType.Int32,
        ["int64"] = ScalarType.Int64,
        ["bfloat16"] = ScalarType.BFloat16,
        ["float16"] = ScalarType.Float16,
        ["float32"] = ScalarType.Float32,
        ["float64"] = ScalarType.Float64,
    };

    // Each type and the types directly above it (Keras's _type_promotion_lattice without complex and unsigned > 8 bits,
    // which torch lacks).
    private static readonly Dictionary<string, string[]> Lattice = new()
    {
        ["bool"] = [WeakInt],
        [WeakInt] = ["uint8", "int8"],
        ["uint8"] = ["int16"],
        ["int8"] = ["int16"],
        ["int16"] = ["int32"],
        ["int32"] = ["int64"],
        ["int64"] = [WeakFloat],
        [WeakFloat] = ["bfloat16", "float16"],
        ["bfloat16"] = ["float32"],
        ["float16"] = ["float32"],
        ["float32"] = ["float64"],
        ["float64"] = [],
    };

    private static readonly Dictionary<string, HashSet<string>> UpperBounds = Lattice.Keys.ToDictionary(k => k, Closure);

    /// <summary>Gets the Keras dtype names DeepKeras can hold in a tensor.</summary>
    public static IReadOnlyCollection<string> Names => Torch.Keys;

    /// <summary>Keras's <c>standardize_dtype</c>: a Keras name (or <c>"int"</c> for int32) checked and returned.</summary>
    /// <param name="dtype">The name.</param>
    /// <param name="caller">The operation, for the error message.</param>
    /// <exception cref="ArgumentException">The name is not a dtype a tensor can hold.</exception>
    public static string Standardize(string dtype, string caller)
    {
        var name = dtype?.Trim().ToLowerInvariant() ?? "";
        name = name == WeakInt ? "int32" : name;
        if (!Torch.ContainsKey(name))
        {
            throw new ArgumentException(
                $"{caller}: invalid dtype '{dtype}'. Expected one of: {string.Join(", ", Torch.Keys)}. Received: dtype={dtype}", nameof(dtype));
        }

        return name;
    }

    /// <summary>The torch type of a Keras dtype name.</summary>
    /// <param name="dtype">The name.</param>
    /// <param name="caller">The operation, for the error message.</param>
    public static ScalarType ToTorch(string dtype, string caller) => Torch[Standardize(dtype, caller)];

    /// <summary>The Keras name of a torch type (<c>"float32"</c> for <see cref="ScalarType.Float32"/>).</summary>
    /// <param name="type">The torch type.</param>
    /// <exception cref="ArgumentException">A torch type Keras has no name for (complex types).</exception>
    public static string Name(ScalarType type)
    {
        foreach (var (name, t) in Torch)
        {
            if (t == type)
            {
                return name;
            }
        }

        throw new ArgumentException($"The torch dtype {type} has no Keras name. Expected one of: {string.Join(", ", Torch.Keys)}.");
    }

    /// <summary>Whether a torch type is an integer type (bool excluded).</summary>
    public static bool IsInteger(ScalarType type) => Name(type).Contains("int", StringComparison.Ordinal);

    /// <summary>Whether a torch type is an integer or bool type (torch's mean, exp and softmax reject them).</summary>
    public static bool IsIntegerOrBool(ScalarType type) => type == ScalarType.Bool || IsInteger(type);

    /// <summary>
    /// Keras's <c>result_type</c>: the type two or more operands promote to. A weak operand stands for a Python
    /// scalar (<c>int</c> or <c>float</c>): it yields to the other operand's width (int32 + 2.5 is float32, float16 + 2.5
    /// is float16). As on Keras's torch backend, a 64-bit result is narrowed to 32 bits.
    /// </summary>
    /// <param name="operands">Each operand's Keras dtype and whether it is weak.</param>
    public static string ResultType(params (string Dtype, bool Weak)[] operands)
    {
        string result;
        var weak = false;
        if (operands.Length == 1)
        {
            (result, weak) = operands[0];
        }
        else if (operands.Select(o => o.Dtype).Distinct().Count() == 1 && !operands.All(o => o.Weak))
        {
            result = operands[0].Dtype;
        }
        else if (operands.All(o => o.Weak))
        {
            result = LeastUpperBound(operands.Select(o => o.Dtype));
            weak = true;
        }
        else
        {
            result = LeastUpperBound(operands.Select(o => o.Weak ? WeakKind(o.Dtype) : o.Dtype));
            weak = result is WeakInt or WeakFloat;
        }

        if (weak && result != "bool")
        {
            result = result.StartsWith('i') || result.StartsWith('u') ? "int32" : "float32";
        }

        return result switch
        {
            "int64" => "int32",
            "float64" => "float32",
            _ => result,
        };
    }

    /// <summary>
    /// Keras's result type of tensor operands where a 0-dimensional operand next to a dimensioned one counts as a
    /// weak scalar (a C# literal such as <c>0.5</c> becomes such a tensor), returned as a torch type.
    /// </summary>
    /// <param name="tensors">The operands.</param>
    public static ScalarType ResultType(params Tensor[] tensors)
    {
        var anyDimensioned = tensors.Any(t => t.dim() > 0);
        return Torch[ResultType(tensors.Select(t => (Name(t.dtype), anyDimensioned && t.dim() == 0)).ToArray())];
    }

    private static string WeakKind(string dtype) =>
        dtype == "bool" ? dtype : dtype.Contains("float", StringComparison.Ordinal) ? WeakFloat : WeakInt;

    private static string LeastUpperBound(IEnumerable<string> dtypes)
    {
        var nodes = dtypes.ToHashSet();
        var common = new HashSet<string>(UpperBounds[nodes.First()]);
        foreach (var n in nodes)
        {
            common.IntersectWith(UpperBounds[n]);
        }

        var least = common.Where(nodes.Contains).ToList();
        if (least.Count == 0)
        {
            least = common.Where(c => common.IsSubsetOf(UpperBounds[c])).ToList();
        }

        return least.Count == 1
            ? least[0]
            : throw new ArgumentException($"Input dtypes ({string.Join(", ", nodes)}) have no implicit promotion path; cast them explicitly.");
    }

    private static HashSet<string> Closure(string node)
    {
        var bounds = new HashSet<string> { node };
        var pending = new Stack<string>(Lattice[node]);
        while (pending.TryPop(out var next))
        {
            if (bounds.Add(next))
            {
                foreach (var above in Lattice[next])
                {
                    pending.Push(above);
                }
            }
        }

        return bounds;
    }
}
