using static TorchSharp.torch;

namespace DeepKeras.Backend;

/// <summary>Keras dtype names (<c>float32</c>, <c>int64</c>, …) and the TorchSharp scalar types they stand for.</summary>
internal static class DTypes
{
    private static readonly (string Name, ScalarType Type)[] Known =
    [
        ("float32", ScalarType.Float32),
        ("float64", ScalarType.Float64),
        ("float16", ScalarType.Float16),
        ("bfloat16", ScalarType.BFloat16),
        ("int64", ScalarType.Int64),
        ("int32", ScalarType.Int32),
        ("int16", ScalarType.Int16),
        ("int8", ScalarType.Int8),
        ("uint8", ScalarType.Byte),
        ("bool", ScalarType.Bool),
    ];

    /// <summary>The Keras name of a scalar type.</summary>
    public static string Name(ScalarType type)
    {
        foreach (var (name, t) in Known)
        {
            if (t == type)
            {
                return name;
            }
        }

        return type.ToString().ToLowerInvariant();
    }

    /// <summary>The scalar type of a Keras dtype name.</summary>
    /// <param name="name">The name, e.g. <c>float32</c>.</param>
    /// <param name="argName">The argument named in the error.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static ScalarType Parse(string name, string argName)
    {
        foreach (var (n, t) in Known)
        {
            if (n == name)
            {
                return t;
            }
        }

        throw new ArgumentException(
            $"Invalid dtype: '{name}'. Expected one of {string.Join(", ", Known.Select(k => k.Name))}.", argName);
    }
}
