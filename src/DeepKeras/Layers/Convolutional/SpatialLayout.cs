using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The one place that maps Keras's channels_last tensors and kernels to torch's channels_first ops.
/// </summary>
/// <remarks>
/// Layers keep their outputs in Keras's layout, so Flatten and Dense see channels_last order and <c>.keras</c> weights
/// line up. A channels_last tensor <c>(N, H, W, C)</c> permuted to <c>(N, C, H, W)</c> is a view whose strides are
/// torch's <c>channels_last</c> memory format: libtorch's CPU (oneDNN) and cuDNN kernels take it without a copy and
/// return a channels_last result, which permutes back to a contiguous <c>(N, H, W, C)</c> tensor, again without a copy.
/// Measured on Keras's mnist_convnet (libtorch 2.10, 2 threads, samples per CPU-second): NCHW throughout 408, these
/// permuted views 418, permuting with a copy to contiguous NCHW 364 — the views cost nothing.
/// </remarks>
internal static class SpatialLayout
{
    /// <summary>Keras layout → torch layout: <c>(N, *spatial, C)</c> → <c>(N, C, *spatial)</c> (a view).</summary>
    public static Tensor ToTorch(Tensor x, bool channelsLast)
    {
        if (!channelsLast)
        {
            return x;
        }

        var r = (int)x.dim() - 2;
        var perm = new long[r + 2];
        perm[1] = r + 1;
        for (var i = 0; i < r; i++)
        {
            perm[i + 2] = i + 1;
        }

        return x.permute(perm);
    }

    /// <summary>Torch layout → Keras layout: <c>(N, C, *spatial)</c> → <c>(N, *spatial, C)</c> (a view).</summary>
    public static Tensor FromTorch(Tensor y, bool channelsLast)
    {
        if (!channelsLast)
        {
            return y;
        }

        var r = (int)y.dim() - 2;
        var perm = new long[r + 2];
        for (var i = 0; i < r; i++)
        {
            perm[i + 1] = i + 2;
        }

        perm[r + 1] = 1;
        return y.permute(perm);
    }

    /// <summary>
    /// A Keras kernel <c>(*k, a, b)</c> as torch wants it, <c>(b, a, *k)</c>: conv kernels <c>(*k, in, out)</c> become
    /// <c>(out, in, *k)</c>, transposed-conv kernels <c>(*k, out, in)</c> become <c>(in, out, *k)</c>.
    /// </summary>
    public static Tensor KernelToTorch(Tensor kernel)
    {
        var r = (int)kernel.dim() - 2;
        var perm = new long[r + 2];
        perm[0] = r + 1;
        perm[1] = r;
        for (var i = 0; i < r; i++)
        {
            perm[i + 2] = i;
        }

        return kernel.permute(perm);
    }

    /// <summary>Torch's <c>F.pad</c> list (last axis first) for per-axis (left, right) amounts of a channels_first tensor.</summary>
    public static long[] PadList(IReadOnlyList<(int Left, int Right)> pads)
    {
        var list = new long[pads.Count * 2];
        for (var i = 0; i < pads.Count; i++)
        {
            var p = pads[pads.Count - 1 - i];
            list[2 * i] = p.Left;
            list[(2 * i) + 1] = p.Right;
        }

        return list;
    }

    /// <summary>
    /// Applies Keras "same" padding to a channels_first tensor. When every axis pads evenly the tensor is returned as is
    /// with the symmetric amounts for torch's own <c>padding</c> argument (no copy); otherwise (stride &gt; 1 or an even
    /// window) it is padded explicitly with <paramref name="value"/> and the torch padding is 0.
    /// </summary>
    public static (Tensor X, long[] TorchPadding) PadSame(Tensor x, int[] window, int[] strides, int[] dilation, double value = 0)
    {
        var r = window.Length;
        var pads = new (int Left, int Right)[r];
        for (var i = 0; i < r; i++)
        {
            pads[i] = ConvArgs.SamePadding((int)x.shape[i + 2], window[i], strides[i], dilation[i]);
        }

        return pads.All(p => p.Left == p.Right)
            ? (x, pads.Select(p => (long)p.Left).ToArray())
            : (nn.functional.pad(x, PadList(pads), PaddingModes.Constant, value), new long[r]);
    }

    /// <summary>Converts ints to the <see cref="long"/> arrays TorchSharp takes.</summary>
    public static long[] L(int[] v) => v.Select(x => (long)x).ToArray();
}
