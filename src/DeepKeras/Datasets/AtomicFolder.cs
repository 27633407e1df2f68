namespace DeepKeras.Datasets;

/// <summary>
/// Fills a folder through a temporary sibling that is renamed when complete, so an interrupted extraction leaves
/// nothing behind and an existing folder is replaced only by a whole new one.
/// </summary>
internal static class AtomicFolder
{
    /// <summary>Creates <paramref name="targetDir"/> with what <paramref name="fill"/> writes under the root it is given.</summary>
    /// <param name="targetDir">The folder to create; an existing one is replaced.</param>
    /// <param name="fill">Writes the contents under the given root (a full path ending with a separator).</param>
    public static void Write(string targetDir, Action<string> fill)
    {
        var target = Path.GetFullPath(targetDir);
        var temp = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            Directory.CreateDirectory(temp);
            fill(Path.GetFullPath(temp) + Path.DirectorySeparatorChar);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
