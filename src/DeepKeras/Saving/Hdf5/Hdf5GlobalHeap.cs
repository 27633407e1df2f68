namespace DeepKeras.Saving.Hdf5;

/// <summary>
/// Reads objects of HDF5 global heap collections (<c>GCOL</c>), where variable-length data lives: h5py stores a Python
/// <c>str</c> attribute (Keras's <c>model_config</c> of a legacy <c>.h5</c> file) there.
/// </summary>
internal static class Hdf5GlobalHeap
{
    // Keras's configs are far smaller; a bound keeps a hostile collection size from allocating gigabytes.
    private const ulong MaxCollectionBytes = 64 << 20;

    /// <summary>Decodes the variable-length strings of an attribute's data (one heap reference per element).</summary>
    /// <param name="file">The file.</param>
    /// <param name="data">The attribute's raw data.</param>
    /// <param name="count">The number of elements.</param>
    /// <param name="what">The attribute, for errors.</param>
    public static string[] Strings(Hdf5File file, byte[] data, ulong count, string what)
    {
        var elementSize = 4 + file.OffsetSize + 4;
        if (count > (ulong)data.Length / (ulong)elementSize)
        {
            throw new Hdf5FormatException($"{what} is truncated");
        }

        var result = new string[count];
        var c = new Hdf5Cursor(file, data, 0);
        for (var i = 0; i < result.Length; i++)
        {
            var length = c.UInt32();
            var collection = c.Offset();
            var index = c.UInt32();
            var bytes = length == 0 ? Array.Empty<byte>() : Object(file, collection, index, what);
            if (length > bytes.Length)
            {
                throw new Hdf5FormatException($"{what}: a string of {length} bytes is longer than its heap object ({bytes.Length} bytes)");
            }

            result[i] = System.Text.Encoding.UTF8.GetString(bytes, 0, (int)length);
        }

        return result;
    }

    private static byte[] Object(Hdf5File file, ulong address, uint index, string what)
    {
        var header = file.Cursor(file.Position(address, 8 + file.LengthSize, $"the global heap of {what}"), 8 + file.LengthSize);
        header.Expect("GCOL", $"the global heap of {what}");
        header.Skip(4);
        var size = header.Length();
        if (size > MaxCollectionBytes || size < (ulong)(8 + file.LengthSize))
        {
            throw new Hdf5FormatException($"the global heap of {what} has an invalid size ({size} bytes)");
        }

        var c = file.Cursor(file.Position(address, (long)size, $"the global heap of {what}"), (long)size);
        c.Skip(8 + file.LengthSize);
        while (c.Remaining >= 8 + file.LengthSize)
        {
            var id = c.UInt16();
            c.Skip(6);
            var objectSize = c.Length();
            if (id == 0)
            {
                break;
            }

            if (objectSize > (ulong)c.Remaining)
            {
                throw new Hdf5FormatException($"the global heap of {what} is damaged (object {id} overruns the collection)");
            }

            var bytes = c.Bytes((int)objectSize).ToArray();
            if (id == index)
            {
                return bytes;
            }

            c.Skip(Math.Min(c.Remaining, (int)((8 - (objectSize % 8)) % 8)));
        }

        throw new Hdf5FormatException($"the global heap of {what} has no object {index}");
    }
}
