using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Examples;

/// <summary>NumSharp arrays from the dataset loaders as TorchSharp tensors, for examples that compute with tensor ops.</summary>
internal static class Tensors
{
    /// <summary>A float32 NDArray (e.g. images scaled to [0, 1]) as a float32 CPU tensor of the same shape.</summary>
    public static Tensor Float(NDArray array) =>
        torch.tensor(array.astype(np.float32).ToArray<float>(), array.shape.Select(d => (long)d).ToArray());

    /// <summary>Integer class labels as an int64 CPU tensor of shape (N,).</summary>
    public static Tensor Labels(NDArray labels) =>
        torch.tensor(labels.astype(np.int64).ToArray<long>(), [labels.size]);
}
