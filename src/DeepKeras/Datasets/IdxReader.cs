using System.Buffers.Binary;
using System.IO.Compression;
using NumSharp;

namespace DeepKeras.Datasets;

/// <summary>
/// Reads IDX files (the MNIST/Fashion-MNIST format, gzip-compressed or not): a big-endian header
/// <c>0x00 0x00 type rank</c>, one int32 per dimension, then the data. Only unsigned bytes (type 0x08) occur in
/// these datasets: labels <c>0x00000801</c> (rank 1) and images <c>0x00000803</c> (rank 3).
/// </summary>
internal static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads a <c>.gz</c> or plain IDX file into a uint8 array of the header's shape.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not an IDX file, an unsupported element type, or truncated data.</exception>
    public static NDArray Read(string path)
    {
        using var file = File.OpenRead(path);
        var gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            return Read(stream, path);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("IDX file", StringComparison.Ordinal))
        {
            // GZipStream reports a damaged archive with its own InvalidDataException.
            throw new InvalidDataException($"IDX file {path} is not a valid gzip stream: {e.Message}", e);
        }
    }

    /// <summary>Reads an IDX stream.</summary>
    /// <param name="stream">The decompressed bytes.</param>
    /// <param name="name">The file name used in errors.</param>
    public static NDArray Read(Stream stream, string name)
    {
        Span<byte> header = stackalloc byte[4];
        if (!BoundedRead.Fill(stream, header))
        {
            throw new InvalidDataException($"IDX file {name} is too short: it has no 4-byte header.");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        var rank = header[3];
        if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByte || rank is < 1 or > 4)
        {
            throw new InvalidDataException(
                $"IDX file {name} has magic number 0x{magic:x8}; expected unsigned-byte data of rank 1 to 4 " +
                "(0x00000801 for labels, 0x00000803 for images).");
        }

        var dims = new long[rank];
        long count = 1;
        Span<byte> dim = stackalloc byte[4];
        for (var i = 0; i < rank; i++)
        {
            if (!BoundedRead.Fill(stream, dim))
            {
                throw new InvalidDataException($"IDX file {name} is truncated inside its header ({rank} dimensions declared).");
            }

            dims[i] = (uint)BinaryPrimitives.ReadInt32BigEndian(dim);
            count *= dims[i];
            if (count > Array.MaxLength)
            {
                throw new InvalidDataException($"IDX file {name} declares shape ({string.Join(", ", dims.Take(i + 1))}, ...), larger than an array can hold.");
            }
        }

        var data = BoundedRead.UpTo(stream, count);
        if (data.Length != count || stream.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"IDX file {name} declares shape ({string.Join(", ", dims)}) = {count} bytes of data, but " +
                (data.Length < count ? $"only {data.Length} follow the header (the file is truncated)." : "more data follows."));
        }

        return new NDArray(data, new NumSharp.Shape(dims));
    }
}
