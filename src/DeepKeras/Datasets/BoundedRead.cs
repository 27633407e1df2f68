namespace DeepKeras.Datasets;

/// <summary>Reads the number of bytes a file header declares without trusting the header with the allocation size.</summary>
internal static class BoundedRead
{
    // Up to 64 MiB (all of MNIST) is read straight into an exact buffer; larger declared sizes grow with the data
    // actually present, so a header that lies cannot force a huge allocation.
    private const long DirectLimit = 64L << 20;

    /// <summary>Reads up to <paramref name="count"/> bytes; fewer are returned when the stream ends early.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="count">The declared number of bytes.</param>
    public static byte[] UpTo(Stream stream, long count)
    {
        byte[] data;
        if (count <= DirectLimit)
        {
            data = new byte[count];
            var read = 0;
            while (read < count)
            {
                var n = stream.Read(data, read, (int)(count - read));
                if (n == 0)
                {
                    return data.AsSpan(0, read).ToArray();
                }

                read += n;
            }
        }
        else
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 20];
            while (buffer.Length < count)
            {
                var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - buffer.Length));
                if (n == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, n);
            }

            data = buffer.ToArray();
        }

        return data;
    }

    /// <summary>Fills <paramref name="buffer"/>; returns false when the stream ends first.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="buffer">The bytes to fill.</param>
    public static bool Fill(Stream stream, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
