namespace DeepKeras.Tests.Plotting;

/// <summary>A fresh temporary folder, deleted on dispose (set DEEPKERAS_KEEP_PLOTS=1 to keep the images).</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deepkeras-plots", Guid.NewGuid().ToString("N")));

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("DEEPKERAS_KEEP_PLOTS") != "1" && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
