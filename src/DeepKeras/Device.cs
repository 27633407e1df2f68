namespace DeepKeras;

/// <summary>Where tensors live and models run.</summary>
public enum Device
{
    /// <summary>CUDA when <c>torch.cuda.is_available()</c>, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU (oneDNN/MKL kernels).</summary>
    Cpu,

    /// <summary>The first CUDA GPU; requires the CUDA build of TorchSharp (see README).</summary>
    Cuda,
}
