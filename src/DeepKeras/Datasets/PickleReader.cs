using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace DeepKeras.Datasets;

/// <summary>
/// A safe reader for Python pickles of plain data (protocols 0–4 as Python 2 and 3 write them): None, booleans,
/// integers, floats, str, bytes, lists, tuples and dicts, numpy arrays of numeric dtype and, where the caller asks for
/// them, 1-D numpy object arrays. That covers the CIFAR batches and the <c>imdb.npz</c> sequences Keras loads.
/// </summary>
/// <remarks>
/// A pickle is a small program, and a normal unpickler runs whatever function it names. This reader runs nothing: it
/// only interprets the opcodes that build data. The only names a pickle may refer to are the few that numpy and
/// Python use to rebuild arrays and bytes (<see cref="PickleGlobals"/>), and those are interpreted here; any other
/// name (<c>os.system</c>, <c>builtins.eval</c>, a class), and opcodes that create objects, stop the read with an
/// <see cref="InvalidDataException"/> naming the file or array and the byte offset. The pickle is read into memory as
/// it arrives, and every length it declares is checked against the bytes actually present before anything is
/// allocated for it. Runs of small integers appended to a list (how lists of word indices are stored) are read in one
/// tight loop, with boxes shared between equal values.
/// <para>Values: None → null, bool, int → <see cref="long"/> (or <see cref="BigInteger"/> past 64 bits), float →
/// <see cref="double"/>, str → <see cref="string"/>, bytes (and Python 2 <c>str</c>, read as with
/// <c>encoding="bytes"</c>) → <see cref="byte"/>[], list → <see cref="List{T}"/>, tuple → <see cref="PickleTuple"/>,
/// dict → <see cref="Dictionary{TKey, TValue}"/>, numeric numpy array → NumSharp <c>NDArray</c>, numpy object array →
/// the <see cref="List{T}"/> of its elements.</para>
/// </remarks>
internal sealed class PickleReader(byte[] data, int length, string name, string subject, bool objectArrays)
{
    private const int HighestProtocol = 5;
    private const int MaxLine = 1 << 16;

    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _position;
    private int _opcodeAt;

    /// <summary>Gets the file or array name, for the errors of the arrays read.</summary>
    internal string Name { get; } = name;

    /// <summary>Gets a value indicating whether numpy object arrays are read (as lists) rather than refused.</summary>
    internal bool ObjectArrays { get; } = objectArrays;

    /// <summary>Reads one pickled object from <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream, positioned at the pickle; it is read to its end.</param>
    /// <param name="name">A name for errors (e.g. the file path).</param>
    /// <returns>The object (see the remarks of <see cref="PickleReader"/> for the types).</returns>
    /// <exception cref="InvalidDataException">Not a pickle of plain data: truncated, damaged, naming anything but numpy's array rebuilders, or holding a numpy object array.</exception>
    public static object? Load(Stream stream, string name) => Read(stream, name, objectArrays: false);

