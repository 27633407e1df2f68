using System.Text;
using NumSharp;

namespace DeepKeras.Datasets;

/// <summary>
/// The allow-list of <see cref="PickleReader"/>: the only names a pickle may use, and what their calls mean here.
/// Nothing is looked up or run: each allowed name is a marker whose REDUCE and BUILD steps are interpreted in C#.
/// </summary>
/// <remarks>
/// numpy pickles an array <c>a</c> as <c>numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b"b")</c> followed by
/// BUILD with the state <c>(1, shape, dtype, is_fortran, data)</c>, where data is the raw bytes, or the list of the
/// elements for an object array; a dtype as <c>numpy.dtype("u1", 0, 1)</c> followed by BUILD with
/// <c>(3, byte_order, None, None, None, -1, -1, 0)</c>. Python 3 writing protocol 2 stores bytes as
/// <c>_codecs.encode(text, "latin1")</c> (and empty bytes as <c>builtins.bytes()</c>).
/// </remarks>
internal static class PickleGlobals
{
    /// <summary>Returns the marker for an allowed global, or null for any other.</summary>
    /// <param name="module">The module name.</param>
    /// <param name="name">The qualified name in the module.</param>
    public static object? Resolve(string module, string name) => (module, name) switch
    {
        ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => Marker.Reconstruct,
        ("numpy", "ndarray") => Marker.NdarrayType,
        ("numpy", "dtype") => Marker.DtypeType,
        ("_codecs", "encode") => Marker.CodecsEncode,
        ("__builtin__" or "builtins", "bytes") => Marker.BytesType,
        _ => null,
    };

    /// <summary>Interprets <c>callable(*args)</c> for the allowed markers.</summary>
    /// <param name="callable">The value under the arguments on the stack.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="reader">The reader, for its errors.</param>
    public static object Reduce(object? callable, PickleTuple args, PickleReader reader)
    {
        if (ReferenceEquals(callable, Marker.Reconstruct) && args.Count == 3 && ReferenceEquals(args[0], Marker.NdarrayType))
        {
            return new PendingArray();
        }

        if (ReferenceEquals(callable, Marker.DtypeType) && args.Count >= 1 && Text(args[0]) is { } kind)
        {
            return new PickleDtype(kind);
        }

        if (ReferenceEquals(callable, Marker.CodecsEncode) && args.Count == 2 && args[0] is string text && Text(args[1]) is "latin1" or "latin-1")
        {
            return text.All(ch => ch <= 0xff) ? Encoding.Latin1.GetBytes(text) : throw reader.Damaged("latin-1 bytes hold a character above U+00FF");
        }

        if (ReferenceEquals(callable, Marker.BytesType) && args.Count == 0)
        {
            return Array.Empty<byte>();
        }

        throw callable is Marker m
            ? reader.Refused($"a call of {m} with arguments it does not take")
            : reader.Refused("a call of something that is not one of numpy's array rebuilders");
    }

    /// <summary>Interprets BUILD (<c>obj.__setstate__(state)</c>) for pending arrays and dtypes.</summary>
    /// <param name="target">The object whose state is set.</param>
    /// <param name="state">The state.</param>
    /// <param name="reader">The reader, for its errors and whether it reads object arrays.</param>
    public static object Build(object? target, object? state, PickleReader reader)
    {
        switch (target)
        {
            case PendingArray when state is PickleTuple s:
                return BuildArray(s, reader);
            case PickleDtype dtype when state is PickleTuple s:
                // (version, byte order, subarray, names, fields, elsize, alignment, flags[, metadata])
                if (s.Count < 5 || Text(s[1]) is not { } order || s[2] is not null || s[3] is not null)
                {
                    throw reader.Refused("a structured or sub-array numpy dtype");
                }

                return dtype with { Order = order };
            default:
                throw reader.Refused("setting the state of an object other than a numpy array or dtype");
        }
    }

    private static object BuildArray(PickleTuple state, PickleReader reader)
    {
        // Version 1 states start with the version; older ones do not.
        var s = state.Count == 5 ? state.Items[1..] : state.Count == 4 ? state.Items : throw reader.Damaged("an array state has the wrong length");
        if (s[0] is not PickleTuple shapeTuple || s[1] is not PickleDtype dtype || s[2] is not bool fortran)
        {
            throw reader.Damaged("an array state is not (shape, dtype, is_fortran, data)");
        }

        var shape = shapeTuple.Items.Select(d => d is long n ? n : throw reader.Damaged("an array shape holds a non-integer")).ToArray();
        if (!dtype.Kind.StartsWith('O'))
        {
            var order = dtype.Order is "<" or ">" or "|" ? dtype.Order : BitConverter.IsLittleEndian ? "<" : ">";
            return s[3] is byte[] data
                ? NpyReader.FromBytes(data, order + dtype.Kind, shape, fortran, reader.Name)
                : throw reader.Damaged($"an array of dtype '{dtype.Kind}' holds no raw bytes");
        }

        if (!reader.ObjectArrays)
        {
            throw reader.Refused("a numpy array of Python objects");
        }

        if (s[3] is not List<object?> items || shape.Length != 1 || items.Count != shape[0])
        {
            var held = s[3] is List<object?> list ? $"{list.Count} elements" : "no list of elements";
            throw reader.Damaged($"an object array of shape ({string.Join(", ", shape)}) holds {held}; only 1-D object arrays holding a list of that many elements are read");
        }

        return items;
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.ASCII.GetString(b),
        _ => null,
    };

    /// <summary>The allowed globals.</summary>
    private sealed class Marker(string name)
    {
        public static readonly Marker Reconstruct = new("numpy.core.multiarray._reconstruct");
        public static readonly Marker NdarrayType = new("numpy.ndarray");
        public static readonly Marker DtypeType = new("numpy.dtype");
        public static readonly Marker CodecsEncode = new("_codecs.encode");
        public static readonly Marker BytesType = new("builtins.bytes");

        public override string ToString() => name;
    }

    /// <summary>An array created by <c>_reconstruct</c>, waiting for its state.</summary>
    private sealed class PendingArray;

    /// <summary>A numpy dtype: its kind and size (<c>u1</c>, <c>f4</c>, <c>O8</c>) and byte order (<c>|</c>, <c>&lt;</c>, <c>&gt;</c>, <c>=</c>).</summary>
    private sealed record PickleDtype(string Kind, string Order = "|");
}
