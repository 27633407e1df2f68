using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepKeras.Tests.Datasets;

/// <summary>Writers for tiny dataset files in the real formats (IDX, .npy, .npz), for tests without downloads.</summary>
internal static class DatasetFiles
{
    /// <summary>An IDX file of unsigned bytes: magic 0x00 0x00 0x08 rank, big-endian dims, data.</summary>
    public static byte[] Idx(int[] dims, byte[] data, bool gzip = true)
    {
        var raw = new MemoryStream();
        raw.Write([0, 0, 0x08, (byte)dims.Length]);
        var dim = new byte[4];
        foreach (var d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(dim, d);
            raw.Write(dim);
        }

        raw.Write(data);
        return gzip ? Gzip(raw.ToArray()) : raw.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>A .npy (format 1.0) with the header numpy writes, padded with spaces to a multiple of 64 bytes.</summary>
    public static byte[] Npy(string descr, long[] shape, byte[] data, bool fortranOrder = false, string? rawHeader = null)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var dict = rawHeader ?? $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shapeText}, }}";
        var total = 10 + dict.Length + 1;
        var padded = dict + new string(' ', (64 - (total % 64)) % 64) + "\n";
        var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var len = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)padded.Length);
        output.Write(len);
        output.Write(Encoding.ASCII.GetBytes(padded));
        output.Write(data);
        return output.ToArray();
    }

    /// <summary>A .npz archive: one <c>key.npy</c> entry per array, deflate-compressed like np.savez_compressed.</summary>
    public static byte[] Npz(params (string Key, byte[] Npy)[] arrays)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (key, npy) in arrays)
            {
                using var entry = zip.CreateEntry(key + ".npy", CompressionLevel.Fastest).Open();
                entry.Write(npy);
            }
        }

        return output.ToArray();
    }

    public static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Longs(params long[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>Bytes 0, 1, 2, … (mod 256): recognizable pixel values.</summary>
    public static byte[] Ramp(int count, int start = 0) => Enumerable.Range(start, count).Select(i => (byte)(i % 256)).ToArray();
}
