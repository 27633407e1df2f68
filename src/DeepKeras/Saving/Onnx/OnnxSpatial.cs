using DeepKeras.Layers;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// Convolution, pooling, padding, cropping and upsampling layers. ONNX's Conv and pooling operators work on channels-first
/// tensors, so a channels-last layer is wrapped in two Transposes; the graph between layers stays in Keras's layout (so
/// Flatten keeps Keras's channels-last order). "same" padding is TensorFlow's (extra at the end): ONNX's SAME_UPPER.
/// </summary>
internal static class OnnxSpatial
{
    public static string Conv(OnnxGraph g, BaseConv layer, string x)
    {
        var r = layer.Rank;
        var channelsLast = layer.DataFormat == "channels_last";
        var h = layer.Name;
        x = ChannelsFirstInput(g, x, channelsLast, r, h);

        if (layer.Padding == "causal")
        {
            long[] pads = [0, 0, layer.DilationRate[0] * (layer.KernelSize[0] - 1), 0, 0, 0];
            x = g.Op("Pad", h, null, x, g.Int64Constant($"{h}/pads", pads));
        }

        var y = ConvNode(g, h, x, "kernel", KernelToOnnx(layer.Kernel!.Value), layer.Bias,
            WindowAttributes(layer.KernelSize, layer.Strides, layer.DilationRate, layer.Padding == "same", layer.Groups));
        return Finish(g, y, channelsLast, r, layer.Activation, h);
    }

    public static string DepthwiseConv(OnnxGraph g, BaseDepthwiseConv layer, string x)
    {
        var h = layer.Name;
        var channelsLast = layer.DataFormat == "channels_last";
        var inChannels = layer.Kernel!.Value.shape[^2];
        x = ChannelsFirstInput(g, x, channelsLast, layer.Rank, h);

        var y = ConvNode(g, h, x, "kernel", DepthwiseToOnnx(layer.Kernel.Value), layer.Bias,
            WindowAttributes(layer.KernelSize, layer.Strides, layer.DilationRate, layer.Padding == "same", inChannels));
        return Finish(g, y, channelsLast, layer.Rank, layer.Activation, h);
    }

    public static string SeparableConv(OnnxGraph g, BaseSeparableConv layer, string x)
    {
        var h = layer.Name;
        var channelsLast = layer.DataFormat == "channels_last";
        var inChannels = layer.DepthwiseKernel!.Value.shape[^2];
        x = ChannelsFirstInput(g, x, channelsLast, layer.Rank, h);

        var depthwise = g.Node("Conv", [x, Weight(g, $"{h}/depthwise_kernel", DepthwiseToOnnx(layer.DepthwiseKernel.Value))], h, 1,
            WindowAttributes(layer.KernelSize, layer.Strides, layer.DilationRate, layer.Padding == "same", inChannels))[0];
        var ones = Enumerable.Repeat(1, layer.Rank).ToArray();
        var y = ConvNode(g, h, depthwise, "pointwise_kernel", KernelToOnnx(layer.PointwiseKernel!.Value), layer.Bias,
            WindowAttributes(ones, ones, ones, false, 1));
        return Finish(g, y, channelsLast, layer.Rank, layer.Activation, h);
    }

    public static string ConvTranspose(OnnxGraph g, BaseConvTranspose layer, string x)
    {
        var h = layer.Name;
        var r = layer.Rank;
        var channelsLast = layer.DataFormat == "channels_last";
        x = ChannelsFirstInput(g, x, channelsLast, r, h);

        var attributes = Attrs(("kernel_shape", Longs(layer.KernelSize)), ("strides", Longs(layer.Strides)), ("dilations", Longs(layer.DilationRate)),
            ("pads", new long[2 * r]));
        var y = g.Node("ConvTranspose", [x, Weight(g, $"{h}/kernel", KernelToOnnx(layer.Kernel!.Value))], h, 1, attributes)[0];

        // The full transposed convolution, then Keras's window: negative adjustments crop, positive ones pad.
        var adjust = Enumerable.Range(0, r).Select(layer.OutputAdjustment).ToArray();
        if (adjust.Any(a => a.Left < 0 || a.Right < 0))
        {
            var axes = Enumerable.Range(2, r).Select(i => (long)i).ToArray();
            var starts = adjust.Select(a => (long)Math.Max(0, -a.Left)).ToArray();
            var ends = adjust.Select(a => a.Right < 0 ? a.Right : long.MaxValue).ToArray();
            y = g.Op("Slice", h, null, y, g.Int64Constant($"{h}/starts", starts), g.Int64Constant($"{h}/ends", ends), g.Int64Constant($"{h}/axes", axes));
        }

        if (adjust.Any(a => a.Left > 0 || a.Right > 0))
        {
            long[] pads = [0, 0, .. adjust.Select(a => (long)Math.Max(0, a.Left)), 0, 0, .. adjust.Select(a => (long)Math.Max(0, a.Right))];
            y = g.Op("Pad", h, null, y, g.Int64Constant($"{h}/pads", pads));
        }

        if (layer.Bias is { } bias)
        {
            var shape = Enumerable.Repeat(1L, r + 1).ToArray();
            shape[0] = layer.Filters;
            y = g.Op("Add", h, null, y, Weight(g, $"{h}/bias", bias.Value.reshape(shape)));
        }

        return Finish(g, y, channelsLast, r, layer.Activation, h);
    }

