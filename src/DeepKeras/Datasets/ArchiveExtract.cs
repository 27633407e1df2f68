using System.IO.Compression;

namespace DeepKeras.Datasets;

/// <summary>
/// Keras <c>extract_archive</c>: extracts a tar (plain or gzip-compressed) or zip archive into a folder, trying the
/// formats <c>archive_format</c> allows (<c>"auto"</c>: tar, then zip). Entries whose path would leave the folder are
/// skipped with a warning; the folder appears only once complete.
/// </summary>
internal static class ArchiveExtract
{
    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="targetDir"/>; false when no allowed format matches.</summary>
    /// <param name="archivePath">The archive.</param>
    /// <param name="targetDir">The folder to create (an existing one is replaced).</param>
    /// <param name="archiveFormat"><c>"auto"</c>, <c>"tar"</c> or <c>"zip"</c>.</param>
    /// <exception cref="ArgumentException">Another format name.</exception>
    public static bool Extract(string archivePath, string targetDir, string archiveFormat)
    {
        string[] formats = archiveFormat switch
        {
            "auto" => ["tar", "zip"],
            "tar" or "zip" => [archiveFormat],
            _ => throw new ArgumentException(
                $"Expected `archive_format` \"auto\", \"tar\" or \"zip\". Received: archive_format={archiveFormat}", nameof(archiveFormat)),
        };
        var kind = Detect(archivePath);
        if (kind is null || !formats.Contains(kind))
        {
            return false;
        }

        if (kind == "tar")
        {
            TarArchive.Extract(archivePath, targetDir);
            return true;
        }

        AtomicFolder.Write(targetDir, root =>
        {
            using var zip = ZipFile.OpenRead(archivePath);
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                var path = Path.GetFullPath(Path.Combine(root, name));
                if (Path.IsPathRooted(name) || !path.StartsWith(root, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"Skipping invalid path during archive extraction: '{entry.FullName}' in {archivePath}.");
                    continue;
                }

                Directory.CreateDirectory(name.EndsWith('/') ? path : Path.GetDirectoryName(path)!);
                if (!name.EndsWith('/'))
                {
                    entry.ExtractToFile(path, overwrite: true);
                }
            }
        });
        return true;
    }

    // zip: "PK\x03\x04" (or an empty archive's "PK\x05\x06"); tar: gzip magic, or "ustar" at offset 257.
    private static string? Detect(string path)
    {
        using var file = File.OpenRead(path);
        if (TarArchive.IsGzip(file))
        {
            return "tar";
        }

        var head = new byte[262];
        var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] is 3 or 5)
        {
            return "zip";
        }

        return n >= 262 && System.Text.Encoding.ASCII.GetString(head, 257, 5) == "ustar" ? "tar" : null;
    }
}
