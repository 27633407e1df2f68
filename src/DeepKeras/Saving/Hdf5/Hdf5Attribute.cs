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

    /// <summary>
    /// Reads a string attribute (scalar or 1-D) as Keras writes <c>layer_names</c>: fixed-length strings (the 2017
    /// pretrained files) or variable-length ones (Keras 3's legacy <c>save_weights("x.h5")</c>); null when absent.
    /// </summary>
    public static string[]? Strings(Hdf5Object obj, string name)
    {
        if (Find(obj, name) is not { } attribute)
        {
            return null;
        }

        var (type, space, data) = attribute;
        if (space.ElementCount == 0)
        {
            return []; // Keras writes a layer without weights as np.asarray([]), an empty float64 array
        }

        if (type.Class == 9)
        {
            return VariableLengthStrings(obj, name, space, data);
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

    // Each element: its length in bytes (4), then the global heap collection's address and the object's index (4).
    private static string[] VariableLengthStrings(Hdf5Object obj, string name, Hdf5Dataspace space, byte[] data)
    {
        var what = $"attribute '{name}' of '{obj.Path}'";
        var elementSize = 4 + obj.File.OffsetSize + 4;
        var count = space.ElementCount ?? ulong.MaxValue;
        if (count > (ulong)data.Length / (ulong)elementSize)
        {
            throw new Hdf5FormatException($"{what} is truncated");
        }

        var result = new string[count];
        var c = new Hdf5Cursor(obj.File, data, 0);
        for (var i = 0; i < result.Length; i++)
        {
            var length = c.UInt32();
            var address = c.Offset();
            var index = c.UInt32();
            var bytes = length == 0 ? [] : Hdf5GlobalHeap.ReadObject(obj.File, address, index, what);
            result[i] = System.Text.Encoding.UTF8.GetString(bytes, 0, (int)Math.Min(length, (uint)bytes.Length));
        }

        return result;
    }

    private static int Padded(int size, bool pad) => pad ? (size + 7) & ~7 : size;
}
