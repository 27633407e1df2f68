using System.Formats.Tar;
using System.IO.Compression;

namespace DeepKeras.Datasets;

/// <summary>
/// Extracts <c>.tar</c> and <c>.tar.gz</c> archives the way Keras's <c>get_file(extract=True)</c> does with its safety
/// filter: only regular files and folders are written, and only inside the target folder.
/// </summary>
internal static class TarArchive
{
    /// <summary>
    /// Extracts <paramref name="archivePath"/> into <paramref name="targetDir"/>. Entries are written to a temporary
    /// folder beside the target that is renamed when complete, so an interrupted extraction leaves nothing behind.
    /// Links, devices and entries whose path would leave the target (absolute or with <c>..</c>) are skipped with a
    /// warning on stderr, as Keras does.
    /// </summary>
    /// <param name="archivePath">The archive: a tar file, gzip-compressed or not.</param>
    /// <param name="targetDir">The folder to create; an existing one is replaced.</param>
    /// <exception cref="InvalidDataException">The file is not a (gzip-compressed) tar archive, or is truncated.</exception>
    public static void Extract(string archivePath, string targetDir)
    {
        try
        {
            AtomicFolder.Write(targetDir, root =>
            {
                using var file = File.OpenRead(archivePath);
                using var content = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
                using var reader = new TarReader(content);
                var entries = 0;
                while (reader.GetNextEntry() is { } entry)
                {
                    WriteEntry(entry, root, archivePath);
                    entries++;
                }

                if (entries == 0)
                {
                    throw new InvalidDataException("it holds no entries");
                }
            });
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"'{archivePath}' is not a valid tar or tar.gz archive, or it is truncated: {e.Message}", e);
        }
    }

    private static void WriteEntry(TarEntry entry, string root, string archivePath)
    {
        var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
        var isDir = entry.EntryType == TarEntryType.Directory;
        var name = entry.Name.Replace('\\', '/');
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (isDir && path + Path.DirectorySeparatorChar == root)
        {
            return;
        }

        if (!(isFile || isDir) || Path.IsPathRooted(name) || !path.StartsWith(root, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"Skipping invalid path during archive extraction: '{entry.Name}' ({entry.EntryType}) in {archivePath}.");
            return;
        }

        if (isDir)
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        entry.DataStream?.CopyTo(output);
    }

    /// <summary>Whether the file starts with the gzip magic bytes (the position is left at 0).</summary>
    internal static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }
}
