namespace DeepKeras.Layers;

public abstract partial class Layer : IDisposable
{
    private bool _disposed;

    /// <summary>Gets whether <see cref="Dispose()"/> has run.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Frees the layer's native memory now instead of at garbage collection: its weights, then its sublayers (as
    /// TorchSharp's <c>Module.Dispose</c> disposes its submodules), and forgets its symbolic calls. A model also
    /// disposes its optimizer's state and its metrics. Disposing twice is harmless; calling a disposed layer throws
    /// <see cref="ObjectDisposedException"/> naming it.
    /// </summary>
    /// <remarks>
    /// Keras has no counterpart (Python frees tensors by reference counting). A layer shared by two models is disposed
    /// with the first model disposed, and the other model can no longer run; mark the field that holds a layer you do
    /// not own with <see cref="Engine.NotTrackedAttribute"/> to keep it out of this layer's disposal.
    /// </remarks>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the layer's state; override to free more (tensors kept outside weights), and call the base.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        // Marked first, so a cycle or a layer reached twice is disposed once.
        _disposed = true;
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

    /// <summary>Throws <see cref="ObjectDisposedException"/> naming the layer when it was disposed.</summary>
    protected void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(Name, $"Layer \"{Name}\" ({ClassName}) has been disposed; create it again to use it.");
        }
    }
}
