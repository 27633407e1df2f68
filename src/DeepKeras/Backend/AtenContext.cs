using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// libtorch's global backend switches (<c>at::globalContext()</c>), which TorchSharp does not wrap: the ones behind
/// Python's <c>torch.backends.mkldnn.enabled</c> and <c>torch.backends.nnpack.enabled</c>. Itanium C++ symbol names
/// (Linux and macOS); callers treat <see cref="EntryPointNotFoundException"/> as "not available here".
/// </summary>
internal static class AtenContext
{
    /// <summary>Gets or sets whether libtorch may use oneDNN (MKL-DNN) CPU kernels.</summary>
    public static bool MkldnnEnabled
    {
        get => UserEnabledMkldnn(GlobalContext());
        set => SetUserEnabledMkldnn(GlobalContext(), value);
    }

    /// <summary>Gets or sets whether libtorch may use NNPACK convolutions.</summary>
    public static bool NnpackEnabled
    {
        get => UserEnabledNnpack(GlobalContext());
        set => SetUserEnabledNnpack(GlobalContext(), value);
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool UserEnabledMkldnn(IntPtr context);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool UserEnabledNnpack(IntPtr context);
}
