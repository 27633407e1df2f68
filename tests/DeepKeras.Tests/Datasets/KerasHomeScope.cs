using DeepKeras.Datasets;

namespace DeepKeras.Tests.Datasets;

/// <summary>
/// Points the Keras cache at a fresh temporary <c>KERAS_HOME</c> (and optionally the download origin at a test server)
/// for the duration of a test, then restores both and deletes the folder.
/// </summary>
internal sealed class KerasHomeScope : IDisposable
{
    private readonly string? _previousHome = Environment.GetEnvironmentVariable("KERAS_HOME");
    private readonly string? _previousOrigin = DataFile.OriginOverride;

    public KerasHomeScope(string? origin = null)
    {
        Root = Path.Combine(Path.GetTempPath(), $"deepkeras-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Environment.SetEnvironmentVariable("KERAS_HOME", Root);
        DataFile.OriginOverride = origin;
    }

    /// <summary>Gets the temporary cache root.</summary>
    public string Root { get; }

    /// <summary>Gets the datasets folder under the root.</summary>
    public string Datasets => Path.Combine(Root, "datasets");

    /// <summary>Writes a file into the cache (relative to <see cref="Datasets"/>).</summary>
    public string Put(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Datasets, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KERAS_HOME", _previousHome);
        DataFile.OriginOverride = _previousOrigin;
        Directory.Delete(Root, recursive: true);
    }
}
