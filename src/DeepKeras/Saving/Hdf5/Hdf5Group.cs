namespace DeepKeras.Saving.Hdf5;

/// <summary>
/// The members of a group: the link messages of a new-style group, or the symbol table of an old-style group (a
/// version-1 B-tree of symbol-table nodes, names in a local heap), walked iteratively with every node visited once.
/// </summary>
internal static class Hdf5Group
{
    private const int MaxDepth = 64;
    private const int MaxEntries = 1 << 20;

    /// <summary>Lists the members: name → object header address (soft and external links are listed with their kind).</summary>
    public static List<Hdf5Link> Members(Hdf5Object group)
    {
        if (!group.IsGroup)
        {
            throw new Hdf5FormatException($"'{group.Path}' is not a group");
        }

        if (group.HasDenseLinks)
        {
            throw new Hdf5FormatException($"group '{group.Path}' stores its links in dense storage, which DeepKeras does not read");
        }

        if (group.SymbolTable is not { } table)
        {
            return [.. group.Links];
        }

        var file = group.File;
        var heap = LocalHeap(file, table.Heap, group.Path);
        var result = new List<Hdf5Link>();
        var visited = new HashSet<ulong>();
        var stack = new Stack<(ulong Address, int Depth)>();
        stack.Push((table.BTree, 0));
        while (stack.Count > 0)
        {
            var (address, depth) = stack.Pop();
            if (!visited.Add(address) || depth > MaxDepth)
            {
                throw new Hdf5FormatException($"the group index of '{group.Path}' loops or is too deep");
            }

            var headerSize = 8 + 2 * file.OffsetSize;
            var at = file.Position(address, headerSize, $"a group index node of '{group.Path}'");
            var header = file.Cursor(at, headerSize);
            header.Expect("TREE", $"a group index node of '{group.Path}'");
            if (header.Byte() != 0)
            {
                throw new Hdf5FormatException($"a group index node of '{group.Path}' is not a group node");
            }

            var level = header.Byte();
            var entries = header.UInt16();
            var bodySize = (long)(entries + 1) * file.LengthSize + (long)entries * file.OffsetSize;
            var body = file.Cursor(file.Position(address + (ulong)headerSize, bodySize, $"a group index node of '{group.Path}'"), bodySize);
            for (var i = 0; i < entries; i++)
            {
                body.Length();
                var child = body.Offset();
                if (level > 0)
                {
                    stack.Push((child, depth + 1));
                }
                else
                {
                    ReadSymbolNode(file, child, heap, group.Path, result, visited);
                }
            }

            if (result.Count > MaxEntries)
            {
                throw new Hdf5FormatException($"group '{group.Path}' has too many members");
            }
        }

        return result;
    }

    private static void ReadSymbolNode(Hdf5File file, ulong address, byte[] heap, string path, List<Hdf5Link> result, HashSet<ulong> visited)
    {
        if (!visited.Add(address))
        {
            throw new Hdf5FormatException($"the group index of '{path}' lists a node twice");
        }

        var at = file.Position(address, 8, $"a symbol table node of '{path}'");
        var header = file.Cursor(at, 8);
        header.Expect("SNOD", $"a symbol table node of '{path}'");
        header.Skip(2);
        var count = header.UInt16();
        var entrySize = 2L * file.OffsetSize + 24;
        var body = file.Cursor(file.Position(address + 8, count * entrySize, $"a symbol table node of '{path}'"), count * entrySize);
        for (var i = 0; i < count; i++)
        {
            var entry = Hdf5SymbolEntry.Read(ref body);
            result.Add(new Hdf5Link(HeapString(heap, entry.NameOffset, path), 0, entry.HeaderAddress));
        }
    }

    private static byte[] LocalHeap(Hdf5File file, ulong address, string path)
    {
        var headerSize = 8 + 2 * file.LengthSize + file.OffsetSize;
        var header = file.Cursor(file.Position(address, headerSize, $"the name heap of '{path}'"), headerSize);
        header.Expect("HEAP", $"the name heap of '{path}'");
        header.Skip(4);
        var size = header.Length();
        header.Length();
        var dataAddress = header.Offset();
        var length = (long)Math.Min(size, (ulong)file.Length + 1);
        return file.Read(file.Position(dataAddress, length, $"the name heap of '{path}'"), length);
    }

    private static string HeapString(byte[] heap, ulong offset, string path)
    {
        if (offset >= (ulong)heap.Length)
        {
            throw new Hdf5FormatException($"a member name of '{path}' lies outside its name heap");
        }

        var start = (int)offset;
        var end = Array.IndexOf(heap, (byte)0, start);
        if (end < 0)
        {
            throw new Hdf5FormatException($"a member name of '{path}' is not terminated");
        }

        return System.Text.Encoding.UTF8.GetString(heap, start, end - start);
    }
}
