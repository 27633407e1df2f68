namespace DeepKeras.Saving.Hdf5;

/// <summary>Reads attributes stored in object headers (versions 1–3). Only strings (fixed- or variable-length) are decoded.</summary>
internal static class Hdf5Attribute
{
    /// <summary>Finds an attribute by name; null when absent.</summary>
    public static (Hdf5Datatype Type, Hdf5Dataspace Space, byte[] Data)? Find(Hdf5Object obj, string name)
    {
        foreach (var message in obj.AttributeMessages)
        {
            var c = new Hdf5Cursor(obj.File, message, 0);
            var version = c.Byte();
            if (version is < 1 or > 3)
            {
                throw new Hdf5FormatException($"unsupported attribute version {version} in '{obj.Path}'");
            }

            var flags = c.Byte();
            var nameSize = c.UInt16();
            var typeSize = c.UInt16();
            var spaceSize = c.UInt16();
            if (version == 3)
            {
                c.Skip(1);
            }

            var pad = version == 1;
            var nameBytes = c.Bytes(Padded(nameSize, pad)).ToArray();
            var typeBytes = c.Bytes(Padded(typeSize, pad)).ToArray();
            var spaceBytes = c.Bytes(Padded(spaceSize, pad)).ToArray();
            var end = Array.IndexOf(nameBytes, (byte)0);
            var attributeName = System.Text.Encoding.UTF8.GetString(nameBytes, 0, end < 0 ? Math.Min((int)nameSize, nameBytes.Length) : end);
            if (attributeName != name || (flags & 0x03) != 0)
            {
                continue;
            }

            var type = Hdf5Datatype.Parse(typeBytes[..typeSize], $"{obj.Path}@{name}");
            var space = Hdf5Dataspace.Parse(obj.File, spaceBytes[..spaceSize], $"{obj.Path}@{name}");
            return (type, space, c.Bytes(c.Remaining).ToArray());
        }

        return null;
    }

    /// <summary>Reads a string attribute (scalar or 1-D; fixed-length as Keras writes <c>layer_names</c>, or variable-length as h5py writes a <c>str</c>); null when absent.</summary>
    public static string[]? Strings(Hdf5Object obj, string name)
    {
        if (Find(obj, name) is not { } attribute)
        {
            return null;
        }

        var (type, space, data) = attribute;
        if (space.ElementCount == 0)
        {
            // h5py writes an empty list (a layer without weights) as an empty float64 array.
            return [];
        }

        if (type.Class == 9)
        {
            return Hdf5GlobalHeap.Strings(obj.File, data, space.ElementCount ?? ulong.MaxValue, $"attribute '{name}' of '{obj.Path}'");
        }

        if (type.Class != 3)
        {
            throw new Hdf5FormatException($"attribute '{name}' of '{obj.Path}' holds {type.Describe()} values, expected strings");
        }

        var count = space.ElementCount ?? ulong.MaxValue;
        if (type.Size == 0 ? count != 0 : count > (ulong)data.Length / type.Size)
        {
            throw new Hdf5FormatException($"attribute '{name}' of '{obj.Path}' is truncated");
        }

        var result = new string[count];
        for (var i = 0; i < result.Length; i++)
        {
            var span = data.AsSpan((int)(i * type.Size), (int)type.Size);
            var end = span.IndexOf((byte)0);
            result[i] = System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]).TrimEnd(' ');
        }

        return result;
    }

    private static int Padded(int size, bool pad) => pad ? (size + 7) & ~7 : size;
}
