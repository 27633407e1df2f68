using System.Runtime.InteropServices;
using SkiaSharp;

namespace DeepKeras.Utils.Images;

/// <summary>
/// Reads and writes image files with SkiaSharp: PNG, JPEG, BMP, GIF (first frame) and WebP in; PNG, JPEG and WebP out.
/// Pixels are read unpremultiplied, so RGBA files come back byte for byte; colour modes convert as PIL's
/// <c>Image.convert</c> does (grayscale is ITU-R 601-2 luma, RGBA → RGB drops alpha).
/// </summary>
internal static class ImageCodec
{
    /// <summary>Decodes an image file and converts it to <paramref name="mode"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode"><c>L</c>, <c>RGB</c> or <c>RGBA</c>.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode.</exception>
    public static ImageData Load(string path, string mode)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such image file: '{path}'.", path);
        }

        return Decode(File.ReadAllBytes(path), mode, path);
    }

    /// <summary>Decodes encoded image bytes and converts them to <paramref name="mode"/>.</summary>
    /// <param name="bytes">The encoded file.</param>
    /// <param name="mode"><c>L</c>, <c>RGB</c> or <c>RGBA</c>.</param>
    /// <param name="what">The file name, for errors.</param>
    public static ImageData Decode(byte[] bytes, string mode, string what)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"Could not decode '{what}': not a PNG, JPEG, BMP, GIF or WebP image, or the file is damaged.");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w < 1 || h < 1 || (long)w * h > 1L << 28)
        {
            throw new InvalidDataException($"Could not decode '{what}': unsupported image size {w}×{h}.");
        }

        var rgba = new byte[w * h * 4];
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                throw new InvalidDataException($"Could not decode '{what}': {result}.");
            }
        }
        finally
        {
            handle.Free();
        }

        return ImageData.Wrap(w, h, mode, FromRgba(rgba, mode));
    }

    /// <summary>Writes <paramref name="image"/> as PNG, JPEG or WebP (atomically: temporary file, then rename).</summary>
    public static void Save(ImageData image, string path, string? fileFormat, int quality)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = (fileFormat ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant() switch
        {
            "png" => SKEncodedImageFormat.Png,
            "jpg" or "jpeg" => SKEncodedImageFormat.Jpeg,
            "webp" => SKEncodedImageFormat.Webp,
            var other => throw new NotSupportedException(
                $"Cannot write images in the format '{other}' (from {(fileFormat is null ? $"the extension of '{path}'" : "`file_format`")}): " +
                "supported formats are png, jpeg (jpg) and webp."),
        };
        var source = image;
        if (format == SKEncodedImageFormat.Jpeg && image.Mode == "RGBA")
        {
            Console.Error.WriteLine("Warning: The JPEG format does not support RGBA images, converting to RGB.");
            source = ImageData.Wrap(image.Width, image.Height, "RGB", FromRgba(ToRgba(image), "RGB"));
        }

        using var bitmap = ToBitmap(source);
        using var encoded = bitmap.Encode(format, Math.Clamp(quality, 0, 100))
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {source.Mode} image as {format}.");
        var full = Path.GetFullPath(path);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = File.Create(temp))
            {
                encoded.SaveTo(file);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static SKBitmap ToBitmap(ImageData image)
    {
        var gray = image.Mode == "L";
        var info = new SKImageInfo(image.Width, image.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888,
            image.Mode == "RGBA" ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        var bytes = gray ? image.GetPixels() : ToRgba(image);
        Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        return bitmap;
    }

    private static byte[] ToRgba(ImageData image)
    {
        var n = image.Width * image.Height;
        var c = image.Channels;
        var src = image.Pixels;
        var rgba = new byte[n * 4];
        for (var i = 0; i < n; i++)
        {
            var s = i * c;
            rgba[(i * 4) + 0] = src[s];
            rgba[(i * 4) + 1] = src[c == 1 ? s : s + 1];
            rgba[(i * 4) + 2] = src[c == 1 ? s : s + 2];
            rgba[(i * 4) + 3] = c == 4 ? src[s + 3] : (byte)255;
        }

        return rgba;
    }

    // PIL's convert from RGBA: "RGB" drops alpha, "L" is (R·19595 + G·38470 + B·7471 + 0x8000) >> 16.
    private static byte[] FromRgba(byte[] rgba, string mode)
    {
        var channels = ImageData.ChannelsOf(mode);
        if (channels == 4)
        {
            return rgba;
        }

        var n = rgba.Length / 4;
        var result = new byte[n * channels];
        for (var i = 0; i < n; i++)
        {
            var (r, g, b) = (rgba[i * 4], rgba[(i * 4) + 1], rgba[(i * 4) + 2]);
            if (channels == 1)
            {
                result[i] = (byte)(((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16);
            }
            else
            {
                (result[i * 3], result[(i * 3) + 1], result[(i * 3) + 2]) = (r, g, b);
            }
        }

        return result;
    }
}
