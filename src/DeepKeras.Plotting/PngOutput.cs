namespace DeepKeras.Plotting;

/// <summary>Writes PNG bytes atomically: a temporary file in the target folder, then a rename over the target.</summary>
internal static class PngOutput
{
    /// <summary>Checks a target path early, before any rendering work.</summary>
    public static string CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("Expected a file path for the PNG image. Received an empty `path`.", nameof(path));
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"Expected a file path for the PNG image, but `path` is a directory: {full}", nameof(path));
        }

        return full;
    }

    /// <summary>Creates the folder, writes the bytes to a temporary file next to the target and moves it into place.</summary>
    public static void Save(string fullPath, byte[] png)
    {
        var dir = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(dir);
        // The temporary file lives in the target folder so the final move is a rename on the same volume:
        // a reader never sees a half-written image, and a crash leaves the previous image intact.
        var tmp = Path.Combine(dir, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(tmp, png);
            File.Move(tmp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
