using System.IO.Compression;
using System.Text;

namespace DeepKeras.Saving;

/// <summary>
/// The <c>.keras</c> zip archive: members <c>metadata.json</c>, <c>config.json</c>, <c>model.weights.h5</c>, stored
/// uncompressed in this order (as Keras writes them). Reading checks every member before use: a safe relative name,
/// no duplicates, a size within limits and equal to the declared size, and the CRC-32.
/// </summary>
internal sealed class KerasArchive : IDisposable
{
    /// <summary>The metadata member.</summary>
    public const string MetadataName = "metadata.json";

    /// <summary>The config member.</summary>
    public const string ConfigName = "config.json";

    /// <summary>The weights member.</summary>
    public const string WeightsName = "model.weights.h5";

    /// <summary>The largest JSON member accepted (64 MiB; real configs are kilobytes).</summary>
    public const long MaxJsonBytes = 64L << 20;

    /// <summary>The largest weights member accepted (64 GiB).</summary>
    public const long MaxWeightsBytes = 64L << 30;

    // A member that is both large and expands more than this from its stored bytes is a decompression bomb.
    private const long BombFloorBytes = 256L << 20;
    private const long MaxExpansion = 100;

    private readonly string _path;
    private readonly FileStream _stream;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);

    private KerasArchive(string path, FileStream stream, ZipArchive zip)
    {
        _path = path;
        _stream = stream;
        _zip = zip;
    }

    /// <summary>Writes an archive atomically.</summary>
    /// <param name="path">The <c>.keras</c> file.</param>
    /// <param name="overwrite">Whether an existing file may be replaced.</param>
    /// <param name="members">Name and content of each member, in order.</param>
    public static void Write(string path, bool overwrite, IReadOnlyList<(string Name, byte[] Content)> members) =>
        AtomicFile.Write(path, overwrite, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
            foreach (var (name, content) in members)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(content);
            }
        });

    /// <summary>Opens an archive for reading and checks its member names.</summary>
    /// <exception cref="KerasFileException">Not a zip file, or a member with an unsafe or duplicate name.</exception>
    public static KerasArchive Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false, Encoding.UTF8);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException or OverflowException)
        {
            stream.Dispose();
            throw new KerasFileException(path, $"it is not a valid .keras archive (zip): {e.Message}", e);
        }

        var archive = new KerasArchive(path, stream, zip);
        try
        {
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (!IsSafeName(name))
                {
                    throw archive.Fail($"archive member '{name}' has an unsafe path (absolute, or containing '..'); refusing to load");
                }

                if (!archive._entries.TryAdd(name, entry))
                {
                    throw archive.Fail($"archive member '{name}' appears twice");
                }
            }
        }
        catch (Exception e) when (e is not KerasFileException)
        {
            archive.Dispose();
            throw new KerasFileException(path, $"it is not a valid .keras archive (zip): {e.Message}", e);
        }
        catch
        {
            archive.Dispose();
            throw;
        }

        return archive;
    }

    /// <summary>Gets the member names.</summary>
    public IReadOnlyCollection<string> Names => _entries.Keys;

    /// <summary>Gets whether a member exists.</summary>
    public bool Has(string name) => _entries.ContainsKey(name);

    /// <summary>Reads a UTF-8 text member after checking its size and CRC.</summary>
    public string ReadText(string name, long maxBytes)
    {
        using var ms = new MemoryStream();
        CopyChecked(name, ms, maxBytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ms.GetBuffer(), 0, (int)ms.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw Fail($"archive member '{name}' is not valid UTF-8 text", e);
        }
    }

    /// <summary>Copies a member to <paramref name="destination"/>, checking size, truncation and CRC.</summary>
    public void CopyChecked(string name, Stream destination, long maxBytes)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw Fail($"the archive has no '{name}' member");
        }

        var declared = entry.Length;
        if (declared > maxBytes)
        {
            throw Fail($"archive member '{name}' declares {declared:N0} bytes, more than the {maxBytes:N0} allowed");
        }

        if (declared > BombFloorBytes && declared > MaxExpansion * Math.Max(1, entry.CompressedLength))
        {
            throw Fail($"archive member '{name}' declares {declared:N0} bytes but stores only {entry.CompressedLength:N0}; refusing a potential decompression bomb");
        }

        var crc = new System.IO.Hashing.Crc32();
        long total = 0;
        try
        {
            using var source = entry.Open();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > declared)
                {
                    throw Fail($"archive member '{name}' is larger than its declared size of {declared:N0} bytes");
                }

                crc.Append(buffer.AsSpan(0, n));
                destination.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or OverflowException or ArgumentException)
        {
            throw Fail($"archive member '{name}' cannot be read (truncated or corrupted): {e.Message}", e);
        }

        if (total < declared)
        {
            throw Fail($"archive member '{name}' is truncated: {total:N0} of {declared:N0} bytes");
        }

        if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
        {
            throw Fail($"archive member '{name}' is corrupted (CRC-32 mismatch)");
        }
    }

    private static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name.Contains('\0') || name[0] is '/' or '\\' || (name.Length > 1 && name[1] == ':'))
        {
            return false;
        }

        return !name.Split('/', '\\').Any(part => part == "..");
    }

    private KerasFileException Fail(string problem, Exception? inner = null) => new(_path, problem, inner);

    /// <inheritdoc/>
    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }
}
