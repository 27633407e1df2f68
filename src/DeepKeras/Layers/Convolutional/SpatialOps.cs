using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepKeras.Layers;

/// <summary>Torch's 1-D/2-D/3-D convolution and pooling ops chosen by rank; inputs are channels_first.</summary>
internal static class SpatialOps
{
    public static Tensor Conv(Tensor x, Tensor w, Tensor? b, long[] s, long[] p, long[] d, long groups)
    {
        // libtorch 2.10's CPU (oneDNN) depthwise conv returns wrong values for a channels_last input when each channel
        // has several filters (groups == channels < out_channels); a contiguous channels_first input is computed right.
        if (groups > 1 && groups == x.shape[1] && w.shape[0] > groups && x.device_type == DeviceType.CPU)
        {
            x = x.contiguous();
        }

        // The kernel is a permuted view of the Keras-layout variable. With one output channel that view also reads as
        // channels_last, and libtorch's native CPU convolution then rejects its own weight gradient ("slow_conv2d:
        // grad_weight must be contiguous"); a contiguous kernel (a small copy, made anyway by the kernel) avoids it.
        if (!w.is_contiguous())
        {
            w = w.contiguous();
        }

        return s.Length switch
        {
            1 => F.conv1d(x, w, b, s[0], p[0], d[0], groups),
            2 => F.conv2d(x, w, b, s, p, d, groups),
            _ => F.conv3d(x, w, b, s, p, d, groups),
        };
    }

    public static Tensor ConvTranspose(Tensor x, Tensor w, long[] s, long[] d) => s.Length switch
    {
        1 => F.conv_transpose1d(x, w, null, s[0], 0, 0, d[0]),
        2 => F.conv_transpose2d(x, w, null, s, new long[2], new long[2], d),
        _ => F.conv_transpose3d(x, w, null, s, new long[3], new long[3], d),
    };

    public static Tensor MaxPool(Tensor x, long[] k, long[] s, long[] p) => k.Length switch
    {
        1 => F.max_pool1d(x, k[0], s[0], p[0]),
        2 => F.max_pool2d(x, k, s, p),
        _ => F.max_pool3d(x, k, s, p),
    };

    public static Tensor AvgPool(Tensor x, long[] k, long[] s, long[] p, bool countIncludePad) => k.Length switch
    {
        1 => F.avg_pool1d(x, k[0], s[0], p[0], count_include_pad: countIncludePad),
        2 => F.avg_pool2d(x, k, s, p, count_include_pad: countIncludePad),
        _ => F.avg_pool3d(x, k, s, p, count_include_pad: countIncludePad),
    };
}
