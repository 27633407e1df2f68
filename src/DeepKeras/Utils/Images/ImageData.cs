namespace DeepKeras.Utils.Images;

/// <summary>
/// An 8-bit image in memory, what <see cref="Keras.Utils.LoadImg"/> and <see cref="Keras.Utils.ArrayToImg"/> return
/// (Keras returns a PIL image): <see cref="Height"/> rows of <see cref="Width"/> pixels, each of
/// <see cref="Channels"/> bytes, row by row. Turn it into a float array with <see cref="Keras.Utils.ImgToArray"/> and
/// write it with <see cref="Save"/>.
/// </summary>
public sealed class ImageData
{
    private readonly byte[] _pixels;

    /// <summary>Initializes an image from its pixels.</summary>
    /// <param name="width">Pixels per row, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="mode">PIL's mode name: <c>"L"</c> (grayscale, 1 channel), <c>"RGB"</c> (3) or <c>"RGBA"</c> (4).</param>
    /// <param name="pixels">height × width × channels bytes, rows top to bottom (copied).</param>
    /// <exception cref="ArgumentException">An unknown mode, a non-positive size or a pixel buffer of the wrong length.</exception>
    public ImageData(int width, int height, string mode, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var channels = ChannelsOf(mode);
        if (width < 1 || height < 1)
        {
            throw new ArgumentException($"Expected an image of at least 1×1 pixels. Received: width={width}, height={height}.", nameof(width));
        }

        if (pixels.Length != (long)width * height * channels)
        {
            throw new ArgumentException(
                $"Expected {width}×{height}×{channels} = {(long)width * height * channels} bytes for a {mode} image. Received: {pixels.Length} bytes.",
                nameof(pixels));
        }

        (Width, Height, Mode, Channels, _pixels) = (width, height, mode, channels, (byte[])pixels.Clone());
    }

    /// <summary>Gets the width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets PIL's mode name: <c>"L"</c>, <c>"RGB"</c> or <c>"RGBA"</c>.</summary>
    public string Mode { get; }

    /// <summary>Gets the bytes per pixel: 1, 3 or 4.</summary>
    public int Channels { get; }

    /// <summary>Gets the size as PIL gives it, <c>(width, height)</c>.</summary>
    public (int Width, int Height) Size => (Width, Height);

    /// <summary>Gets one channel of one pixel.</summary>
    /// <param name="row">0 ≤ row &lt; <see cref="Height"/>.</param>
    /// <param name="column">0 ≤ column &lt; <see cref="Width"/>.</param>
    /// <param name="channel">0 ≤ channel &lt; <see cref="Channels"/>.</param>
    public byte this[int row, int column, int channel = 0] => _pixels[(((row * Width) + column) * Channels) + channel];

    /// <summary>Returns a copy of the pixels: height × width × channels bytes, row by row.</summary>
    public byte[] GetPixels() => (byte[])_pixels.Clone();

    /// <summary>Writes the image to a file; the format comes from <paramref name="fileFormat"/> or the extension.</summary>
    /// <param name="path">The file to write (replaced atomically).</param>
    /// <param name="fileFormat"><c>"png"</c>, <c>"jpeg"</c>/<c>"jpg"</c> or <c>"webp"</c>; null: from the extension.</param>
    /// <param name="quality">JPEG/WebP quality 0–100 (PNG is lossless).</param>
    /// <exception cref="NotSupportedException">A format SkiaSharp cannot write (bmp, gif, …).</exception>
    public void Save(string path, string? fileFormat = null, int quality = 95) => ImageCodec.Save(this, path, fileFormat, quality);

    internal ReadOnlySpan<byte> Pixels => _pixels;

    internal static int ChannelsOf(string mode) => mode switch
    {
        "L" => 1,
        "RGB" => 3,
        "RGBA" => 4,
        _ => throw new ArgumentException($"Expected an image mode of \"L\", \"RGB\" or \"RGBA\". Received: mode={mode}", nameof(mode)),
    };

    internal static ImageData Wrap(int width, int height, string mode, byte[] pixels) => new(width, height, mode, pixels, owned: true);

    private ImageData(int width, int height, string mode, byte[] pixels, bool owned)
    {
        _ = owned;
        (Width, Height, Mode, Channels, _pixels) = (width, height, mode, ChannelsOf(mode), pixels);
    }
}
