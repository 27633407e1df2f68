using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The host-side encoding of category indices shared by the lookup and hashing layers (Keras
/// <c>numerical_utils.encode_categorical_inputs</c>): <c>"int"</c> keeps the indices, <c>"one_hot"</c> appends an axis of
/// <c>depth</c> (replacing a last axis of size 1), <c>"multi_hot"</c>, <c>"count"</c> and <c>"tf_idf"</c> replace the last
/// axis (a rank-1 input is one sample). Negative indices (masked values) and indices at or past <c>depth</c> count nowhere.
/// </summary>
internal static class CategoricalOutput
{
    /// <summary>The output shape for an input shape.</summary>
    public static Shape OutputShape(Shape input, string mode, int? depth)
    {
        if (mode == "int")
        {
            return input;
        }

        if (input.Rank == 0)
        {
            return new Shape(depth);
        }

        var keep = mode == "one_hot" && !(input.Rank > 1 && input[-1] == 1) ? input.Rank : input.Rank - 1;
        return new Shape([.. input.Dims.Take(keep), depth]);
    }

    /// <summary>Encodes <paramref name="ids"/> (row-major, of shape <paramref name="shape"/>) as a tensor on <paramref name="device"/>.</summary>
    /// <param name="ids">The indices.</param>
    /// <param name="shape">Their shape.</param>
    /// <param name="mode"><c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="depth">The length of an encoded vector.</param>
    /// <param name="idfWeights">In <c>"tf_idf"</c> mode, the weight per index (length <paramref name="depth"/>).</param>
    /// <param name="device">Where the result goes; null for the CPU.</param>
    public static Tensor Encode(long[] ids, long[] shape, string mode, int depth, float[]? idfWeights, TorchSharp.torch.Device? device)
    {
        Tensor result;
        if (mode == "int")
        {
            result = tensor(ids, shape, int64);
        }
        else
        {
            var rows = shape.Length == 0 ? [1L] : shape;
            var perRow = mode == "one_hot" ? 1 : rows[^1];
            var outShape = (long[])OutputShape(new Shape(rows.Select(d => (int?)checked((int)d)).ToArray()), mode, depth).ToLongArray();
            var n = perRow == 0 ? 0 : ids.Length / perRow;
            if (mode != "one_hot" && rows.Length > 0)
            {
                n = rows.Length == 1 ? 1 : rows[..^1].Aggregate(1L, (a, b) => a * b);
            }

            var values = new float[n * depth];
            for (long r = 0; r < n; r++)
            {
                for (long j = 0; j < perRow; j++)
                {
                    var id = ids[(r * perRow) + j];
                    if (id < 0 || id >= depth)
                    {
                        continue;
                    }

                    var k = (r * depth) + id;
                    values[k] = mode is "multi_hot" or "one_hot" ? 1f : values[k] + 1f;
                }
            }

            if (mode == "tf_idf")
            {
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] *= idfWeights![k % depth];
                }
            }

            result = tensor(values, outShape, float32);
        }

        return device is null || device.type == TorchSharp.DeviceType.CPU ? result : result.to(device);
    }

    /// <summary>Validates a string argument against the allowed values, with Keras's message (<c>validate_string_arg</c>).</summary>
    /// <exception cref="ArgumentException">A value not in <paramref name="allowed"/>.</exception>
    public static void CheckString(string? value, string[] allowed, string layer, string kerasName, string paramName, bool allowNull = false)
    {
        if ((value is null && allowNull) || (value is not null && allowed.Contains(value)))
        {
            return;
        }

        throw new ArgumentException(
            $"Unknown value for `{kerasName}` argument of {layer}. Allowed values are: ({string.Join(", ", allowed.Select(a => $"'{a}'"))}). " +
            $"Received: {kerasName}={value ?? "None"}", paramName);
    }
}
