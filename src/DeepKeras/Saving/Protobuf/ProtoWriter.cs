using System.Buffers.Binary;
using System.Text;

namespace DeepKeras.Saving.Protobuf;

/// <summary>
/// The few parts of the protocol-buffers wire format that DeepKeras writes (ONNX models, TensorBoard event files):
/// varints, 32- and 64-bit floats and length-delimited fields (strings, bytes, nested messages, packed arrays). Fields
/// are written in the order the caller gives.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Writes an int64 (or enum/int32) field as a varint.</summary>
    public void Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
    }

    /// <summary>Writes a float field (wire type 5).</summary>
    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>Writes a double field (wire type 1).</summary>
    public void Double(int field, double value)
    {
        Tag(field, 1);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>Writes a repeated double field in packed form (one length-delimited run of little-endian doubles).</summary>
    public void PackedDoubles(int field, ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        Bytes(field, bytes);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes a nested message field.</summary>
    public void Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        Bytes(field, inner.ToArray());
    }

    /// <summary>Returns the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
