using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NumSharp;

namespace DeepKeras.Datasets;

/// <summary>
/// Reads one <c>.npy</c> array (format versions 1.0–3.0): magic <c>\x93NUMPY</c>, version, little-endian header
/// length, the header dict (<see cref="NpyHeader"/>), then the raw data. Numeric dtypes of either byte order and
/// Fortran order are supported; object arrays (stored with pickle) are refused by <see cref="Read"/>, never unpickled;
/// <see cref="ReadIntLists"/> reads the one kind Keras datasets use (lists of integers) as data.
/// </summary>
internal static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads an array from a stream positioned at the magic string.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="name">The array name used in errors.</param>
    /// <exception cref="InvalidDataException">Not a .npy stream, an unsupported or pickled dtype, or truncated data.</exception>
    public static NDArray Read(Stream stream, string name)
    {
        var header = ReadHeader(stream, name);
        var (_, itemSize, _) = ParseDescr(header.Descr, name);
        var count = ElementCount(header.Shape, itemSize, name);
        var data = BoundedRead.UpTo(stream, count * itemSize);
        if (data.Length != count * itemSize)
        {
            throw new InvalidDataException(
                $"Array '{name}' declares shape ({string.Join(", ", header.Shape)}) of '{header.Descr}' = {count * itemSize} bytes, " +
                $"but only {data.Length} follow the header (the file is truncated).");
        }

        return FromBytes(data, header.Descr, header.Shape, header.FortranOrder, name);
    }

    /// <summary>
    /// Reads a 1-D object array whose elements are lists of integers (how Keras's <c>imdb.npz</c> stores sequences):
    /// the pickle after the header is read as data by <see cref="PickledIntLists"/> (<see cref="PickleReader"/>), never unpickled.
    /// </summary>
    /// <param name="stream">The stream, positioned at the magic string.</param>
    /// <param name="name">The array name used in errors.</param>
    /// <returns>One <c>int[]</c> per element.</returns>
    /// <exception cref="InvalidDataException">Not an object array of integer lists, or a damaged file.</exception>
    public static int[][] ReadIntLists(Stream stream, string name)
    {
        var header = ReadHeader(stream, name);
        if (header.Descr.TrimStart('|', '<', '>', '=') != "O")
        {
            throw new InvalidDataException(
                $"Array '{name}' has dtype '{header.Descr}', expected an object array ('|O') of integer lists.");
        }

        if (header.Shape.Length != 1)
        {
            throw new InvalidDataException(
                $"Array '{name}' has shape ({string.Join(", ", header.Shape)}), expected a 1-D object array of integer lists.");
        }

        return PickledIntLists.Read(stream, name, header.Shape[0]);
    }

    /// <summary>Reads the magic string, version and header dict.</summary>
    /// <param name="stream">The stream, positioned at the magic string; on return it is at the data.</param>
    /// <param name="name">The array name used in errors.</param>
    /// <exception cref="InvalidDataException">Not a .npy stream, an unknown version or a damaged header.</exception>
    public static NpyHeader ReadHeader(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (!BoundedRead.Fill(stream, prefix) || !prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Array '{name}' is not a .npy array: it does not start with the magic string \\x93NUMPY.");
        }

        int major = prefix[6];
        long headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            headerLength = BoundedRead.Fill(stream, len) ? BinaryPrimitives.ReadUInt16LittleEndian(len) : -1;
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            headerLength = BoundedRead.Fill(stream, len) ? BinaryPrimitives.ReadUInt32LittleEndian(len) : -1;
        }
        else
        {
            throw new InvalidDataException($"Array '{name}' uses .npy format version {major}.{prefix[7]}; versions 1.0 to 3.0 are supported.");
        }

        // numpy headers are a few hundred bytes; a huge length is a damaged or hostile file.
        if (headerLength is < 0 or > 1 << 20)
        {
            throw new InvalidDataException($"Array '{name}' has a damaged .npy header length ({headerLength}).");
        }

        var headerBytes = BoundedRead.UpTo(stream, headerLength);
        if (headerBytes.Length != headerLength)
        {
            throw new InvalidDataException($"Array '{name}' is truncated inside its .npy header.");
        }

        return NpyHeader.Parse(NpyHeader.Decode(headerBytes, major), name);
    }

    /// <summary>
    /// Builds an array from its raw bytes as numpy stores them (in .npy files and in pickled arrays): a dtype
    /// descriptor such as <c>'&lt;f4'</c> or <c>'|u1'</c>, the shape, and C or Fortran order. The bytes are taken over.
    /// </summary>
    /// <param name="data">Exactly the product of the shape times the item size, in bytes.</param>
    /// <param name="descr">The numpy dtype descriptor.</param>
    /// <param name="shape">The shape.</param>
    /// <param name="fortranOrder">Whether the data is column-major.</param>
    /// <param name="name">The array name used in errors.</param>
    /// <exception cref="InvalidDataException">An unsupported or object dtype, or a byte count that does not match the shape.</exception>
    internal static NDArray FromBytes(byte[] data, string descr, long[] shape, bool fortranOrder, string name)
    {
        var (type, itemSize, bigEndian) = ParseDescr(descr, name);
        var count = ElementCount(shape, itemSize, name);
        if (data.Length != count * itemSize)
        {
            throw new InvalidDataException(
                $"Array '{name}' declares shape ({string.Join(", ", shape)}) of '{descr}' = {count * itemSize} bytes, but holds {data.Length} bytes.");
        }

        if (bigEndian && itemSize > 1)
        {
            SwapBytes(data, itemSize);
        }

        var ordered = fortranOrder ? shape.Reverse().ToArray() : shape;
        var array = ToNDArray(data, type, ordered);
        if (fortranOrder && ordered.Length > 1)
        {
            // Column-major data read with the reversed shape is the transpose of the array.
            array = np.transpose(array).copy();
        }

        return array;
    }

    private static long ElementCount(long[] shape, int itemSize, string name)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new InvalidDataException($"Array '{name}' declares a negative size in shape ({string.Join(", ", shape)}).");
            }

            count *= d;
            if (count * itemSize > Array.MaxLength)
            {
                throw new InvalidDataException($"Array '{name}' declares shape ({string.Join(", ", shape)}), larger than an array can hold.");
            }
        }

        return count;
    }

    private static (NPTypeCode Type, int ItemSize, bool BigEndian) ParseDescr(string descr, string name)
    {
        if (descr.Length < 2)
        {
            throw Unsupported(descr, name);
        }

        var order = descr[0];
        var kind = order is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        if (kind.StartsWith('O'))
        {
            throw new InvalidDataException(
                $"Array '{name}' holds Python objects (dtype '{descr}'), which numpy stores with pickle. DeepKeras never unpickles data " +
                "because unpickling can run arbitrary code; re-save the array with a numeric dtype (e.g. np.asarray(a, dtype='float32')).");
        }

        var type = kind switch
        {
            "b1" => NPTypeCode.Boolean,
            "i1" => NPTypeCode.SByte,
            "u1" => NPTypeCode.Byte,
            "i2" => NPTypeCode.Int16,
            "u2" => NPTypeCode.UInt16,
            "i4" => NPTypeCode.Int32,
            "u4" => NPTypeCode.UInt32,
            "i8" => NPTypeCode.Int64,
            "u8" => NPTypeCode.UInt64,
            "f2" => NPTypeCode.Half,
            "f4" => NPTypeCode.Single,
            "f8" => NPTypeCode.Double,
            _ => throw Unsupported(descr, name),
        };
        return (type, kind[1] - '0', order == '>');
    }

    private static InvalidDataException Unsupported(string descr, string name) => new(
        $"Array '{name}' has dtype '{descr}', which is not supported. Expected a numeric dtype: " +
        "bool (|b1), int8/uint8 (|i1, |u1), int16/32/64, uint16/32/64, float16/32/64 (e.g. '<f4').");

    private static void SwapBytes(byte[] data, int itemSize)
    {
        for (var i = 0; i < data.Length; i += itemSize)
        {
            data.AsSpan(i, itemSize).Reverse();
        }
    }

    private static NDArray ToNDArray(byte[] data, NPTypeCode type, long[] shape)
    {
        var s = new NumSharp.Shape(shape);
        return type switch
        {
            NPTypeCode.Byte => new NDArray(data, s),
            NPTypeCode.Boolean => new NDArray(data.Select(b => b != 0).ToArray(), s),
            NPTypeCode.SByte => new NDArray(Cast<sbyte>(data), s),
            NPTypeCode.Int16 => new NDArray(Cast<short>(data), s),
            NPTypeCode.UInt16 => new NDArray(Cast<ushort>(data), s),
            NPTypeCode.Int32 => new NDArray(Cast<int>(data), s),
            NPTypeCode.UInt32 => new NDArray(Cast<uint>(data), s),
            NPTypeCode.Int64 => new NDArray(Cast<long>(data), s),
            NPTypeCode.UInt64 => new NDArray(Cast<ulong>(data), s),
            NPTypeCode.Half => new NDArray(Cast<Half>(data), s),
            NPTypeCode.Single => new NDArray(Cast<float>(data), s),
            _ => new NDArray(Cast<double>(data), s),
        };
    }

    private static T[] Cast<T>(byte[] data)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(data).ToArray();
}
