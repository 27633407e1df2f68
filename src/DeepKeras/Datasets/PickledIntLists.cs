using System.Text;

namespace DeepKeras.Datasets;

/// <summary>
/// Reads the pickle that <c>np.save</c> writes for a 1-D object array whose elements are Python lists of integers
/// (the sequences of Keras's <c>imdb.npz</c>). It is a data reader, not an unpickler: it knows only the opcodes that
/// pickle protocols 2–4 use for such an array (<c>numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')</c>, a
/// <c>numpy.dtype('O8')</c>, the <c>BUILD</c> state with the list of lists, integers, tuples, memo references) and the
/// four names involved (numpy's three, and <c>_codecs.encode</c>, which protocol 2 uses to spell a bytes literal);
/// every other opcode or name is refused with an error, and nothing is ever called or imported. Memory grows only with the bytes actually present, so a damaged or hostile file cannot force a huge
/// allocation.
/// </summary>
internal sealed class PickledIntLists
{
    private static readonly object Mark = new();
    private static readonly object None = new();
    private static readonly object[] SmallInts = Enumerable.Range(0, 1 << 16).Select(i => (object)(long)i).ToArray();

    private readonly byte[] _data;
    private readonly int _length;
    private readonly string _name;
    private readonly List<object> _stack = [];
    private readonly Dictionary<long, object> _memo = [];
    private int _position;

    private PickledIntLists(byte[] data, int length, string name)
    {
        _data = data;
        _length = length;
        _name = name;
    }

    /// <summary>Reads the pickled array that follows an object-dtype <c>.npy</c> header.</summary>
    /// <param name="stream">The stream, positioned after the header.</param>
    /// <param name="name">The array name for errors.</param>
    /// <param name="expectedLength">The length the <c>.npy</c> header declares.</param>
    /// <returns>One <c>int[]</c> per element of the array.</returns>
    /// <exception cref="InvalidDataException">Anything but an object array of lists of integers, or a damaged pickle.</exception>
    public static int[][] Read(Stream stream, string name, long expectedLength)
    {
        // The pickle is the rest of the entry; reading it whole (it grows with the bytes present) keeps parsing fast.
        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Array '{name}' cannot be read: {e.Message}", e);
        }

        var reader = new PickledIntLists(buffer.GetBuffer(), (int)buffer.Length, name);
        var array = reader.Run();
        if (array.Shape.Length != 1 || array.Shape[0] != expectedLength)
        {
            throw reader.Error($"the pickled array has shape ({string.Join(", ", array.Shape)}), but the .npy header declares ({expectedLength},)");
        }

        var items = array.Items ?? throw reader.Error("the array has no data");
        var result = new int[items.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            if (items[i] is not List<object> list)
            {
                throw reader.Error($"element {i} is {Describe(items[i])}, expected a list of integers");
            }

            var seq = new int[list.Count];
            for (var k = 0; k < seq.Length; k++)
            {
                seq[k] = list[k] is long v and >= int.MinValue and <= int.MaxValue
                    ? (int)v
                    : throw reader.Error($"element {i}[{k}] is {Describe(list[k])}, expected a 32-bit integer");
            }

            result[i] = seq;
        }

