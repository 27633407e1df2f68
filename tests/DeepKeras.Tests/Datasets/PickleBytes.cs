using System.Buffers.Binary;
using System.Text;

namespace DeepKeras.Tests.Datasets;

/// <summary>
/// Writes pickles opcode by opcode the way Python 2's cPickle writes them with protocol 2 (the CIFAR-10 batches):
/// str as SHORT_BINSTRING/BINSTRING, ints as BININT1/BININT2/BININT, lists and dicts filled in batches of 1,000 with
/// MARK … APPENDS/SETITEMS, and numpy arrays as <c>numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), 'b')</c> +
/// BUILD <c>(1, shape, dtype, False, data)</c>. cPickle memoizes (BINPUT) only objects referenced more than once while
/// it runs: globals, dicts, lists, REDUCE results, and strings longer than one character that are dict keys, dict
/// values or list items; the tuples and strings numpy's reduce creates fresh are not memoized.
/// </summary>
internal sealed class PickleBytes
{
    private readonly MemoryStream _out = new();
    private int _memo = 1;

    public static byte[] Protocol2(Action<PickleBytes> body)
    {
        var p = new PickleBytes();
        p.Op(0x80).Op(2);
        body(p);
        p.Op('.');
        return p._out.ToArray();
    }

    public PickleBytes Op(int b)
    {
        _out.WriteByte((byte)b);
        return this;
    }

    public PickleBytes Raw(byte[] bytes)
    {
        _out.Write(bytes);
        return this;
    }

    public PickleBytes Put()
    {
        var index = _memo++;
        if (index < 256)
        {
            return Op('q').Op(index);
        }

        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, index);
        return Op('r').Raw(b);
    }

    public PickleBytes Int(long v)
    {
        if (v is >= 0 and < 256)
        {
            return Op('K').Op((int)v);
        }

        if (v is >= 0 and < 65536)
        {
            var s = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v);
            return Op('M').Raw(s);
        }

        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
        return Op('J').Raw(b);
    }

    /// <summary>A Python 2 <c>str</c> (bytes); <paramref name="shared"/> false for a string only one tuple holds.</summary>
    public PickleBytes Str(string ascii, bool shared = true) => Bytes2(Encoding.ASCII.GetBytes(ascii), shared);

    public PickleBytes Bytes2(byte[] bytes, bool shared = true)
    {
        if (bytes.Length < 256)
        {
            Op('U').Op(bytes.Length);
        }
        else
        {
            var len = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
            Op('T').Raw(len);
        }

        Raw(bytes);
        return shared && bytes.Length > 1 ? Put() : this;
    }

    public PickleBytes Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n")).Put();

    public PickleBytes IntList(IReadOnlyList<long> values)
    {
        Op(']').Put();
        for (var start = 0; start < values.Count; start += 1000)
        {
            var chunk = values.Skip(start).Take(1000).ToList();
            if (chunk.Count == 1)
            {
                Int(chunk[0]).Op('a');
                continue;
            }

            Op('(');
            foreach (var v in chunk)
            {
                Int(v);
            }

            Op('e');
        }

        return this;
    }

    public PickleBytes StrList(IReadOnlyList<string> values)
    {
        Op(']').Put().Op('(');
        foreach (var v in values)
        {
            Str(v);
        }

        return Op('e');
    }

    /// <summary>A dict whose entries <paramref name="items"/> writes as key, value, key, value….</summary>
    public PickleBytes Dict(Action<PickleBytes> items) => Op('}').Put().Op('(').Then(items).Op('u');

    public PickleBytes Then(Action<PickleBytes> more)
    {
        more(this);
        return this;
    }

    /// <summary>A C-ordered numpy array as numpy's <c>ndarray.__reduce__</c> describes it.</summary>
    public PickleBytes NumpyArray(long[] shape, string kind, string order, byte[] data)
    {
        Global("numpy.core.multiarray", "_reconstruct");
        Global("numpy", "ndarray");
        Int(0).Op(0x85);
        Str("b", shared: false);
        Op(0x87).Op('R').Put();
        Op('(').Int(1);
        Tuple(shape);
        Global("numpy", "dtype");
        Str(kind, shared: false).Int(0).Int(1).Op(0x87).Op('R').Put();
        Op('(').Int(3).Str(order, shared: false).Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t').Op('b');
        Op(0x89);
        Bytes2(data, shared: false);
        return Op('t').Op('b');
    }

    private PickleBytes Tuple(long[] items)
    {
        if (items.Length is >= 1 and <= 3)
        {
            foreach (var v in items)
            {
                Int(v);
            }

            return Op(0x84 + items.Length);
        }

        Op('(');
        foreach (var v in items)
        {
            Int(v);
        }

        return Op('t');
    }

    /// <summary>A CIFAR-10 batch as the dataset's Python 2 pickles hold it.</summary>
    public static byte[] CifarBatch(string label, byte[] chwData, long[] labels) => Protocol2(p => p.Dict(d => d
        .Str("data").NumpyArray([labels.Length, 3072], "u1", "|", chwData)
        .Str("labels").IntList(labels)
        .Str("batch_label").Str(label)
        .Str("filenames").StrList(labels.Select((_, i) => $"image_{i:000}.png").ToList())));
}