    public static string Pool(OnnxGraph g, BasePooling layer, string x)
    {
        var h = layer.Name;
        var channelsLast = layer.DataFormat == "channels_last";
        x = ChannelsFirstInput(g, x, channelsLast, layer.Rank, h);

        var attributes = Attrs(("kernel_shape", Longs(layer.PoolSize)), ("strides", Longs(layer.Strides)));
        if (layer.Padding == "same")
        {
            attributes["auto_pad"] = "SAME_UPPER";
        }

        var y = layer.PoolMode switch
        {
            "max" => g.Op("MaxPool", h, attributes, x),
            "min" => g.Op("Neg", h, null, g.Op("MaxPool", h, attributes, g.Op("Neg", h, null, x))),
            _ => g.Op("AveragePool", h, attributes, x),
        };
        return channelsLast ? ToChannelsLast(g, y, layer.Rank, h) : y;
    }

    public static string GlobalPool(OnnxGraph g, BaseGlobalPooling layer, string x)
    {
        var first = layer.DataFormat == "channels_last" ? 1 : 2;
        var axes = Enumerable.Range(first, layer.Rank).Select(i => (long)i).ToArray();
        var op = layer.ClassName.StartsWith("GlobalMax", StringComparison.Ordinal) ? "ReduceMax" : "ReduceMean";
        return g.Op(op, layer.Name, Attrs(("axes", axes), ("keepdims", layer.Keepdims ? 1L : 0L)), x);
    }

    public static string ZeroPadding(OnnxGraph g, BaseZeroPadding layer, string x)
    {
        // ONNX pads: every axis's start, then every axis's end; batch and channel axes get none.
        var n = layer.Rank + 2;
        var pads = new long[2 * n];
        for (var i = 0; i < layer.Rank; i++)
        {
            pads[layer.FirstSpatialAxis + i] = layer.Amounts[i].Before;
            pads[n + layer.FirstSpatialAxis + i] = layer.Amounts[i].After;
        }

        return g.Op("Pad", layer.Name, null, x, g.Int64Constant($"{layer.Name}/pads", pads));
    }

    public static string Cropping(OnnxGraph g, BaseCropping layer, string x)
    {
        var h = layer.Name;
        var axes = Enumerable.Range(layer.FirstSpatialAxis, layer.Rank).Select(a => (long)a).ToArray();
        var starts = layer.Amounts.Select(a => (long)a.Before).ToArray();
        var ends = layer.Amounts.Select(a => a.After == 0 ? long.MaxValue : -a.After).ToArray();
        return g.Op("Slice", h, null, x, g.Int64Constant($"{h}/starts", starts), g.Int64Constant($"{h}/ends", ends),
            g.Int64Constant($"{h}/axes", axes));
    }

    public static string UpSampling(OnnxGraph g, BaseUpSampling layer, string x)
    {
        var scales = Enumerable.Repeat(1f, layer.Size.Length + 2).ToArray();
        for (var i = 0; i < layer.Size.Length; i++)
        {
            scales[layer.FirstSpatialAxis + i] = layer.Size[i];
        }

        var interpolation = layer is UpSampling2D u ? u.Interpolation : "nearest";
        var attributes = interpolation == "nearest"
            ? Attrs(("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor"))
            : interpolation == "bilinear"
                ? Attrs(("mode", "linear"), ("coordinate_transformation_mode", "half_pixel"))
                : throw new NotSupportedException($"Cannot export layer '{layer.Name}' ({layer.ClassName}) to ONNX: interpolation '{interpolation}' is not supported (nearest and bilinear are).");
        return g.Op("Resize", layer.Name, attributes, x, "", g.Constant($"{layer.Name}/scales", scales, [scales.Length]));
    }

    private static Dictionary<string, object> WindowAttributes(int[] kernel, int[] strides, int[] dilations, bool same, long groups)
    {
        var attributes = Attrs(("kernel_shape", Longs(kernel)), ("strides", Longs(strides)), ("dilations", Longs(dilations)), ("group", groups));
        if (same)
        {
            attributes["auto_pad"] = "SAME_UPPER";
        }

        return attributes;
    }

    // Keras depthwise kernel (k…, in, multiplier) → ONNX grouped weight (in·multiplier, 1, k…), channel c·m + j.
    private static Tensor DepthwiseToOnnx(Tensor kernel)
    {
        var r = (int)kernel.dim() - 2;
        var flat = kernel.reshape([.. kernel.shape[..r], 1, kernel.shape[r] * kernel.shape[r + 1]]);
        return KernelToOnnx(flat);
    }

    /// <summary>The layer's input in ONNX's channels-first layout: a Transpose for a channels-last layer, else as is.</summary>
    private static string ChannelsFirstInput(OnnxGraph g, string x, bool channelsLast, int rank, string hint) =>
        channelsLast ? ToChannelsFirst(g, x, rank, hint) : x;

    /// <summary>A Conv node on <paramref name="x"/> with the kernel and, when the layer has one, the bias as initializers.</summary>
    private static string ConvNode(OnnxGraph g, string h, string x, string kernelName, Tensor kernel, Variable? bias,
        Dictionary<string, object> attributes)
    {
        var inputs = new List<string> { x, Weight(g, $"{h}/{kernelName}", kernel) };
        if (bias is not null)
        {
            inputs.Add(Weight(g, $"{h}/bias", bias.Value));
        }

        return g.Node("Conv", inputs, h, 1, attributes)[0];
    }

    private static string Finish(OnnxGraph g, string y, bool channelsLast, int rank, Activations.ActivationFunction activation, string hint) =>
        Activation(g, channelsLast ? ToChannelsLast(g, y, rank, hint) : y, activation, hint);

    private static long[] Longs(int[] values) => values.Select(v => (long)v).ToArray();
}
