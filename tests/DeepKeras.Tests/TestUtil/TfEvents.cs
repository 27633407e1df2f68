using System.Buffers.Binary;
using System.Text;

namespace DeepKeras.Tests.TestUtil;

/// <summary>One summary value of an event: tag, plugin, tensor dtype (TensorFlow's enum), shape and values.</summary>
internal sealed record TfValue(string Tag, string? Plugin, byte[] PluginContent, int DType, long[] Shape, double[] Numbers, string[] Strings);

/// <summary>One decoded <c>Event</c> of an event file, with the run folder it came from.</summary>
internal sealed record TfEvent(string Run, string File, double WallTime, long Step, string? FileVersion, string? Writer, IReadOnlyList<TfValue> Values);

/// <summary>
/// Reads TensorBoard event files for the tests, independently of the library's writer: its own table-driven CRC-32C,
/// every record's two masked CRCs checked, and a small protobuf decoder for the fields of <c>Event</c>,
/// <c>Summary.Value</c>, <c>SummaryMetadata</c> and <c>TensorProto</c>.
/// </summary>
internal static class TfEvents
{
    private static readonly uint[] Table = MakeTable();

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    /// <summary>TensorFlow's masked CRC: rotated right by 15 bits plus 0xa282ead8.</summary>
    public static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;

    /// <summary>The payloads of the TFRecords of a file; fails on a bad CRC or a truncated record.</summary>
    public static List<byte[]> Records(string path)
    {
        var blob = System.IO.File.ReadAllBytes(path);
        var records = new List<byte[]>();
        var pos = 0;
        while (pos < blob.Length)
        {
            Assert.True(blob.Length - pos >= 12, $"{path}: truncated record header at byte {pos}");
            var header = blob.AsSpan(pos, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.True(Masked(Crc32C(header)) == BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(pos + 8)), $"{path}: bad length CRC at byte {pos}");
            Assert.True(blob.Length - pos >= 16 + length, $"{path}: truncated record at byte {pos}");
            var data = blob.AsSpan(pos + 12, length);
            Assert.True(Masked(Crc32C(data)) == BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(pos + 12 + length)), $"{path}: bad data CRC at byte {pos}");
            records.Add(data.ToArray());
            pos += 16 + length;
        }

        return records;
    }

    /// <summary>Every event of every event file under <paramref name="logDir"/>, files in name order per run folder.</summary>
    public static List<TfEvent> ReadLogDir(string logDir) =>
        Directory.EnumerateFiles(logDir, "*tfevents*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(path => Records(path).Select(r => Decode(r, Path.GetRelativePath(logDir, Path.GetDirectoryName(path)!), Path.GetFileName(path))))
            .ToList();

    /// <summary>The summary values of one run as (tag, step, value): scalars only.</summary>
    public static List<(string Tag, long Step, double Value)> Scalars(IEnumerable<TfEvent> events, string run) =>
        events.Where(e => e.Run == run)
            .SelectMany(e => e.Values.Where(v => v.Plugin == "scalars").Select(v => (v.Tag, e.Step, v.Numbers.Single())))
            .ToList();

    private static TfEvent Decode(byte[] record, string run, string file)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null, writer = null;
        var values = new List<TfValue>();
        foreach (var f in Fields(record))
        {
            switch (f.Number)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)f.Varint); break;
                case 2: step = (long)f.Varint; break;
                case 3: version = Encoding.UTF8.GetString(f.Bytes); break;
                case 5: values.AddRange(Fields(f.Bytes).Where(v => v.Number == 1).Select(v => DecodeValue(v.Bytes))); break;
                case 10: writer = Fields(f.Bytes).Where(w => w.Number == 1).Select(w => Encoding.UTF8.GetString(w.Bytes)).FirstOrDefault(); break;
            }
        }

        return new TfEvent(run, file, wallTime, step, version, writer, values);
    }

    private static TfValue DecodeValue(byte[] message)
    {
        string tag = "";
        string? plugin = null;
        byte[] content = [];
        var (dtype, shape, numbers, strings) = (0, new List<long>(), Array.Empty<double>(), new List<string>());
        foreach (var f in Fields(message))
        {
            if (f.Number == 1)
            {
                tag = Encoding.UTF8.GetString(f.Bytes);
            }
            else if (f.Number == 8)
            {
                byte[] tensorContent = [];
                foreach (var t in Fields(f.Bytes))
                {
                    switch (t.Number)
                    {
                        case 1: dtype = (int)t.Varint; break;
                        case 2: shape.AddRange(Fields(t.Bytes).Where(d => d.Number == 2).Select(d => Fields(d.Bytes).Where(s => s.Number == 1).Select(s => (long)s.Varint).FirstOrDefault())); break;
                        case 4: tensorContent = t.Bytes; break;
                        case 8: strings.Add(Encoding.UTF8.GetString(t.Bytes)); break;
                    }
                }

                numbers = dtype switch
                {
                    1 => Enumerable.Range(0, tensorContent.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(tensorContent.AsSpan(i * 4))).ToArray(),
                    2 => Enumerable.Range(0, tensorContent.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(tensorContent.AsSpan(i * 8))).ToArray(),
                    _ => [],
                };
            }
            else if (f.Number == 9)
            {
                foreach (var p in Fields(f.Bytes).Where(m => m.Number == 1).SelectMany(m => Fields(m.Bytes)))
                {
                    if (p.Number == 1)
                    {
                        plugin = Encoding.UTF8.GetString(p.Bytes);
                    }
                    else if (p.Number == 2)
                    {
                        content = p.Bytes;
                    }
                }
            }
        }

        return new TfValue(tag, plugin, content, dtype, [.. shape], numbers, [.. strings]);
    }

    /// <summary>One protobuf field: varint and fixed-width values in <see cref="Varint"/> (raw bits), length-delimited ones in <see cref="Bytes"/>.</summary>
    private readonly record struct Field(int Number, ulong Varint, byte[] Bytes);

    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (pos < message.Length)
        {
            var key = ReadVarint(message, ref pos);
            var (number, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    fields.Add(new Field(number, ReadVarint(message, ref pos), []));
                    break;
                case 1:
                    fields.Add(new Field(number, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(pos)), []));
                    pos += 8;
                    break;
                case 2:
                    var n = (int)ReadVarint(message, ref pos);
                    fields.Add(new Field(number, 0, message.AsSpan(pos, n).ToArray()));
                    pos += n;
                    break;
                case 5:
                    fields.Add(new Field(number, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(pos)), []));
                    pos += 4;
                    break;
                default:
                    Assert.Fail($"unexpected protobuf wire type {wire} (field {number})");
                    break;
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] buffer, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
