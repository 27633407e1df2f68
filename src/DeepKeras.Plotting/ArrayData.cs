using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

/// <summary>The values of an <see cref="NDArray"/> or <see cref="Tensor"/> as a flat float array with its shape.</summary>
/// <param name="Values">Row-major values.</param>
/// <param name="Shape">The shape.</param>
/// <param name="IsUInt8">Whether the source held bytes (pixel values 0–255 whatever their range).</param>
internal sealed record ArrayData(float[] Values, int[] Shape, bool IsUInt8)
{
    public int Rank => Shape.Length;

    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    public static ArrayData From(NDArray array, string argName)
    {
        ArgumentNullException.ThrowIfNull(array, argName);
        var shape = array.ndim == 0 ? [] : array.shape.Select(d => checked((int)d)).ToArray();
        float[] values = array.typecode switch
        {
            NPTypeCode.Single => array.ToArray<float>(),
            NPTypeCode.Double => Array.ConvertAll(array.ToArray<double>(), v => (float)v),
            NPTypeCode.Byte => Array.ConvertAll(array.ToArray<byte>(), v => (float)v),
            NPTypeCode.Int16 => Array.ConvertAll(array.ToArray<short>(), v => (float)v),
            NPTypeCode.UInt16 => Array.ConvertAll(array.ToArray<ushort>(), v => (float)v),
            NPTypeCode.Int32 => Array.ConvertAll(array.ToArray<int>(), v => (float)v),
            NPTypeCode.UInt32 => Array.ConvertAll(array.ToArray<uint>(), v => (float)v),
            NPTypeCode.Int64 => Array.ConvertAll(array.ToArray<long>(), v => (float)v),
            NPTypeCode.UInt64 => Array.ConvertAll(array.ToArray<ulong>(), v => (float)v),
            NPTypeCode.Boolean => Array.ConvertAll(array.ToArray<bool>(), v => v ? 1f : 0f),
            _ => throw new ArgumentException(
                $"Expected `{argName}` to hold numbers. Received an NDArray of dtype {array.dtype.Name}.", argName),
        };
        return new ArrayData(values, shape, array.typecode == NPTypeCode.Byte);
    }

    public static ArrayData From(Tensor tensor, string argName)
    {
        ArgumentNullException.ThrowIfNull(tensor, argName);
        using var scope = NewDisposeScope();
        var c = tensor.detach().cpu().to(ScalarType.Float32).contiguous();
        var shape = tensor.shape.Select(d => checked((int)d)).ToArray();
        return new ArrayData(c.data<float>().ToArray(), shape, tensor.dtype == ScalarType.Byte);
    }

    /// <summary>The values of a 1-D array, or of a 2-D array with one column, checked to hold <paramref name="expected"/> values.</summary>
    public float[] AsVector(string argName, int? expected = null)
    {
        if (Rank != 1 && !(Rank == 2 && Shape[1] == 1))
        {
            throw new ArgumentException($"Expected `{argName}` of shape (N,) or (N, 1). Received shape {ShapeText}.", argName);
        }

        if (expected is { } n && Shape[0] != n)
        {
            throw new ArgumentException($"Expected `{argName}` to hold {n} values (one per point). Received shape {ShapeText}.", argName);
        }

        return Values;
    }
}
