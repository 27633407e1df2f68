using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DeepKeras.Saving.Hdf5;

/// <summary>
/// A strict, bounds-checked reader for the part of HDF5 that Keras weights files use (the files h5py writes for
/// Keras and the files PureHDF writes for DeepKeras): superblocks 0–3, object headers 1–2, old-style (symbol table)
/// and compact new-style groups, contiguous and compact datasets, attributes. Every offset and size is checked against
/// the file before it is used, every walk is bounded and cycle-checked, and no buffer is larger than the file, so a
/// damaged or hostile file fails fast with <see cref="Hdf5FormatException"/> — it cannot hang the reader, exhaust
/// memory or overflow the stack. External links, external storage, shared messages, filters and chunked or virtual
/// layouts are refused.
/// </summary>
internal sealed class Hdf5File : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];

    /// <summary>The most object headers one file may make the reader parse (Keras files have a few thousand).</summary>
    private const int MaxObjects = 1_000_000;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<ulong, Hdf5Object> _objects = [];

    private Hdf5File(SafeFileHandle handle, long length)
    {
        _handle = handle;
        Length = length;
    }

    /// <summary>Gets the file length in bytes.</summary>
    public long Length { get; }

    /// <summary>Gets the size of file addresses (2, 4 or 8).</summary>
    public int OffsetSize { get; private set; }

    /// <summary>Gets the size of lengths (2, 4 or 8).</summary>
    public int LengthSize { get; private set; }

    /// <summary>Gets the base address all addresses are relative to.</summary>
    public ulong BaseAddress { get; private set; }

    /// <summary>Gets the root group.</summary>
    public Hdf5Object Root { get; private set; } = null!;

    /// <summary>Opens a file through a handle that stays owned by the caller.</summary>
    /// <exception cref="Hdf5FormatException">No HDF5 signature, or an unsupported or damaged superblock.</exception>
    public static Hdf5File Open(SafeFileHandle handle)
    {
        var file = new Hdf5File(handle, RandomAccess.GetLength(handle));
        try
        {
            file.ReadSuperblock();
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    private void ReadSuperblock()
    {
        // The superblock is at 0, 512, 1024, 2048, … (after an optional user block).
        long at = 0;
        while (true)
        {
            if (at + 8 > Length)
            {
                throw new Hdf5FormatException("not an HDF5 file (no HDF5 signature found)");
            }

            if (Read(at, 8).AsSpan().SequenceEqual(Signature))
            {
                break;
            }

            at = at == 0 ? 512 : at * 2;
        }

        var r = Cursor(at + 8, Math.Min(256, Length - at - 8));
        var version = r.Byte();
        switch (version)
        {
            case 0 or 1:
                r.Skip(4); // free-space, root symbol table entry, reserved, shared header versions
                SetSizes(r.Byte(), r.Byte());
                r.Skip(1 + 4 + 4 + (version == 1 ? 4 : 0)); // reserved, group K values, consistency flags, (v1) indexed storage K
                BaseAddress = r.Offset();
                r.Offset(); // free-space info
                r.Offset(); // end of file
                r.Offset(); // driver information
                var entry = Hdf5SymbolEntry.Read(ref r);
                Root = Object(entry.HeaderAddress, "/");
                break;
            case 2 or 3:
                SetSizes(r.Byte(), r.Byte());
                r.Skip(1); // consistency flags
                BaseAddress = r.Offset();
                r.Offset(); // superblock extension
                r.Offset(); // end of file
                Root = Object(r.Offset(), "/");
                break;
            default:
                throw new Hdf5FormatException($"unsupported HDF5 superblock version {version}");
        }

        if (!Root.IsGroup)
        {
            throw new Hdf5FormatException("the root object is not a group");
        }
    }

    private void SetSizes(byte offsets, byte lengths)
    {
        if (offsets is not (2 or 4 or 8) || lengths is not (2 or 4 or 8))
        {
            throw new Hdf5FormatException($"invalid HDF5 address/length sizes ({offsets}, {lengths})");
        }

        (OffsetSize, LengthSize) = (offsets, lengths);
    }

    /// <summary>Gets (parsing once) the object whose header is at <paramref name="address"/>.</summary>
    public Hdf5Object Object(ulong address, string path)
    {
        if (_objects.TryGetValue(address, out var cached))
        {
            return cached;
        }

        if (_objects.Count >= MaxObjects)
        {
            throw new Hdf5FormatException("the file has more objects than any weights file");
        }

        var obj = Hdf5Object.Parse(this, address, path);
        _objects[address] = obj;
        return obj;
    }

    /// <summary>Converts a file address (relative to the base address) to an absolute position, checking it.</summary>
    public long Position(ulong address, long size, string what)
    {
        if (IsUndefined(address))
        {
            throw new Hdf5FormatException($"{what} has no address");
        }

        var position = address + BaseAddress;
        if (position < address || size < 0 || position > (ulong)Length || (ulong)size > (ulong)Length - position)
        {
            throw new Hdf5FormatException($"{what} lies outside the file (address {address}, {size} bytes, file {Length} bytes)");
        }

        return (long)position;
    }

    /// <summary>Whether an address is HDF5's "undefined address" (all bits set).</summary>
    public bool IsUndefined(ulong address) => OffsetSize switch
    {
        2 => address == ushort.MaxValue,
        4 => address == uint.MaxValue,
        _ => address == ulong.MaxValue,
    };

    /// <summary>Reads <paramref name="count"/> bytes at an absolute position (already checked to lie in the file).</summary>
    public byte[] Read(long position, long count)
    {
        if (count < 0 || position < 0 || position > Length || count > Length - position || count > int.MaxValue)
        {
            throw new Hdf5FormatException($"a read of {count} bytes at {position} lies outside the file");
        }

        var buffer = new byte[count];
        Fill(position, buffer);
        return buffer;
    }

    /// <summary>Fills a buffer from an absolute position.</summary>
    public void Fill(long position, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_handle, buffer[done..], position + done);
            if (n <= 0)
            {
                throw new Hdf5FormatException("the file is truncated");
            }

            done += n;
        }
    }

    /// <summary>A cursor over <paramref name="count"/> bytes at an absolute position.</summary>
    public Hdf5Cursor Cursor(long position, long count) => new(this, Read(position, count), position);

    /// <inheritdoc/>
    public void Dispose()
    {
        // The handle belongs to the caller's stream.
        _objects.Clear();
    }
}