    /// <summary>Reads the pickled object in a file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">See <see cref="Load(Stream, string)"/>.</exception>
    public static object? Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>Reads one pickled object from the rest of <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream, positioned at the pickle; it is read to its end.</param>
    /// <param name="name">The file or array name for errors.</param>
    /// <param name="objectArrays">Whether 1-D numpy object arrays are read as the list of their elements instead of refused.</param>
    /// <param name="subject">What errors call the pickle (default: the name in quotes), e.g. <c>Array 'x_train'</c>.</param>
    /// <exception cref="InvalidDataException">See <see cref="Load(Stream, string)"/>.</exception>
    internal static object? Read(Stream stream, string name, bool objectArrays, string? subject = null)
    {
        subject ??= $"'{name}'";
        // A seekable stream's length sizes the buffer up to 64 MiB (a CIFAR batch, IMDB's x_train); past that, and for
        // other streams, the buffer grows with the bytes that actually arrive, so a length that lies allocates nothing.
        var remaining = stream.CanSeek ? Math.Clamp(stream.Length - stream.Position, 0, 64 << 20) : 0;
        using var buffer = new MemoryStream((int)remaining);
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"{subject} cannot be read: {e.Message}", e);
        }

        return new PickleReader(buffer.GetBuffer(), (int)buffer.Length, name, subject, objectArrays).Run();
    }

    /// <summary>The error for a pickle that is damaged or truncated, at the current opcode.</summary>
    /// <param name="reason">What is wrong.</param>
    internal InvalidDataException Damaged(string reason) => new($"{subject} is not a valid pickle: {reason} (opcode at byte {_opcodeAt}).");

    /// <summary>The error for anything this reader will not do, at the current opcode.</summary>
    /// <param name="what">What the pickle uses, e.g. <c>the global 'os.system'</c>.</param>
    internal InvalidDataException Refused(string what) => new(
        $"{subject} is a pickle that uses {what} at byte {_opcodeAt}. DeepKeras reads only pickles of plain data (numbers, " +
        "strings, bytes, lists, tuples, dicts and numpy arrays) and never runs code from a pickle, so it refuses this file.");

    private object? Run()
    {
        while (true)
        {
            _opcodeAt = _position;
            if (_position >= length)
            {
                throw Damaged("it ends before its STOP opcode (the file is truncated)");
            }

            var op = data[_position++];
            switch ((char)op)
            {
                case '.': // STOP
                    return _stack.Count == 1 && _marks.Count == 0
                        ? _stack[0]
                        : throw Damaged($"STOP leaves {_stack.Count} values on the stack instead of one");
                case '\x80': // PROTO
                    var protocol = ReadByte();
                    if (protocol > HighestProtocol)
                    {
                        throw Damaged($"it uses pickle protocol {protocol}; protocols 0 to {HighestProtocol} are known");
                    }

                    break;
                case '\x95': // FRAME: the length of the next frame, a hint for buffering
                    ReadExactly(8);
                    break;
                case '(': // MARK
                    if (_stack.Count == 0 || _stack[^1] is not List<object?> list || !AppendIntegerRun(list))
                    {
                        _marks.Push(_stack.Count);
                    }

                    break;
                case '0': // POP
                    Pop();
                    break;
                case '1': // POP_MARK
                    PopMark();
                    break;
                case '2': // DUP
                    Push(Peek());
                    break;
                case 'N': // NONE
                    Push(null);
                    break;
                case '\x88': // NEWTRUE
                    Push(true);
                    break;
                case '\x89': // NEWFALSE
                    Push(false);
                    break;
                case 'J': // BININT
                    Push(BoxedInts.Of(BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4))));
                    break;
                case 'K': // BININT1
                    Push(BoxedInts.Of(ReadByte()));
                    break;
                case 'M': // BININT2
                    Push(BoxedInts.Of(BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(2))));
                    break;
                case '\x8a': // LONG1
                    Push(ReadLong(ReadByte()));
                    break;
                case '\x8b': // LONG4
                    Push(ReadLong(ReadLength(ReadInt32())));
                    break;
                case 'I': // INT
                    Push(ParseTextInt(ReadLine()));
                    break;
                case 'L': // LONG
                    Push(ParseTextLong(ReadLine()));
                    break;
                case 'G': // BINFLOAT
                    Push(BinaryPrimitives.ReadDoubleBigEndian(ReadExactly(8)));
                    break;
                case 'F': // FLOAT
                    Push(ParseTextFloat(ReadLine()));
                    break;
                case 'U': // SHORT_BINSTRING (Python 2 str)
                case 'C': // SHORT_BINBYTES
                    Push(ReadExactly(ReadByte()).ToArray());
                    break;
                case 'T': // BINSTRING (Python 2 str)
                    Push(ReadExactly(ReadLength(ReadInt32())).ToArray());
                    break;
                case 'B': // BINBYTES
                    Push(ReadExactly(ReadUInt32()).ToArray());
                    break;
                case '\x8e': // BINBYTES8
                    Push(ReadExactly(ReadLength(ReadInt64())).ToArray());
                    break;
                case '\x8c': // SHORT_BINUNICODE
                    Push(ReadText(ReadByte()));
                    break;
                case 'X': // BINUNICODE
                    Push(ReadText(ReadUInt32()));
                    break;
                case '\x8d': // BINUNICODE8
                    Push(ReadText(ReadLength(ReadInt64())));
                    break;
                case '}': // EMPTY_DICT
                    Push(NewDict());
                    break;
                case 'd': // DICT
                    Push(SetItems(NewDict(), PopMark()));
                    break;
                case ']': // EMPTY_LIST
                    Push(new List<object?>());
                    break;
                case 'l': // LIST
                    Push(PopMark());
                    break;
                case ')': // EMPTY_TUPLE
                    Push(new PickleTuple([]));
                    break;
                case 't': // TUPLE
                    Push(new PickleTuple([.. PopMark()]));
                    break;
                case '\x85': // TUPLE1
                case '\x86': // TUPLE2
                case '\x87': // TUPLE3
                    var items = new object?[op - 0x84];
                    for (var i = items.Length - 1; i >= 0; i--)
                    {
                        items[i] = Pop();
                    }

                    Push(new PickleTuple(items));
                    break;
                case 'a': // APPEND
                    var value = Pop();
                    TopList("APPEND").Add(value);
                    break;
                case 'e': // APPENDS
                    var values = PopMark();
                    TopList("APPENDS").AddRange(values);
                    break;
                case 's': // SETITEM
                    var item = Pop();
                    var key = Pop();
                    SetItems(TopDict("SETITEM"), [key, item]);
                    break;
                case 'u': // SETITEMS
                    var pairs = PopMark();
                    SetItems(TopDict("SETITEMS"), pairs);
                    break;
                case 'q': // BINPUT
                    _memo[ReadByte()] = Peek();
                    break;
                case 'r': // LONG_BINPUT
                    _memo[ReadUInt32()] = Peek();
                    break;
                case '\x94': // MEMOIZE
                    _memo[_memo.Count] = Peek();
                    break;
                case 'p': // PUT
                    _memo[ParseMemoKey(ReadLine())] = Peek();
                    break;
                case 'h': // BINGET
                    Push(Recall(ReadByte()));
                    break;
                case 'j': // LONG_BINGET
                    Push(Recall(ReadUInt32()));
                    break;
                case 'g': // GET
                    Push(Recall(ParseMemoKey(ReadLine())));
                    break;
                case 'c': // GLOBAL
                    var module = ReadLine();
                    Push(Global(module, ReadLine()));
                    break;
                case '\x93': // STACK_GLOBAL
                    var qualname = Pop() as string ?? throw Damaged("STACK_GLOBAL expects a str name");
                    Push(Global(Pop() as string ?? throw Damaged("STACK_GLOBAL expects a str module"), qualname));
                    break;
                case 'R': // REDUCE
                    var args = Pop() as PickleTuple ?? throw Damaged("REDUCE expects a tuple of arguments");
                    Push(PickleGlobals.Reduce(Pop(), args, this));
                    break;
                case 'b': // BUILD
                    var state = Pop();
                    Push(PickleGlobals.Build(Pop(), state, this));
                    break;
                default:
                    throw Refused($"opcode 0x{op:x2}");
            }
        }
    }

    // MARK, then BININT1/BININT2/BININT opcodes, then APPENDS: the items go straight into the list below the mark.
    // The run is measured first; anything else after the mark leaves it to the opcodes read one by one.
    private bool AppendIntegerRun(List<object?> list)
    {
        var count = 0;
        var p = _position;
        while (p < length && data[p] != 'e')
        {
            var size = data[p] switch { (byte)'K' => 2, (byte)'M' => 3, (byte)'J' => 5, _ => 0 };
            if (size == 0 || size > length - p)
            {
                return false;
            }

            p += size;
            count++;
        }

        if (p == length)
        {
            return false;
        }

        var start = list.Count;
        CollectionsMarshal.SetCount(list, start + count);
        var items = CollectionsMarshal.AsSpan(list)[start..];
        p = _position;
        for (var i = 0; i < items.Length; i++)
        {
            switch (data[p])
            {
                case (byte)'K':
                    items[i] = BoxedInts.Of(data[p + 1]);
                    p += 2;
                    break;
                case (byte)'M':
                    items[i] = BoxedInts.Of(BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(p + 1, 2)));
                    p += 3;
                    break;
                default:
                    items[i] = BoxedInts.Of(BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p + 1, 4)));
                    p += 5;
                    break;
            }
        }

        _position = p + 1;
        return true;
    }

    private object Global(string module, string qualname) =>
        PickleGlobals.Resolve(module, qualname) ?? throw Refused($"the global '{module}.{qualname}'");

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

    private List<object?> TopList(string op) =>
        _stack.Count > 0 && _stack[^1] is List<object?> list ? list : throw Damaged($"{op} expects a list on the stack");

    private Dictionary<object, object?> TopDict(string op) =>
        _stack.Count > 0 && _stack[^1] is Dictionary<object, object?> dict ? dict : throw Damaged($"{op} expects a dict on the stack");

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

    private byte ReadByte() => _position < length ? data[_position++] : throw Damaged("it ends inside an opcode (the file is truncated)");

    private ReadOnlySpan<byte> ReadExactly(long count)
    {
        if (count > length - _position)
        {
            throw Damaged($"it declares {count} bytes of data, but only {length - _position} follow (the file is truncated)");
        }

        var span = data.AsSpan(_position, (int)count);
        _position += (int)count;
        return span;
    }

    private int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4));

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(4));

    private long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(8));

    private long ReadLength(long declared) => declared >= 0 ? declared : throw Damaged($"it declares a negative length ({declared})");

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
        var value = new BigInteger(ReadExactly(count), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    // The text opcodes of protocol 0 and GLOBAL end with a newline; no line of plain data comes near 64 KiB.
    private string ReadLine()
    {
        var end = Array.IndexOf(data, (byte)'\n', _position, Math.Min(length - _position, MaxLine + 1));
        if (end < 0)
        {
            throw length - _position > MaxLine
                ? Damaged("a text opcode has a line longer than 64 KiB")
                : Damaged("it ends inside a line of text (the file is truncated)");
        }

        var line = Encoding.ASCII.GetString(data, _position, end - _position);
        _position = end + 1;
        return line;
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

    /// <summary>Boxed <see cref="long"/>s for the integers 0–65535, shared so that word-index lists allocate no boxes.</summary>
    private static class BoxedInts
    {
        private static readonly object[] Small = Enumerable.Range(0, 1 << 16).Select(i => (object)(long)i).ToArray();

        public static object Of(long value) => value is >= 0 and < 1 << 16 ? Small[value] : value;
    }

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
