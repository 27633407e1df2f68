namespace DeepKeras.Layers;

public abstract partial class Layer : NativeOwner
{
    /// <inheritdoc/>
    private protected override string DisposedName => $"Layer \"{Name}\" ({ClassName})";

    /// <inheritdoc/>
    private protected override string DisposedAdvice => "create it again to use it.";

    /// <summary>Frees the layer's weights and its sublayers; override to free more (tensors kept outside weights), and call the base.</summary>
    /// <remarks>
    /// <see cref="NativeOwner.Dispose()"/> frees the layer's native memory now instead of at garbage collection: its
    /// weights, then its sublayers (as TorchSharp's <c>Module.Dispose</c> disposes its submodules), and forgets its symbolic
    /// calls; a model also disposes its optimizer's state and its metrics. Calling a disposed layer throws
    /// <see cref="ObjectDisposedException"/> naming it. Keras has no counterpart (Python frees tensors by reference
    /// counting). A layer shared by two models is disposed with the first model disposed, and the other model can no longer
    /// run; mark the field that holds a layer you do not own with <see cref="Engine.NotTrackedAttribute"/> to keep it out
    /// of this layer's disposal.
    /// </remarks>
    /// <param name="disposing">True from <see cref="NativeOwner.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var layer in Sublayers.ToArray())
        {
            layer.Dispose();
        }

        foreach (var v in _variables)
        {
            v.Dispose();
        }

        _addedLosses.Clear();
        InboundNodes.Clear();
    }
}
