using System.IO.Compression;
using NumSharp;

namespace DeepKeras.Datasets;

/// <summary>
/// Reads a numpy <c>.npz</c> archive (<c>np.savez</c>/<c>np.savez_compressed</c>): a zip whose entries are
/// <c>.npy</c> arrays; the key of <c>x_train.npy</c> is <c>x_train</c>.
/// </summary>
internal static class NpzReader
{
    /// <summary>Reads every array of the archive.</summary>
    /// <param name="path">The .npz file.</param>
    /// <returns>Key → array.</returns>
    /// <exception cref="InvalidDataException">Not a zip archive, or an entry is not a readable .npy array.</exception>
    public static Dictionary<string, NDArray> Read(string path) => Read<NDArray>(path, NpyReader.Read);

    /// <summary>Reads the entries of the archive with a reader of the caller's choice (e.g. object arrays of integer lists).</summary>
    /// <typeparam name="T">What an entry is read into.</typeparam>
    /// <param name="path">The .npz file.</param>
    /// <param name="read">Reads one entry from its decompressed stream, given its key; returns null to skip the entry.</param>
    /// <returns>Key → value, for the entries that were not skipped.</returns>
    /// <exception cref="InvalidDataException">Not a zip archive, or an entry cannot be read.</exception>
    public static Dictionary<string, T> Read<T>(string path, Func<Stream, string, T?> read)
        where T : class
    {
        ZipArchive zip;
        var file = File.OpenRead(path);
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new InvalidDataException($"{path} is not a valid .npz (zip) archive: {e.Message}", e);
        }

        using (zip)
        {
            var arrays = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var key = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                try
                {
                    using var stream = entry.Open();
                    if (read(stream, key) is { } value)
                    {
                        arrays[key] = value;
                    }
                }
                catch (InvalidDataException e) when (!e.Message.StartsWith($"Array '{key}'", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"Entry '{entry.FullName}' of {path} cannot be decompressed: {e.Message}", e);
                }
            }

            return arrays;
        }
    }

    /// <summary>Gets an array by key, with an error listing the keys the archive has.</summary>
    /// <param name="arrays">The arrays of an archive.</param>
    /// <param name="key">The key.</param>
    /// <param name="path">The archive path for the error.</param>
    /// <typeparam name="T">The value type.</typeparam>
    public static T Require<T>(this Dictionary<string, T> arrays, string key, string path) =>
        arrays.TryGetValue(key, out var a)
            ? a
            : throw new InvalidDataException($"{path} has no array '{key}'. It contains: {string.Join(", ", arrays.Keys)}.");
}
