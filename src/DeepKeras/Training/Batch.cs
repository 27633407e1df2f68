using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// One batch handed to <c>TrainStep</c>/<c>TestStep</c>/<c>PredictStep</c> (Keras's <c>data</c>): inputs, targets
/// (null when <c>Fit</c> got no <c>y</c>, as for autoencoder-style VAE/GAN training) and sample weights.
/// </summary>
/// <param name="X">The inputs, one tensor per model input, already on the model's device.</param>
/// <param name="Y">The targets, one per output, or null.</param>
/// <param name="SampleWeight">Per-sample weights, or null.</param>
public sealed record Batch(Tensor[] X, Tensor[]? Y, Tensor? SampleWeight)
{
    /// <summary>Gets the first (usually only) input.</summary>
    public Tensor Input => X[0];

    /// <summary>Gets the first (usually only) target; throws when there is none.</summary>
    public Tensor Target => Y is { Length: > 0 } y ? y[0] : throw new InvalidOperationException("This batch has no targets (y).");

    /// <summary>Gets the number of samples in the batch.</summary>
    public long Size => X[0].shape[0];

    /// <summary>Gets the tensors the data adapter created for this batch, freed with the step's dispose scope.</summary>
    internal IReadOnlyList<Tensor> Owned { get; init; } = [];

    /// <summary>
    /// Returns the batch with every tensor on the backend's device: the one place where data moves to the device.
    /// Tensors already there are kept as they are, not copied.
    /// </summary>
    internal Batch ToDevice()
    {
        var device = Keras.Backend.TorchDevice;
        Tensor Move(Tensor t) => t.device_type == device.type && t.device_index == device.index ? t : t.to(device);
        return new Batch(X.Select(Move).ToArray(), Y?.Select(Move).ToArray(), SampleWeight is { } w ? Move(w) : null);
    }
}
