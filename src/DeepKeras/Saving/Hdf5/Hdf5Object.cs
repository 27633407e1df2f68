namespace DeepKeras.Saving.Hdf5;

/// <summary>
/// An HDF5 object (group or dataset) from its object header: the messages DeepKeras needs are decoded, the others
/// skipped. Header chunks and continuation blocks are read with their sizes checked against the file, and a chain of
/// continuations that loops or never ends is rejected.
/// </summary>
internal sealed class Hdf5Object
{
    private const int MaxChunks = 4096;
    private const int MaxMessages = 1 << 20;

    private readonly List<byte[]> _attributes = [];
    private readonly List<Hdf5Link> _links = [];

    private Hdf5Object(Hdf5File file, string path)
    {
        File = file;
        Path = path;
    }

    /// <summary>Gets the file.</summary>
    public Hdf5File File { get; }

    /// <summary>Gets the path the object was reached by (for messages).</summary>
    public string Path { get; }

    /// <summary>Gets whether the object is a group.</summary>
    public bool IsGroup => SymbolTable is not null || HasLinkInfo || _links.Count > 0 || HasGroupInfo;

    /// <summary>Gets whether the object is a dataset.</summary>
    public bool IsDataset => Layout is not null;

    /// <summary>Gets the links of a new-style group stored in its header.</summary>
    public IReadOnlyList<Hdf5Link> Links => _links;

    /// <summary>Gets the B-tree and local heap addresses of an old-style group.</summary>
    public (ulong BTree, ulong Heap)? SymbolTable { get; private set; }

    /// <summary>Gets whether the links are in dense storage (a fractal heap), which is not supported.</summary>
    public bool HasDenseLinks { get; private set; }

    private bool HasLinkInfo { get; set; }

    private bool HasGroupInfo { get; set; }

    /// <summary>Gets the dataspace of a dataset.</summary>
    public Hdf5Dataspace? Dataspace { get; private set; }

    /// <summary>Gets the datatype of a dataset.</summary>
    public Hdf5Datatype? Datatype { get; private set; }

    /// <summary>Gets the data layout of a dataset.</summary>
    public Hdf5Layout? Layout { get; private set; }

    /// <summary>Gets why the dataset cannot be read safely (external storage, filters, shared messages), if so.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Gets the attribute messages (decoded on request).</summary>
    public IReadOnlyList<byte[]> AttributeMessages => _attributes;

    /// <summary>Parses the object header at <paramref name="address"/>.</summary>
    public static Hdf5Object Parse(Hdf5File file, ulong address, string path)
    {
        var obj = new Hdf5Object(file, path);
        var start = file.Position(address, 16, $"the object header of '{path}'");
        var prefix = file.Cursor(start, Math.Min(64, file.Length - start));
        var pending = new Queue<(long Position, long Length)>();
        var visited = new HashSet<long>();
        int version;
        var creationOrder = false;
        if (prefix.Byte() == 1)
        {
            version = 1;
            prefix.Skip(1 + 2 + 4);
            var size = prefix.UInt32();
            pending.Enqueue((start + 16, size));
        }
        else
        {
            prefix.At = 0;
            prefix.Expect("OHDR", $"the object header of '{path}'");
            version = prefix.Byte();
            if (version != 2)
            {
                throw new Hdf5FormatException($"unsupported object header version {version} for '{path}'");
            }

            var flags = prefix.Byte();
            creationOrder = (flags & 0x04) != 0;
            if ((flags & 0x20) != 0)
            {
                prefix.Skip(16);
            }

            if ((flags & 0x10) != 0)
            {
                prefix.Skip(4);
            }

            var size = prefix.Unsigned(1 << (flags & 0x03));
            pending.Enqueue((prefix.FilePosition, (long)Math.Min(size, long.MaxValue)));
        }

        var messages = 0;
        var first = true;
        while (pending.Count > 0)
        {
            var (position, length) = pending.Dequeue();
            if (!visited.Add(position) || visited.Count > MaxChunks)
            {
                throw new Hdf5FormatException($"the object header of '{path}' has looping or too many continuation blocks");
            }

            var cursor = file.Cursor(position, CheckedLength(file, position, length, path));
            var end = cursor.Remaining;
            if (version == 2 && !first)
            {
                // A continuation block is "OCHK", messages, checksum; chunk 0's size excludes its checksum.
                cursor.Expect("OCHK", $"an object header continuation of '{path}'");
                end -= 4;
            }

            first = false;
            var messagePrefix = version == 1 ? 8 : 4 + (creationOrder ? 2 : 0);
            while (end - cursor.At >= messagePrefix)
            {
                if (++messages > MaxMessages)
                {
                    throw new Hdf5FormatException($"the object header of '{path}' has too many messages");
                }

                int type;
                if (version == 1)
                {
                    type = cursor.UInt16();
                }
                else
                {
                    type = cursor.Byte();
                }

                var dataSize = cursor.UInt16();
                var messageFlags = cursor.Byte();
                cursor.Skip(version == 1 ? 3 : creationOrder ? 2 : 0);
                if (dataSize > end - cursor.At)
                {
                    throw new Hdf5FormatException($"a message of '{path}' is larger than its object header");
                }

                var data = cursor.Bytes(dataSize).ToArray();
                obj.Take(type, messageFlags, data, pending);
            }
        }

        return obj;
    }

