namespace DeepKeras.Saving;

/// <summary>
/// A model, weights or checkpoint file could not be loaded: it is damaged, truncated, hostile, or does not match the
/// model. The message names the file and the problem (e.g. <c>archive member 'config.json' is truncated</c>); no model
/// is returned and, for <c>LoadWeights</c>, no weight is changed.
/// </summary>
public sealed class KerasFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file that could not be loaded.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public KerasFileException(string filePath, string problem, Exception? innerException = null)
        : base($"Could not load '{filePath}': {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>Gets the path of the file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the description of the problem, without the file name.</summary>
    public string Problem { get; }
}
