namespace DeepKeras.Layers;

/// <summary>Argument checks and Keras's size formulas shared by the convolution, pooling and reshaping layers.</summary>
internal static class ConvArgs
{
    /// <summary>Keras <c>standardize_padding</c>: lower-cases and checks the padding mode.</summary>
    public static string Padding(string padding, bool allowCausal = false)
    {
        var p = (padding ?? "").Trim().ToLowerInvariant();
        if (p is "valid" or "same" || (allowCausal && p == "causal"))
        {
            return p;
        }

        var allowed = allowCausal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}";
        throw new ArgumentException(
            $"The `padding` argument must be a list/tuple or one of {allowed}. Received: {padding}", nameof(padding));
    }

    /// <summary>Keras <c>standardize_data_format</c>: null means <c>channels_last</c>.</summary>
    public static string DataFormat(string? dataFormat)
    {
        var f = (dataFormat ?? "channels_last").Trim().ToLowerInvariant();
        return f is "channels_last" or "channels_first"
            ? f
            : throw new ArgumentException(
                $"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={dataFormat}",
                nameof(dataFormat));
    }

    /// <summary>
    /// Output length of a convolution or pooling window along one axis (Keras <c>compute_conv_output_shape</c>):
    /// valid ⌊(n − d(k−1) − 1)/s⌋ + 1, same and causal ⌈n/s⌉. Null when <paramref name="n"/> is unknown.
    /// </summary>
    public static int? OutputLength(int? n, int k, int s, int d, string padding) => n is not { } len
        ? null
        : padding == "valid" ? FloorDiv(len - (d * (k - 1)) - 1, s) + 1 : FloorDiv(len - 1, s) + 1;

    /// <summary>
    /// Keras "same" padding along one axis (<c>_compute_padding_length</c>): total = max((⌈n/s⌉−1)·s + d(k−1)+1 − n, 0),
    /// left = total / 2, right = the rest (the extra cell goes at the end).
    /// </summary>
    public static (int Left, int Right) SamePadding(int n, int k, int s, int d)
    {
        var outLen = FloorDiv(n - 1, s) + 1;
        var total = Math.Max(0, ((outLen - 1) * s) + (d * (k - 1)) + 1 - n);
        return (total / 2, total - (total / 2));
    }

    /// <summary>The spatial output shape of a window op, failing with Keras's message when a size would be negative.</summary>
    public static Shape WindowOutputShape(Layer layer, Shape inputShape, int rank, bool channelsLast, int channels,
        int[] window, int[] strides, int[] dilation, string padding)
    {
        var dims = inputShape.ToArray();
        var first = channelsLast ? 1 : 2;
        for (var i = 0; i < rank; i++)
        {
            var o = OutputLength(dims[first + i], window[i], strides[i], dilation[i], padding);
            if (o is <= 0)
            {
                throw new ArgumentException(
                    $"Computed output size would be negative for layer \"{layer.Name}\" ({layer.ClassName}). Received: " +
                    $"input_shape={inputShape}, window={Shape.Format(window.Select(w => (int?)w).ToArray())}, " +
                    $"strides={Shape.Format(strides.Select(w => (int?)w).ToArray())}, padding={padding}.");
            }

            dims[first + i] = o;
        }

        dims[channelsLast ? rank + 1 : 1] = channels;
        return new Shape(dims);
    }

    /// <summary>Python-style floor division (rounds towards −∞).</summary>
    public static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
