namespace DeepKeras.Saving.Hdf5;

/// <summary>
/// Reads objects of HDF5 global heap collections ("GCOL"), where variable-length data lives: a variable-length
/// element holds its length, the collection's address and the object's index in it.
/// </summary>
internal static class Hdf5GlobalHeap
{
    /// <summary>Reads object <paramref name="index"/> of the collection at <paramref name="address"/>.</summary>
    /// <exception cref="Hdf5FormatException">The collection is damaged or has no such object.</exception>
    public static byte[] ReadObject(Hdf5File file, ulong address, uint index, string what)
    {
        var headerSize = 8 + file.LengthSize;
        var header = file.Cursor(file.Position(address, headerSize, what), headerSize);
        header.Expect("GCOL", $"the global heap of {what}");
        if (header.Byte() != 1)
        {
            throw new Hdf5FormatException($"unsupported global heap version in {what}");
        }

        header.Skip(3);
        var size = header.Length();
        if (size < (ulong)headerSize || size > int.MaxValue)
        {
            throw new Hdf5FormatException($"the global heap of {what} has an invalid size {size}");
        }

        var c = file.Cursor(file.Position(address, (long)size, what), (long)size);
        c.Skip(headerSize);
        while (c.Remaining >= 8 + file.LengthSize)
        {
            var objectIndex = c.UInt16();
            c.Skip(6); // reference count, reserved
            var objectSize = c.Length();
            if (objectIndex == 0)
            {
                break; // free space: the end of the objects
            }

            if (objectSize > (ulong)c.Remaining)
            {
                throw new Hdf5FormatException($"an object of the global heap of {what} is truncated");
            }

            var data = c.Bytes((int)objectSize);
            if (objectIndex == index)
            {
                return data.ToArray();
            }

            c.Skip(Math.Min(c.Remaining, (int)(((objectSize + 7) & ~7UL) - objectSize)));
        }

        throw new Hdf5FormatException($"the global heap of {what} has no object {index}");
    }
}
