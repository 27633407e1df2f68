using System.Buffers.Binary;
using SkiaSharp;

namespace DeepKeras.Tests.Plotting;

/// <summary>Checks on PNG files: the signature and IHDR header, and decoded pixel content.</summary>
internal static class PngAssert
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads width and height from the IHDR chunk, checking the signature and chunk layout.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path}: {bytes.Length} bytes is too short for a PNG");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk must be IHDR with a 13-byte body: width, height (big-endian), bit depth, colour type, ...
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4));
        var height = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4));
        return (width, height);
    }

    /// <summary>Asserts the file is a PNG of the given size.</summary>
    public static void HasSize(string path, int width, int height) => Assert.Equal((width, height), ReadSize(path));

    /// <summary>Decodes the image and returns the fraction of dark (luma &lt; 64) and light (luma &gt; 192) pixels.</summary>
    public static (double Dark, double Light) Tones(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        long dark = 0, light = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                var luma = (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
                if (luma < 64)
                {
                    dark++;
                }
                else if (luma > 192)
                {
                    light++;
                }
            }
        }

        double total = (long)bitmap.Width * bitmap.Height;
        return (dark / total, light / total);
    }

    /// <summary>Asserts the image has both dark and light pixels (it is not blank).</summary>
    public static void HasContent(string path, double minDark = 0.001, double minLight = 0.05)
    {
        var (dark, light) = Tones(path);
        Assert.True(dark >= minDark, $"{path}: only {dark:P3} dark pixels");
        Assert.True(light >= minLight, $"{path}: only {light:P3} light pixels");
    }

    /// <summary>The colour of one pixel.</summary>
    public static SKColor Pixel(string path, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(path);
        return bitmap.GetPixel(x, y);
    }
}
