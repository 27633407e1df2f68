using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace DeepKeras.Datasets;

/// <summary>
/// A safe reader for Python pickles of plain data (protocols 0–4 as Python 2 and 3 write them): None, booleans,
/// integers, floats, str, bytes, lists, tuples and dicts, plus numpy arrays of numeric dtype. That covers the CIFAR
/// batches Keras loads.
/// </summary>
/// <remarks>
/// A pickle is a small program, and a normal unpickler runs whatever function it names. This reader runs nothing: it
/// only interprets the opcodes that build data. The only names a pickle may refer to are the few that numpy and
/// Python use to rebuild arrays and bytes (<see cref="PickleGlobals"/>), and those are interpreted here; any other
/// name (<c>os.system</c>, <c>builtins.eval</c>, a class), and opcodes that create objects, stop the read with an
/// <see cref="InvalidDataException"/>. Lengths are checked against the data actually present before anything is
/// allocated for them.
/// <para>Values: None → null, bool, int → <see cref="long"/> (or <see cref="BigInteger"/> past 64 bits), float →
/// <see cref="double"/>, str → <see cref="string"/>, bytes (and Python 2 <c>str</c>, read as with
/// <c>encoding="bytes"</c>) → <see cref="byte"/>[], list → <see cref="List{T}"/>, tuple → <see cref="PickleTuple"/>,
/// dict → <see cref="Dictionary{TKey, TValue}"/>, numpy array → NumSharp <c>NDArray</c>.</para>
/// </remarks>
internal sealed class PickleReader
{
    private const int HighestProtocol = 5;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];

    private PickleReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
    }

    /// <summary>Reads one pickled object from <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream, positioned at the pickle.</param>
    /// <param name="name">A name for errors (e.g. the file path).</param>
    /// <returns>The object (see the remarks of <see cref="PickleReader"/> for the types).</returns>
    /// <exception cref="InvalidDataException">Not a pickle of plain data: truncated, damaged, or naming anything but numpy's array rebuilders.</exception>
    public static object? Load(Stream stream, string name) => new PickleReader(stream, name).Run();

    /// <summary>Reads the pickled object in a file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">See <see cref="Load(Stream, string)"/>.</exception>
    public static object? Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(new BufferedStream(file, 1 << 16), path);
    }

    private object? Run()
    {
        while (true)
        {
            var offset = _stream.CanSeek ? _stream.Position : -1;
            var op = _stream.ReadByte();
            if (op < 0)
            {
                throw Damaged("it ends before the STOP opcode (the file is truncated)");
            }

            switch ((char)op)
            {
                case '.':
                    if (_stack.Count != 1 || _marks.Count != 0)
                    {
                        throw Damaged($"STOP leaves {_stack.Count} values on the stack instead of one");
                    }

                    return _stack[0];
                case '\x80':
                    var protocol = ReadByte();
                    if (protocol > HighestProtocol)
                    {
                        throw Damaged($"it uses pickle protocol {protocol}; protocols 0 to {HighestProtocol} are known");
                    }

                    break;
                case '\x95':
                    ReadInt64(); // FRAME: the length of the next frame, a hint for buffering.
                    break;
                case '(':
                    _marks.Push(_stack.Count);
                    break;
                case '0':
                    Pop();
                    break;
                case '1':
                    PopMark();
                    break;
                case '2':
                    Push(Peek());
                    break;
                case 'N':
                    Push(null);
                    break;
                case '\x88':
                    Push(true);
                    break;
                case '\x89':
                    Push(false);
                    break;
                case 'J':
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4)));
                    break;
                case 'K':
                    Push((long)ReadByte());
                    break;
                case 'M':
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(2)));
                    break;
                case '\x8a':
                    Push(ReadLong(ReadByte()));
                    break;
                case '\x8b':
                    Push(ReadLong(ReadLength(ReadInt32())));
                    break;
                case 'I':
                    Push(ParseTextInt(ReadLine()));
                    break;
                case 'L':
                    Push(ParseTextLong(ReadLine()));
                    break;
                case 'G':
                    Push(BinaryPrimitives.ReadDoubleBigEndian(ReadExactly(8)));
                    break;
                case 'F':
                    Push(ParseTextFloat(ReadLine()));
                    break;
                case 'U':
                    Push(ReadExactly(ReadByte()));
                    break;
                case 'T':
                    Push(ReadExactly(ReadLength(ReadInt32())));
                    break;
                case 'C':
                    Push(ReadExactly(ReadByte()));
                    break;
                case 'B':
                    Push(ReadExactly(ReadLength(ReadUInt32())));
                    break;
                case '\x8e':
                    Push(ReadExactly(ReadLength(ReadInt64())));
                    break;
                case '\x8c':
                    Push(ReadText(ReadByte()));
                    break;
                case 'X':
                    Push(ReadText(ReadLength(ReadUInt32())));
                    break;
                case '\x8d':
                    Push(ReadText(ReadLength(ReadInt64())));
                    break;
                case '}':
                    Push(NewDict());
                    break;
                case 'd':
                    Push(SetItems(NewDict(), PopMark()));
                    break;
                case ']':
                    Push(new List<object?>());
                    break;
                case 'l':
                    Push(PopMark());
                    break;
                case ')':
                    Push(new PickleTuple([]));
                    break;
                case 't':
                    Push(new PickleTuple([.. PopMark()]));
                    break;
                case '\x85':
                    Push(new PickleTuple([Pop()]));
                    break;
                case '\x86':
                {
                    var b = Pop();
                    var a = Pop();
                    Push(new PickleTuple([a, b]));
                    break;
                }

                case '\x87':
                {
                    var c = Pop();
                    var b = Pop();
                    var a = Pop();
                    Push(new PickleTuple([a, b, c]));
                    break;
                }

                case 'a':
                {
                    var value = Pop();
                    ListAt(_stack.Count - 1, "APPEND").Add(value);
                    break;
                }

                case 'e':
                {
                    var items = PopMark();
                    ListAt(_stack.Count - 1, "APPENDS").AddRange(items);
                    break;
                }

                case 's':
                {
                    var value = Pop();
                    var key = Pop();
                    SetItems(DictAt(_stack.Count - 1, "SETITEM"), [key, value]);
                    break;
                }

                case 'u':
                {
                    var items = PopMark();
                    SetItems(DictAt(_stack.Count - 1, "SETITEMS"), items);
                    break;
                }

                case 'q':
                    _memo[ReadByte()] = Peek();
                    break;
                case 'r':
                    _memo[ReadUInt32()] = Peek();
                    break;
                case '\x94':
                    _memo[_memo.Count] = Peek();
                    break;
                case 'p':
                    _memo[ParseMemoKey(ReadLine())] = Peek();
                    break;
                case 'h':
                    Push(Recall(ReadByte()));
                    break;
                case 'j':
                    Push(Recall(ReadUInt32()));
                    break;
                case 'g':
                    Push(Recall(ParseMemoKey(ReadLine())));
                    break;
                case 'c':
                {
                    var module = ReadLine();
                    var name = ReadLine();
                    Push(PickleGlobals.Resolve(module, name, _name));
                    break;
                }

                case '\x93':
                {
                    var name = Pop() as string ?? throw Damaged("STACK_GLOBAL expects a str name");
                    var module = Pop() as string ?? throw Damaged("STACK_GLOBAL expects a str module");
                    Push(PickleGlobals.Resolve(module, name, _name));
                    break;
                }

                case 'R':
                {
                    var args = Pop() as PickleTuple ?? throw Damaged("REDUCE expects a tuple of arguments");
                    var callable = Pop();
                    Push(PickleGlobals.Reduce(callable, args, _name));
                    break;
                }

                case 'b':
                {
                    var state = Pop();
                    var target = Pop();
                    Push(PickleGlobals.Build(target, state, _name));
                    break;
                }

                default:
                    throw PickleGlobals.Refused(
                        $"opcode 0x{op:x2} ('{(op is >= 0x20 and < 0x7f ? ((char)op).ToString() : "?")}') at offset {offset}, which builds " +
                        "objects other than plain data", _name);
            }
        }
    }

    private static Dictionary<object, object?> NewDict() => new(PickleKeyComparer.Instance);

    private Dictionary<object, object?> SetItems(Dictionary<object, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0)
        {
            throw Damaged("a dict is built from an odd number of keys and values");
        }

        for (var i = 0; i < items.Count; i += 2)
        {
            var key = items[i] ?? throw Damaged("a dict has None as a key, which is not supported");
            dict[key] = items[i + 1];
        }

        return dict;
    }

    private List<object?> ListAt(int index, string op) =>
        index >= 0 && _stack[index] is List<object?> list ? list : throw Damaged($"{op} expects a list on the stack");

    private Dictionary<object, object?> DictAt(int index, string op) =>
        index >= 0 && _stack[index] is Dictionary<object, object?> dict ? dict : throw Damaged($"{op} expects a dict on the stack");

    private void Push(object? value) => _stack.Add(value);

    private object? Pop()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _stack.Count == _marks.Peek()))
        {
            throw Damaged("an opcode takes a value from an empty stack");
        }

        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek() => _stack.Count > 0 ? _stack[^1] : throw Damaged("an opcode reads the top of an empty stack");

    private List<object?> PopMark()
    {
        if (_marks.Count == 0)
        {
            throw Damaged("an opcode needs a MARK that was never set");
        }

        var start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private object? Recall(long key) => _memo.TryGetValue(key, out var value) ? value : throw Damaged($"it refers to memo entry {key}, which was never stored");

    private int ReadByte()
    {
        var b = _stream.ReadByte();
        return b >= 0 ? b : throw Damaged("it ends inside an opcode (the file is truncated)");
    }

    private byte[] ReadExactly(long count)
    {
        var data = BoundedRead.UpTo(_stream, count);
        return data.Length == count ? data : throw Damaged($"it declares {count} bytes of data, but only {data.Length} follow (the file is truncated)");
    }

    private int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4));

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4));

    private long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(8));

    private long ReadLength(long length) => length >= 0 ? length : throw Damaged($"it declares a negative length ({length})");

    private string ReadText(long count)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(ReadExactly(count));
        }
        catch (DecoderFallbackException)
        {
            throw Damaged("a str is not valid UTF-8");
        }
    }

    // Two's complement, little-endian, as Python's LONG1/LONG4 store integers.
    private object ReadLong(long count)
    {
        var bytes = ReadExactly(count);
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    // The text opcodes of protocol 0 end with a newline; no line of plain data comes near 64 KiB.
    private string ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = ReadByte();
            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray());
            }

            if (bytes.Count >= 1 << 16)
            {
                throw Damaged("a text opcode has a line longer than 64 KiB");
            }

            bytes.Add((byte)b);
        }
    }

    private object ParseTextInt(string line) => line switch
    {
        "00" => false,
        "01" => true,
        _ => ParseTextLong(line),
    };

    private object ParseTextLong(string line)
    {
        var digits = line.TrimEnd('L');
        return BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value >= long.MinValue && value <= long.MaxValue ? (long)value : value
            : throw Damaged($"'{line}' is not an integer");
    }

    private double ParseTextFloat(string line) =>
        double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Damaged($"'{line}' is not a float");

    private long ParseMemoKey(string line) =>
        long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? key : throw Damaged($"'{line}' is not a memo key");

    private InvalidDataException Damaged(string reason) => new($"'{_name}' is not a valid pickle: {reason}.");

    /// <summary>Dict keys compare bytes by content (Python 2 pickles use byte-string keys).</summary>
    private sealed class PickleKeyComparer : IEqualityComparer<object>
    {
        public static readonly PickleKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => x is byte[] a && y is byte[] b ? a.AsSpan().SequenceEqual(b) : object.Equals(x, y);

        public int GetHashCode(object obj)
        {
            if (obj is not byte[] bytes)
            {
                return obj.GetHashCode();
            }

            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}

/// <summary>A Python tuple read from a pickle.</summary>
/// <param name="Items">The items.</param>
internal sealed record PickleTuple(object?[] Items)
{
    /// <summary>Gets the number of items.</summary>
    public int Count => Items.Length;

    /// <summary>Gets an item.</summary>
    public object? this[int index] => Items[index];
}
