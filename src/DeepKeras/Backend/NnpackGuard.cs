using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// Switches libtorch's NNPACK convolutions off once per process when NNPACK cannot initialise on this CPU.
/// </summary>
/// <remarks>
/// libtorch asks NNPACK on every eligible convolution and, where NNPACK reports unsupported hardware (measured: AMD
/// Zen 5 under Firecracker), logs <c>Could not initialize NNPACK! Reason: Unsupported hardware.</c> each time — a
/// thousand lines in a short CNN training — before falling back to its other kernels. Turning NNPACK off through the
/// switch behind Python's <c>torch.backends.nnpack.enabled</c> selects the same fallback without the noise. Where
/// NNPACK works it stays on.
/// </remarks>
internal static class NnpackGuard
{
    private const int Success = 0;

    /// <summary>Gets whether NNPACK initialises on this CPU.</summary>
    internal static bool Available => Initialize() == Success;

    /// <summary>Gets libtorch's NNPACK switch (<c>torch.backends.nnpack.enabled</c>).</summary>
    internal static bool Enabled => AtenContext.NnpackEnabled;

    public static void Apply()
    {
        try
        {
            if (!Available)
            {
                AtenContext.NnpackEnabled = false;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // A libtorch built without NNPACK (or another platform's symbol names): nothing to switch.
        }
    }

    // NNPACK's own initialiser (idempotent, exported by libtorch_cpu).
    [DllImport("libtorch_cpu", EntryPoint = "nnp_initialize")]
    private static extern int Initialize();
}
