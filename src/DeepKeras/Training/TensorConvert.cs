using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>Conversions between .NET arrays, NumSharp arrays and TorchSharp tensors (CPU copies).</summary>
internal static class TensorConvert
{
    public static Tensor ToTensor(Array array, string argName)
    {
        Keras.Backend.EnsureInitialized();
        var shape = Enumerable.Range(0, array.Rank).Select(i => (long)array.GetLength(i)).ToArray();
        return array switch
        {
            float[] a => tensor(a, shape),
            double[] a => tensor(a, shape).to(float32),
            int[] a => tensor(a, shape).to(int64),
            long[] a => tensor(a, shape),
            byte[] a => tensor(a, shape),
            bool[] a => tensor(a, shape),
            _ when array.Rank > 1 => FromMultiDim(array, shape, argName),
            _ => throw new ArgumentException(
                $"Unsupported array type {array.GetType().Name} for `{argName}`. Expected float, double, int, long, byte or bool arrays.", argName),
        };
    }

    private static Tensor FromMultiDim(Array array, long[] shape, string argName)
    {
        var type = array.GetType().GetElementType();
        var flat = Array.CreateInstance(type!, array.Length);
        Buffer.BlockCopy(array, 0, flat, 0, Buffer.ByteLength(array));
        return ToTensor(flat, argName).reshape(shape);
    }

    public static Tensor ToTensor(NDArray array, string? argName)
    {
        Keras.Backend.EnsureInitialized();
        var shape = array.shape.Select(d => (long)d).ToArray();
        if (array.ndim == 0)
        {
            shape = [];
        }

        var t = array.typecode switch
        {
            NPTypeCode.Single => tensor(array.ToArray<float>(), shape),
            NPTypeCode.Double => tensor(array.ToArray<double>(), shape).to(float32),
            NPTypeCode.Int32 => tensor(array.ToArray<int>(), shape).to(int64),
            NPTypeCode.Int64 => tensor(array.ToArray<long>(), shape),
            NPTypeCode.Byte => tensor(array.ToArray<byte>(), shape),
            NPTypeCode.Boolean => tensor(array.ToArray<bool>(), shape),
            NPTypeCode.Int16 => tensor(array.ToArray<short>(), shape).to(int64),
            NPTypeCode.UInt16 => tensor(array.ToArray<ushort>().Select(v => (int)v).ToArray(), shape).to(int64),
            NPTypeCode.UInt32 => tensor(array.ToArray<uint>().Select(v => (long)v).ToArray(), shape),
            _ => throw new ArgumentException(
                $"Unsupported NDArray dtype {array.dtype.Name} for `{argName ?? "array"}`. Expected a numeric dtype.", argName),
        };
        return t;
    }

    public static NDArray ToNDArray(Tensor t)
    {
        using var scope = NewDisposeScope();
        var c = t.detach().cpu().contiguous();
        var shape = c.shape.Select(d => (int)d).ToArray();
        NDArray nd = c.dtype switch
        {
            ScalarType.Float32 => np.array(c.data<float>().ToArray()),
            ScalarType.Float64 => np.array(c.data<double>().ToArray()),
            ScalarType.Int64 => np.array(c.data<long>().ToArray()),
            ScalarType.Int32 => np.array(c.data<int>().ToArray()),
            ScalarType.Byte => np.array(c.data<byte>().ToArray()),
            ScalarType.Bool => np.array(c.data<bool>().ToArray()),
            _ => np.array(c.to(float32).data<float>().ToArray()),
        };
        return shape.Length == 0 ? nd.reshape(new NumSharp.Shape()) : nd.reshape(shape);
    }
}
