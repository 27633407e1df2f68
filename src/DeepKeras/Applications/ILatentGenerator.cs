using static TorchSharp.torch;

namespace DeepKeras;

/// <summary>A generative model that maps latent vectors to samples (GAN generator, VAE decoder); used by <see cref="Applications.GanMonitor"/>.</summary>
internal interface ILatentGenerator
{
    /// <summary>Gets the size of a latent vector.</summary>
    int LatentDim { get; }

    /// <summary>Maps latent vectors (n, LatentDim) to samples in inference mode.</summary>
    /// <param name="z">The latent vectors, on the model's device.</param>
    Tensor GenerateFrom(Tensor z);
}
