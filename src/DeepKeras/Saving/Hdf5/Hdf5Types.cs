using System.Buffers.Binary;

namespace DeepKeras.Saving.Hdf5;

/// <summary>A dataspace message: scalar, simple (with dimensions) or null.</summary>
/// <param name="Kind">0 scalar, 1 simple, 2 null.</param>
/// <param name="Dimensions">The dimensions (empty for scalar and null).</param>
internal sealed record Hdf5Dataspace(int Kind, ulong[] Dimensions)
{
    /// <summary>Gets the number of elements (0 for a null dataspace), or null when it overflows.</summary>
    public ulong? ElementCount
    {
        get
        {
            if (Kind == 2)
            {
                return 0;
            }

            ulong n = 1;
            foreach (var d in Dimensions)
            {
                if (d != 0 && n > ulong.MaxValue / d)
                {
                    return null;
                }

                n *= d;
            }

            return n;
        }
    }

    /// <summary>Decodes a dataspace message (versions 1 and 2).</summary>
    public static Hdf5Dataspace Parse(Hdf5File file, byte[] data, string path)
    {
        var c = new Hdf5Cursor(file, data, 0);
        var version = c.Byte();
        var rank = c.Byte();
        c.Skip(1); // flags: maximum dimensions follow the dimensions and are not needed
        int kind;
        switch (version)
        {
            case 1:
                c.Skip(5);
                kind = rank > 0 ? 1 : 0;
                break;
            case 2:
                kind = c.Byte();
                if (kind > 2)
                {
                    throw new Hdf5FormatException($"unknown dataspace type {kind} in '{path}'");
                }

                break;
            default:
                throw new Hdf5FormatException($"unsupported dataspace version {version} in '{path}'");
        }

        if (rank > 32)
        {
            throw new Hdf5FormatException($"the dataspace of '{path}' has rank {rank} (at most 32 is valid)");
        }

        var dims = new ulong[kind == 1 ? rank : 0];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = c.Length();
        }

        return new Hdf5Dataspace(kind, dims);
    }
}

/// <summary>A datatype message: its class, size and the properties DeepKeras checks.</summary>
/// <param name="Class">0 fixed-point, 1 floating-point, 3 string, 5 opaque, 9 variable-length, …</param>
/// <param name="Size">The element size in bytes.</param>
/// <param name="LittleEndian">Whether numbers are little-endian.</param>
/// <param name="Signed">Whether a fixed-point type is signed.</param>
/// <param name="IsIeee">Whether a floating-point type is IEEE binary16/32/64 with standard layout.</param>
internal sealed record Hdf5Datatype(int Class, uint Size, bool LittleEndian, bool Signed, bool IsIeee)
{
    /// <summary>Gets a readable name for messages.</summary>
    public string Describe() => Class switch
    {
        0 => $"{(Signed ? "int" : "uint")}{Size * 8}",
        1 => $"float{Size * 8}",
        3 => "string",
        5 => "opaque",
        9 => "variable-length",
        _ => $"class {Class}",
    };

    /// <summary>Decodes a datatype message.</summary>
    public static Hdf5Datatype Parse(byte[] data, string path)
    {
        if (data.Length < 8)
        {
            throw new Hdf5FormatException($"the datatype of '{path}' is truncated");
        }

        var cls = data[0] & 0x0F;
        var bits = data[1];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        switch (cls)
        {
            case 0:
                return new Hdf5Datatype(0, size, (bits & 0x01) == 0, (bits & 0x08) != 0, false);
            case 1:
                var little = (bits & 0x01) == 0 && (bits & 0x40) == 0;
                var ieee = data.Length >= 20 && BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8)) == 0 && (size, BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(10)), data[13], data[15]) switch
                {
                    (2, 16, 5, 10) or (4, 32, 8, 23) or (8, 64, 11, 52) => true,
                    _ => false,
                };
                return new Hdf5Datatype(1, size, little, true, ieee);
            default:
                return new Hdf5Datatype(cls, size, true, false, false);
        }
    }
}

/// <summary>A data layout message: where the data of a dataset is.</summary>
/// <param name="Class">0 compact, 1 contiguous, 2 chunked, 3 virtual.</param>
/// <param name="Address">The address of contiguous data.</param>
/// <param name="Size">The size of the data in bytes.</param>
/// <param name="Compact">The inline data of a compact dataset.</param>
internal sealed record Hdf5Layout(int Class, ulong Address, ulong Size, byte[]? Compact)
{
    /// <summary>Decodes a data layout message (versions 3 and 4).</summary>
    public static Hdf5Layout Parse(Hdf5File file, byte[] data, string path)
    {
        var c = new Hdf5Cursor(file, data, 0);
        var version = c.Byte();
        if (version is not (3 or 4))
        {
            throw new Hdf5FormatException($"unsupported data layout version {version} in '{path}'");
        }

        var cls = c.Byte();
        switch (cls)
        {
            case 0:
                var size = c.UInt16();
                return new Hdf5Layout(0, ulong.MaxValue, size, c.Bytes(size).ToArray());
            case 1:
                return new Hdf5Layout(1, c.Offset(), c.Length(), null);
            default:
                return new Hdf5Layout(cls, ulong.MaxValue, 0, null);
        }
    }
}