    private static long CheckedLength(Hdf5File file, long position, long length, string path)
    {
        if (length < 0 || position > file.Length || length > file.Length - position)
        {
            throw new Hdf5FormatException($"the object header of '{path}' lies outside the file");
        }

        return length;
    }

    private void Take(int type, byte flags, byte[] data, Queue<(long, long)> pending)
    {
        var shared = (flags & 0x02) != 0;
        switch (type)
        {
            case 0x0001:
                Dataspace = shared ? Refuse<Hdf5Dataspace>("a shared dataspace") : Hdf5Dataspace.Parse(File, data, Path);
                break;
            case 0x0002:
                HasLinkInfo = true;
                var info = new Hdf5Cursor(File, data, 0);
                info.Skip(1);
                var infoFlags = info.Byte();
                if ((infoFlags & 0x01) != 0)
                {
                    info.Skip(8);
                }

                HasDenseLinks = !File.IsUndefined(info.Offset());
                break;
            case 0x0003:
                Datatype = shared ? Refuse<Hdf5Datatype>("a shared (committed) datatype") : Hdf5Datatype.Parse(data, Path);
                break;
            case 0x0006:
                _links.Add(Hdf5Link.Parse(File, data, Path));
                break;
            case 0x0007:
                Refusal = "stores its data in external files";
                break;
            case 0x0008:
                Layout = Hdf5Layout.Parse(File, data, Path);
                break;
            case 0x000A:
                HasGroupInfo = true;
                break;
            case 0x000B:
                Refusal ??= "uses a filter pipeline (compression), which DeepKeras does not read";
                break;
            case 0x000C:
                if (!shared)
                {
                    _attributes.Add(data);
                }

                break;
            case 0x0010:
                var c = new Hdf5Cursor(File, data, 0);
                var offset = c.Offset();
                var length = c.Length();
                pending.Enqueue((File.Position(offset, (long)Math.Min(length, long.MaxValue), $"an object header continuation of '{Path}'"), (long)length));
                break;
            case 0x0011:
                var t = new Hdf5Cursor(File, data, 0);
                SymbolTable = (t.Offset(), t.Offset());
                break;
        }
    }

    private T? Refuse<T>(string what)
        where T : class
    {
        Refusal ??= $"uses {what}, which DeepKeras does not read";
        return null;
    }
}

/// <summary>A link of a new-style group.</summary>
/// <param name="Name">The link name.</param>
/// <param name="Kind">0 hard, 1 soft, 64 external, other user-defined.</param>
/// <param name="Address">The object header address of a hard link.</param>
internal sealed record Hdf5Link(string Name, int Kind, ulong Address)
{
    /// <summary>Decodes a link message.</summary>
    public static Hdf5Link Parse(Hdf5File file, byte[] data, string path)
    {
        var c = new Hdf5Cursor(file, data, 0);
        if (c.Byte() != 1)
        {
            throw new Hdf5FormatException($"unsupported link message version in '{path}'");
        }

        var flags = c.Byte();
        var kind = (flags & 0x08) != 0 ? c.Byte() : 0;
        if ((flags & 0x04) != 0)
        {
            c.Skip(8);
        }

        if ((flags & 0x10) != 0)
        {
            c.Skip(1);
        }

        var nameLength = c.Unsigned(1 << (flags & 0x03));
        if (nameLength == 0 || nameLength > (ulong)c.Remaining)
        {
            throw new Hdf5FormatException($"a link name in '{path}' is damaged");
        }

        var name = System.Text.Encoding.UTF8.GetString(c.Bytes((int)nameLength));
        return new Hdf5Link(name, kind, kind == 0 ? c.Offset() : ulong.MaxValue);
    }
}

/// <summary>The entry of an old-style group (a symbol table entry).</summary>
/// <param name="NameOffset">The offset of the name in the group's local heap.</param>
/// <param name="HeaderAddress">The object header address.</param>
internal readonly record struct Hdf5SymbolEntry(ulong NameOffset, ulong HeaderAddress)
{
    /// <summary>Reads one entry (name offset, header address, cache type, reserved, scratch pad).</summary>
    public static Hdf5SymbolEntry Read(ref Hdf5Cursor c)
    {
        var name = c.Offset();
        var header = c.Offset();
        c.Skip(4 + 4 + 16);
        return new Hdf5SymbolEntry(name, header);
    }
}