/// <summary>A bounds-checked little-endian reader over a buffer read from the file.</summary>
internal ref struct Hdf5Cursor(Hdf5File file, byte[] buffer, long origin)
{
    private int _at;

    /// <summary>Gets the file.</summary>
    public readonly Hdf5File File => file;

    /// <summary>Gets the current absolute file position.</summary>
    public readonly long FilePosition => origin + _at;

    /// <summary>Gets the bytes left.</summary>
    public readonly int Remaining => buffer.Length - _at;

    /// <summary>Gets or sets the position in the buffer.</summary>
    public int At
    {
        readonly get => _at;
        set => _at = value >= 0 && value <= buffer.Length ? value : throw new Hdf5FormatException("a structure points outside itself");
    }

    /// <summary>Takes <paramref name="n"/> bytes.</summary>
    public ReadOnlySpan<byte> Bytes(int n)
    {
        if (n < 0 || n > Remaining)
        {
            throw new Hdf5FormatException("a structure is truncated");
        }

        var span = buffer.AsSpan(_at, n);
        _at += n;
        return span;
    }

    /// <summary>Skips bytes.</summary>
    public void Skip(int n) => Bytes(n);

    /// <summary>Reads one byte.</summary>
    public byte Byte() => Bytes(1)[0];

    /// <summary>Reads a 16-bit value.</summary>
    public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

    /// <summary>Reads a 32-bit value.</summary>
    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

    /// <summary>Reads an unsigned little-endian integer of 1, 2, 4 or 8 bytes.</summary>
    public ulong Unsigned(int size) => size switch
    {
        1 => Byte(),
        2 => UInt16(),
        4 => UInt32(),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8)),
        _ => throw new Hdf5FormatException($"invalid field size {size}"),
    };

    /// <summary>Reads a file address.</summary>
    public ulong Offset() => Unsigned(file.OffsetSize);

    /// <summary>Reads a length.</summary>
    public ulong Length() => Unsigned(file.LengthSize);

    /// <summary>Checks a 4-byte signature.</summary>
    public void Expect(string signature, string what)
    {
        var bytes = Bytes(signature.Length);
        for (var i = 0; i < signature.Length; i++)
        {
            if (bytes[i] != signature[i])
            {
                throw new Hdf5FormatException($"{what} is damaged (expected signature '{signature}')");
            }
        }
    }
}

/// <summary>A damaged, hostile or unsupported HDF5 structure.</summary>
/// <param name="message">What is wrong.</param>
internal sealed class Hdf5FormatException(string message) : Exception(message);
