using System.Buffers.Binary;
using System.IO.Hashing;

namespace DeepKeras.Callbacks.Events;

/// <summary>
/// TFRecord framing, the container of TensorBoard event files: each record is its length (uint64), the masked CRC-32C
/// of those 8 bytes, the data, and the masked CRC-32C of the data, all little-endian.
/// </summary>
internal static class TfRecord
{
    // TensorFlow's crc32c::Mask: rotate right by 15 bits and add a constant, so that a CRC of data that itself holds
    // CRCs stays well distributed.
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>The masked CRC-32C (Castagnoli) of <paramref name="data"/>, as TFRecord stores it.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
        return ((crc >> 15) | (crc << 17)) + MaskDelta;
    }

    /// <summary>Writes one record holding <paramref name="data"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }
}
