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
            w = ChannelsLastInput(x) && w.shape[0] > 1 ? ToChannelsLast(w) : w.contiguous();
        }

        return s.Length switch
        {
            1 => F.conv1d(x, w, b, s[0], p[0], d[0], groups),
            2 => F.conv2d(x, w, b, s, p, d, groups),
            _ => F.conv3d(x, w, b, s, p, d, groups),
        };
    }

    /// <summary>Whether a channels_first view holds its channels innermost (torch's channels_last memory format).</summary>
    private static bool ChannelsLastInput(Tensor x) => x.dim() >= 3 && x.shape[1] > 1 && x.stride(1) == 1;

    /// <summary>
    /// The kernel <c>(out, in, *k)</c> copied into torch's channels_last memory format (strides of <c>(out, *k, in)</c>),
    /// the format of a channels_last input: oneDNN then runs the convolution and its gradients without reordering
    /// either operand on every step.
    /// </summary>
    private static Tensor ToChannelsLast(Tensor w)
    {
        var r = (int)w.dim() - 2;
        var toLast = new long[r + 2];
        var back = new long[r + 2];
        toLast[0] = 0;
        toLast[r + 1] = 1;
        back[0] = 0;
        back[1] = r + 1;
        for (var i = 0; i < r; i++)
        {
            toLast[i + 1] = i + 2;
            back[i + 2] = i + 1;
        }

        return w.permute(toLast).contiguous().permute(back);
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
