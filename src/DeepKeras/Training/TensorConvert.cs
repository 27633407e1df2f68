using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>Conversions between .NET arrays, NumSharp arrays and TorchSharp tensors (CPU copies).</summary>
internal static class TensorConvert
{
    /// <summary>A CPU tensor of a .NET array with DeepKeras's input types: integers as int64, floats as float32.</summary>
    public static Tensor ToTensor(Array array, string argName) => Widen(ToTensorExact(array, argName));

    /// <summary>A CPU tensor of a .NET array that keeps its element type (int32 stays int32, double float64).</summary>
    public static Tensor ToTensorExact(Array array, string argName)
    {
        Keras.Backend.EnsureInitialized();
        var shape = Enumerable.Range(0, array.Rank).Select(i => (long)array.GetLength(i)).ToArray();
        return array switch
        {
            _ when array.GetType().GetElementType() == typeof(string) => StringHandles.Encode(array, argName),
            float[] a => tensor(a, shape),
            double[] a => tensor(a, shape),
            int[] a => tensor(a, shape),
            long[] a => tensor(a, shape),
            byte[] a => tensor(a, shape),
            bool[] a => tensor(a, shape),
            _ when array.Rank > 1 => FromMultiDim(array, shape, argName),
            _ => throw new ArgumentException(
                $"Unsupported array type {array.GetType().Name} for `{argName}`. Expected float, double, int, long, byte or bool arrays.", argName),
        };
    }

    /// <summary>
    /// Stacks the rows of a jagged array (<c>float[][]</c>) the way numpy reads a list of lists; the rows must have
    /// one length.
    /// </summary>
    public static Tensor StackRows(Array[] rows, string name, Func<Array, string, Tensor> convert)
    {
        if (rows.Length == 0)
        {
            throw new ArgumentException($"`{name}` is empty.", name);
        }

        var first = rows[0].Length;
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != first)
            {
                throw new ArgumentException(
                    $"`{name}` is a jagged array whose rows differ in length: row 0 has {first} values, row {i} has {rows[i]?.Length ?? 0}. " +
                    "Pad sequences to one length first (Keras.Utils.PadSequences).", name);
            }
        }

        if (rows[0] is string[])
        {
            // Rows of texts: one (rows, length) string array, so its handles come from a single table.
            var texts = new string[rows.Length, first];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = 0; j < first; j++)
                {
                    texts[i, j] = (string)rows[i].GetValue(j)!;
                }
            }

            return convert(texts, name);
        }

        var tensors = rows.Select(r => convert(r, name)).ToArray();
        return stack(tensors);
    }

    private static Tensor Widen(Tensor t) => t.dtype switch
    {
        ScalarType.Int32 or ScalarType.Int16 => t.to(int64),
        ScalarType.Float64 => t.to(float32),
        _ => t,
    };

    private static Tensor FromMultiDim(Array array, long[] shape, string argName)
    {
        var type = array.GetType().GetElementType();
        var flat = Array.CreateInstance(type!, array.Length);
        Buffer.BlockCopy(array, 0, flat, 0, Buffer.ByteLength(array));
        return ToTensorExact(flat, argName).reshape(shape);
    }

    /// <summary>A CPU tensor of a NumSharp array with DeepKeras's input types: integers as int64, floats as float32.</summary>
    public static Tensor ToTensor(NDArray array, string? argName) => Widen(ToTensorExact(array, argName));

    /// <summary>A CPU tensor of a NumSharp array that keeps its dtype where torch has it (uint16 becomes int32, uint32 int64).</summary>
    public static Tensor ToTensorExact(NDArray array, string? argName)
    {
        Keras.Backend.EnsureInitialized();
        var shape = array.shape.Select(d => (long)d).ToArray();
        if (array.ndim == 0)
        {
            shape = [];
        }

        return array.typecode switch
        {
            NPTypeCode.Single => tensor(array.ToArray<float>(), shape),
            NPTypeCode.Double => tensor(array.ToArray<double>(), shape),
            NPTypeCode.Int32 => tensor(array.ToArray<int>(), shape),
            NPTypeCode.Int64 => tensor(array.ToArray<long>(), shape),
            NPTypeCode.Byte => tensor(array.ToArray<byte>(), shape),
            NPTypeCode.Boolean => tensor(array.ToArray<bool>(), shape),
            NPTypeCode.Int16 => tensor(array.ToArray<short>(), shape),
            NPTypeCode.UInt16 => tensor(array.ToArray<ushort>().Select(v => (int)v).ToArray(), shape),
            NPTypeCode.UInt32 => tensor(array.ToArray<uint>().Select(v => (long)v).ToArray(), shape),
            _ => throw new ArgumentException(
                $"Unsupported NDArray dtype {array.dtype.Name} for `{argName ?? "array"}`. Expected a numeric dtype.", argName),
        };
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
