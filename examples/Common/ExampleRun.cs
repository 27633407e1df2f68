namespace DeepKeras.Examples;

/// <summary>
/// One run of an example, handed to its body by <see cref="Example.Run"/>: the parsed options, the training clock
/// and the output folder.
/// </summary>
internal sealed class ExampleRun(ExampleOptions options)
{
    private readonly List<string> _written = [];

    /// <summary>Gets the number of epochs (<c>--epochs</c>).</summary>
    public int Epochs => options.Epochs;

    /// <summary>Gets the batch size (<c>--batch-size</c>).</summary>
    public int BatchSize => options.BatchSize;

    /// <summary>Gets how many samples to keep (<c>--limit</c>), or null for all.</summary>
    public int? Limit => options.Limit;

    /// <summary>Gets the random seed (<c>--seed</c>), already applied with <c>SetRandomSeed</c>.</summary>
    public int Seed => options.Seed;

    /// <summary>Gets the output folder (<c>--out</c>), or null when the example writes no files.</summary>
    public string? OutDir => options.OutDir;

    /// <summary>Gets the callback that times training: pass it to every <c>Fit</c> that counts as training.</summary>
    public TrainingClock Clock { get; } = new();

    /// <summary>Gets the files written through <see cref="OutPath"/> and <see cref="Save"/>.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>
    /// A path in the output folder that the example writes (listed at the end of the run; its folder is created), or
    /// null without an output folder.
    /// </summary>
    /// <param name="name">A file or folder name relative to the output folder, e.g. <c>curves.png</c>.</param>
    public string? OutPath(string name)
    {
        // Under mpiexec only process 0 writes files (the others train the same model).
        if (OutDir is null || Keras.Distribution.ProcessId != 0)
        {
            return null;
        }

        var path = Path.Combine(OutDir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _written.Add(path);
        return path;
    }

    /// <summary>Writes a file to the output folder with <paramref name="write"/>; does nothing without an output folder.</summary>
    /// <param name="name">The file name, e.g. <c>curves.png</c>.</param>
    /// <param name="write">Writes the file at the path it is given.</param>
    public void Save(string name, Action<string> write)
    {
        if (OutPath(name) is { } path)
        {
            write(path);
        }
    }
}
