using System.Runtime.InteropServices;
using SkiaSharp;

namespace DeepKeras.Tests.Utils;

/// <summary>Writes test images with SkiaSharp directly (independent of the library's codec).</summary>
internal static class ImageFiles
{
    /// <summary>Writes a PNG (or JPEG for .jpg) whose pixel (row y, column x) is <paramref name="pixel"/>(y, x) as RGBA.</summary>
    public static void Write(string path, int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var bytes = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(y, x);
                var i = ((y * width) + x) * 4;
                (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]) = (r, g, b, a);
            }
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        var format = path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png;
        using var data = bitmap.Encode(format, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>A pixel value that differs per position and channel: (y·40 + x·7 + c·50) mod 256.</summary>
    public static byte Pattern(int y, int x, int c) => (byte)(((y * 40) + (x * 7) + (c * 50)) % 256);
}
