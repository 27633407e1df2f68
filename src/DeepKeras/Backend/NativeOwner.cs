namespace DeepKeras.Backend;

/// <summary>
/// The base of the objects that own native (libtorch) memory: layers and models, optimizers, metrics.
/// <see cref="Dispose()"/> frees it now instead of at garbage collection, once; using the object afterwards throws
/// <see cref="ObjectDisposedException"/> naming it.
/// </summary>
public abstract class NativeOwner : IDisposable
{
    private protected NativeOwner()
    {
    }

    /// <summary>Gets whether <see cref="Dispose()"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Frees the native memory. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        // Marked first, so an object reached again while it is being disposed (a cycle, a shared layer) is skipped.
        IsDisposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees what the object owns; runs once. Override to free more, and call the base.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> naming the object when it was disposed.</summary>
    protected void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(DisposedName, $"{DisposedName} has been disposed; {DisposedAdvice}");
        }
    }

    /// <summary>Gets how errors name the object, e.g. <c>Layer "dense" (Dense)</c>.</summary>
    private protected abstract string DisposedName { get; }

    /// <summary>Gets what to do instead of using the disposed object.</summary>
    private protected abstract string DisposedAdvice { get; }
}
