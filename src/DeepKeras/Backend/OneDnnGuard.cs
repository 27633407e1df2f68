using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Backend;

/// <summary>
/// Checks once per process that libtorch's oneDNN (MKL-DNN) CPU convolutions compute correct input gradients, and
/// turns oneDNN off when they do not, so convolutional networks train on right gradients.
/// </summary>
/// <remarks>
/// On some CPUs (measured: AMD EPYC family 26 / Zen 5 in a Firecracker VM, libtorch 2.10 with oneDNN 3.7.1) the
/// float32 convolution backward-data and transposed-convolution kernels return wrong values whenever libtorch picks
/// oneDNN (batch &gt; 1), while forward passes and weight gradients stay right. The check runs three tiny
/// convolutions in float32 and float64 (which never uses oneDNN) and compares the input gradients. Without oneDNN,
/// libtorch falls back to its im2col + GEMM kernels: correct, and slower on CNNs. <c>DEEPKERAS_ONEDNN</c> overrides
/// it: <c>auto</c> (default, check), <c>on</c> (keep oneDNN, no check) or <c>off</c> (always disable).
/// </remarks>
internal static class OneDnnGuard
{
    public const string Variable = "DEEPKERAS_ONEDNN";

    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>Gets a one-line account of the decision, for <c>Keras.Backend.Describe()</c>.</summary>
    public static string Status { get; private set; } = "oneDNN: not checked";

    public static void Apply()
    {
        if (_done)
        {
            return;
        }

        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            _done = true;
            var mode = (Environment.GetEnvironmentVariable(Variable) ?? "auto").Trim().ToLowerInvariant();
            if (mode == "on")
            {
                Status = $"oneDNN: on ({Variable}=on)";
                return;
            }

            if (mode != "off" && GradientsAreRight())
            {
                Status = "oneDNN: on (convolution gradient check passed)";
                return;
            }

            Status = TryDisable()
                ? mode == "off"
                    ? $"oneDNN: off ({Variable}=off)"
                    : "oneDNN: off (its convolution input gradients were wrong on this CPU; using libtorch's native kernels)"
                : "oneDNN: could not be switched off on this platform";
        }
    }

    /// <summary>Compares float32 conv input gradients (oneDNN for batch &gt; 1) with float64 ones (never oneDNN).</summary>
    internal static bool GradientsAreRight()
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad(true);

        // (batch, in, out, height, width, kernel, stride, padding): shapes where the faulty kernels showed up.
        (int B, int Cin, int Cout, int H, int W, int K, int S, int P)[] cases =
            [(3, 1, 1, 5, 6, 2, 2, 0), (2, 3, 8, 7, 7, 3, 1, 1), (2, 4, 4, 5, 5, 3, 1, 1)];
        foreach (var c in cases)
        {
            var x = arange(c.B * c.Cin * c.H * c.W, dtype: float64, device: CPU).sin().reshape(c.B, c.Cin, c.H, c.W);
            var w = arange(c.Cout * c.Cin * c.K * c.K, dtype: float64, device: CPU).cos().reshape(c.Cout, c.Cin, c.K, c.K);
            var reference = InputGradient(x, w, c.S, c.P);
            var actual = InputGradient(x.to(float32), w.to(float32), c.S, c.P).to(float64);
            var scale = reference.abs().max().item<double>();
            var error = (actual - reference).abs().max().item<double>();
            if (!(error <= 1e-4 * Math.Max(1, scale)))
            {
                return false;
            }
        }

        return true;
    }

    private static Tensor InputGradient(Tensor x, Tensor w, long stride, long padding)
    {
        var xr = x.detach().requires_grad_(true);
        var y = nn.functional.conv2d(xr, w.detach().requires_grad_(true), null, [stride, stride], [padding, padding]);
        y.mul(y.detach().cos()).sum().backward();
        return xr.grad!.detach();
    }

    private static bool TryDisable()
    {
        try
        {
            AtenContext.MkldnnEnabled = false;
            return !AtenContext.MkldnnEnabled;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}
