namespace DeepKeras;

/// <summary>
/// Thrown when the native TorchSharp/libtorch libraries cannot be loaded. The message names the missing
/// library or symbol version and how to fix it.
/// </summary>
public sealed class BackendLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    /// <param name="inner">The loader's original exception.</param>
    public BackendLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