        return result;
    }

    private ArrayStub Run()
    {
        while (true)
        {
            var at = _position;
            var op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    var protocol = ReadByte();
                    if (protocol is < 2 or > 4)
                    {
                        throw Error($"pickle protocol {protocol} is not supported (numpy writes object arrays with protocols 2 to 4)");
                    }

                    break;
                case 0x95: // FRAME: a length hint only
                    ReadBytes(8);
                    break;
                case (byte)'c': // GLOBAL
                    Push(Global(ReadLine(), ReadLine(), at));
                    break;
                case 0x93: // STACK_GLOBAL
                    var qualname = Pop() as string;
                    var module = Pop() as string;
                    Push(Global(module ?? throw Error("STACK_GLOBAL without a module name"), qualname ?? throw Error("STACK_GLOBAL without a name"), at));
                    break;
                case (byte)'q': // BINPUT
                    _memo[ReadByte()] = Peek();
                    break;
                case (byte)'r': // LONG_BINPUT
                    _memo[ReadUInt32()] = Peek();
                    break;
                case 0x94: // MEMOIZE
                    _memo[_memo.Count] = Peek();
                    break;
                case (byte)'h': // BINGET
                    Push(Get(ReadByte()));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Get(ReadUInt32()));
                    break;
                case (byte)'(': // MARK
                    Push(Mark);
                    break;
                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object>());
                    break;
                case (byte)'t': // TUPLE
                    Push(PopToMark().ToArray());
                    break;
                case 0x85: // TUPLE1
                case 0x86: // TUPLE2
                case 0x87: // TUPLE3
                    var items = new object[op - 0x84];
                    for (var i = items.Length - 1; i >= 0; i--)
                    {
                        items[i] = Pop();
                    }

                    Push(items);
                    break;
                case (byte)']': // EMPTY_LIST
                    Push(new List<object>());
                    break;
                case (byte)'a': // APPEND
                    var item = Pop();
                    TargetList("APPEND").Add(item);
                    break;
                case (byte)'e': // APPENDS
                    var batch = PopToMark();
                    TargetList("APPENDS").AddRange(batch);
                    break;
                case (byte)'K': // BININT1
                    Push(SmallInts[ReadByte()]);
                    break;
                case (byte)'M': // BININT2
                    Push(SmallInts[ReadByte() | (ReadByte() << 8)]);
                    break;
                case (byte)'J': // BININT
                    Push(Int((int)ReadUInt32()));
                    break;
                case 0x8a: // LONG1
                    Push(Long1());
                    break;
                case 0x88: // NEWTRUE
                    Push(true);
                    break;
                case 0x89: // NEWFALSE
                    Push(false);
                    break;
                case (byte)'N': // NONE
                    Push(None);
                    break;
                case (byte)'C': // SHORT_BINBYTES
                    Push(ReadBytes(ReadByte()));
                    break;
                case (byte)'B': // BINBYTES
                    Push(ReadBytes(ReadUInt32()));
                    break;
                case (byte)'U': // SHORT_BINSTRING (Python 2 str)
                    Push(Encoding.Latin1.GetString(ReadBytes(ReadByte())));
                    break;
                case (byte)'T': // BINSTRING (Python 2 str)
                    Push(Encoding.Latin1.GetString(ReadBytes(ReadUInt32())));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    Push(Utf8(ReadBytes(ReadByte())));
                    break;
                case (byte)'X': // BINUNICODE
                    Push(Utf8(ReadBytes(ReadUInt32())));
                    break;
                case (byte)'R': // REDUCE
                    var args = Pop() as object[] ?? throw Error($"REDUCE at byte {at} without an argument tuple");
                    Push(Reduce(Pop(), args, at));
                    break;
                case (byte)'b': // BUILD
                    var state = Pop();
                    Build(Peek(), state, at);
                    break;
                case (byte)'.': // STOP
                    var result = Pop();
                    return result is ArrayStub { Items: not null } array
                        ? array
                        : throw Error($"the pickle holds {Describe(result)}, expected a numpy object array");
                default:
                    throw Error($"opcode 0x{op:x2} at byte {at} is not one numpy uses for an object array of integer lists; " +
                        "the pickle was not read any further");
            }
        }
    }

    private object Global(string module, string name, long at) => (module, name) switch
    {
        ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => NumpyName.Reconstruct,
        ("numpy", "ndarray") => NumpyName.NdArray,
        ("numpy", "dtype") => NumpyName.Dtype,
        ("_codecs", "encode") => NumpyName.CodecsEncode,
        _ => throw Error($"it refers to '{module}.{name}' (byte {at}); only numpy's ndarray, dtype and _reconstruct may appear"),
    };

    private object Reduce(object callable, object[] args, long at)
    {
        switch (callable)
        {
            case NumpyName.Reconstruct when args.Length == 3 && args[0] is NumpyName.NdArray:
                return new ArrayStub();
            case NumpyName.CodecsEncode when args is [string text, "latin1"]:
                // Python 3 writes bytes in protocol 2 as _codecs.encode(text, 'latin1'); read as the bytes it stands for.
                return text.All(c => c <= 0xff) ? Encoding.Latin1.GetBytes(text) : throw Error("a latin1 string holds a character above U+00FF");
            case NumpyName.Dtype when args.Length >= 1 && args[0] is string descr:
                return descr.StartsWith('O')
                    ? new DtypeStub(descr)
                    : throw Error($"the array's dtype is '{descr}', expected 'O' (Python objects)");
            default:
                throw Error($"REDUCE at byte {at} calls {Describe(callable)} with {args.Length} arguments, which is not how numpy reconstructs an array");
        }
    }

    private void Build(object target, object state, long at)
    {
        switch (target)
        {
            case DtypeStub when state is object[]:
                // (version, byte order, subarray, names, fields, elsize, alignment, flags): nothing to keep for 'O'.
                return;
            case ArrayStub array when state is object[] { Length: 5 } s:
                if (s[1] is not object[] shape || shape.Any(d => d is not long))
                {
                    throw Error($"the array state at byte {at} has no integer shape tuple");
                }

                if (s[2] is not DtypeStub)
                {
                    throw Error($"the array state at byte {at} has dtype {Describe(s[2])}, expected numpy.dtype('O8')");
                }

                array.Shape = shape.Select(d => (long)d).ToArray();
                array.Items = s[4] as List<object> ?? throw Error($"the array data at byte {at} is {Describe(s[4])}, expected a list of elements");
                return;
            default:
                throw Error($"BUILD at byte {at} sets the state of {Describe(target)}, which numpy does not do for an object array");
        }
    }

    private List<object> TargetList(string opcode) =>
        Peek() as List<object> ?? throw Error($"{opcode} at byte {_position - 1} does not follow a list");

    private object Get(long key) =>
        _memo.TryGetValue(key, out var value) ? value : throw Error($"memo key {key} is used before it is set");

    private object Long1()
    {
        var n = ReadByte();
        if (n > 8)
        {
            throw Error($"an integer of {n} bytes is too large");
        }

        var bytes = ReadBytes(n);
        long value = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0)
        {
            value -= 1L << (8 * n);
        }

        return Int(value);
    }

    private static object Int(long value) => value is >= 0 and < 1 << 16 ? SmallInts[value] : value;

    private string Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"a string before byte {_position} is not valid UTF-8");
        }
    }

    private void Push(object value) => _stack.Add(value);

    private object Peek() => _stack.Count > 0 && _stack[^1] != Mark ? _stack[^1] : throw Error($"the pickle's stack is empty at byte {_position}");

    private object Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object> PopToMark()
    {
        var mark = _stack.LastIndexOf(Mark);
        if (mark < 0)
        {
            throw Error($"an opcode before byte {_position} needs a MARK that is not there");
        }

        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => _position < _length
        ? _data[_position++]
        : throw Error($"the pickle ends at byte {_position} before its STOP opcode (the file is truncated)");

    private uint ReadUInt32() => ReadByte() | ((uint)ReadByte() << 8) | ((uint)ReadByte() << 16) | ((uint)ReadByte() << 24);

    private byte[] ReadBytes(long count)
    {
        if (count > _length - _position)
        {
            throw Error($"the pickle ends at byte {_length} inside a {count}-byte value that starts at byte {_position} (the file is truncated)");
        }

        var bytes = _data.AsSpan(_position, (int)count).ToArray();
        _position += (int)count;
        return bytes;
    }

    private string ReadLine()
    {
        var text = new StringBuilder();
        while (true)
        {
            var b = ReadByte();
            if (b == '\n')
            {
                return text.ToString();
            }

            if (text.Length >= 256)
            {
                throw Error($"a name at byte {_position} is longer than 256 characters");
            }

            text.Append((char)b);
        }
    }

    private InvalidDataException Error(string what) =>
        new($"Array '{_name}' cannot be read as numpy object array of integer lists: {what}. " +
            "DeepKeras reads such pickles as data and never runs code from them.");

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        long v => $"the integer {v}",
        bool b => b ? "True" : "False",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        byte[] => "a bytes value",
        object[] t => $"a tuple of {t.Length}",
        List<object> l => $"a list of {l.Count}",
        NumpyName n => $"numpy.{n}",
        ArrayStub => "a numpy array",
        DtypeStub d => $"numpy.dtype('{d.Descr}')",
        _ => value == None ? "None" : "a MARK",
    };

    private enum NumpyName
    {
        Reconstruct,
        NdArray,
        Dtype,
        CodecsEncode,
    }

    private sealed class ArrayStub
    {
        public long[] Shape { get; set; } = [];

        public List<object>? Items { get; set; }
    }

    private sealed record DtypeStub(string Descr);
}
