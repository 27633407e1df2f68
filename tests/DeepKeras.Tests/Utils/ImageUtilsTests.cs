using DeepKeras.Tests.Callbacks;
using DeepKeras.Utils.Images;
using NumSharp;

namespace DeepKeras.Tests.Utils;

/// <summary>Keras.Utils.LoadImg, ImgToArray, ArrayToImg and SaveImg on PNG/JPEG files written by SkiaSharp.</summary>
public sealed class ImageUtilsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dk-images-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Png(int width, int height, byte alpha = 255)
    {
        var path = Path.Combine(_dir, $"p{width}x{height}a{alpha}.png");
        ImageFiles.Write(path, width, height, (y, x) =>
            (ImageFiles.Pattern(y, x, 0), ImageFiles.Pattern(y, x, 1), ImageFiles.Pattern(y, x, 2), alpha == 255 ? (byte)255 : (byte)((y * 50) + x + 1)));
        return path;
    }

    [Fact]
    public void LoadImg_Rgb_ReadsThePngExactly()
    {
        var img = Keras.Utils.LoadImg(Png(5, 4));
        Assert.Equal(("RGB", 5, 4, 3), (img.Mode, img.Width, img.Height, img.Channels));
        var x = Keras.Utils.ImgToArray(img);
        Assert.Equal(new long[] { 4, 5, 3 }, x.shape);
        Assert.Equal(NPTypeCode.Single, x.typecode);
        var values = x.ToArray<float>();
        for (var y = 0; y < 4; y++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(ImageFiles.Pattern(y, 2, c), values[(((y * 5) + 2) * 3) + c]);
            }
        }
    }

    [Fact]
    public void LoadImg_RgbaKeepsUnpremultipliedBytes_GrayscaleIsPilLuma()
    {
        var path = Png(3, 2, alpha: 7);
        var rgba = Keras.Utils.LoadImg(path, colorMode: "rgba");
        Assert.Equal("RGBA", rgba.Mode);
        Assert.Equal(ImageFiles.Pattern(1, 2, 1), rgba[1, 2, 1]);
        Assert.Equal((byte)((1 * 50) + 2 + 1), rgba[1, 2, 3]);

        var gray = Keras.Utils.LoadImg(path, colorMode: "grayscale");
        Assert.Equal(("L", 1), (gray.Mode, gray.Channels));
        int r = ImageFiles.Pattern(1, 2, 0), g = ImageFiles.Pattern(1, 2, 1), b = ImageFiles.Pattern(1, 2, 2);
        Assert.Equal((byte)(((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16), gray[1, 2]);
        Assert.Equal(new long[] { 2, 3, 1 }, Keras.Utils.ImgToArray(gray).shape);
    }

    [Fact]
    public void LoadImg_TargetSize_NearestSamplesPixelCentres()
    {
        var path = Png(4, 4);
        var down = Keras.Utils.LoadImg(path, targetSize: (2, 2));
        Assert.Equal((2, 2), down.Size);
        // PIL nearest: source index int((i + 0.5) · 2) = 1, 3.
        Assert.Equal(ImageFiles.Pattern(3, 1, 2), down[1, 0, 2]);
        Assert.Equal(ImageFiles.Pattern(1, 3, 0), down[0, 1, 0]);
        var up = Keras.Utils.LoadImg(path, targetSize: (8, 6));
        Assert.Equal((6, 8), up.Size);
        // int((5 + 0.5) · 4/6) = 3, int((7 + 0.5) · 0.5) = 3.
        Assert.Equal(ImageFiles.Pattern(3, 3, 1), up[7, 5, 1]);
    }

    [Fact]
    public void LoadImg_TargetSize_BilinearIsPilsAntialiasedFilter()
    {
        var path = Path.Combine(_dir, "ramp.png");
        byte[] row = [0, 60, 120, 180];
        ImageFiles.Write(path, 4, 1, (_, x) => (row[x], row[x], row[x], 255));
        var half = Keras.Utils.LoadImg(path, colorMode: "grayscale", targetSize: (1, 2), interpolation: "bilinear");
        // Shrinking 2×: the triangle filter widens to ±2 pixels; output 0 is centred at 1.0 and weighs pixels 0, 1, 2
        // by 0.75, 0.75, 0.25 (normalized: 3/7, 3/7, 1/7) → 42.86; output 1 weighs 1, 2, 3 by 0.25, 0.75, 0.75 → 137.1.
        Assert.Equal(new byte[] { 43, 137 }, new[] { half[0, 0], half[0, 1] });
    }

    [Fact]
    public void LoadImg_KeepAspectRatio_CropsTheCentre()
    {
        var path = Png(6, 4);
        var img = Keras.Utils.LoadImg(path, targetSize: (2, 2), keepAspectRatio: true);
        // The centre 4×4 square (columns 1–4) is kept; nearest picks columns 1 + int((i + 0.5)·2) = 2, 4 and rows 1, 3.
        Assert.Equal(ImageFiles.Pattern(1, 2, 0), img[0, 0, 0]);
        Assert.Equal(ImageFiles.Pattern(3, 4, 2), img[1, 1, 2]);
    }

    [Fact]
    public void LoadImg_BadInput_ClearErrors()
    {
        Assert.Throws<FileNotFoundException>(() => Keras.Utils.LoadImg(Path.Combine(_dir, "missing.png")));
        var junk = Path.Combine(_dir, "junk.png");
        File.WriteAllText(junk, "not an image");
        Assert.Contains("junk.png", Assert.Throws<InvalidDataException>(() => Keras.Utils.LoadImg(junk)).Message);
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.LoadImg(Png(2, 2), colorMode: "cmyk"));
        Assert.StartsWith("color_mode must be \"grayscale\", \"rgb\", or \"rgba\". Received: color_mode=cmyk", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.LoadImg(Png(2, 2), targetSize: (3, 3), interpolation: "cubic"));
        Assert.StartsWith("Invalid interpolation method cubic specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos", e.Message);
    }

    [Fact]
    public void ImgToArray_ChannelsFirstAndDtype()
    {
        var img = Keras.Utils.LoadImg(Png(5, 4));
        var x = Keras.Utils.ImgToArray(img, dataFormat: "channels_first", dtype: "uint8");
        Assert.Equal(new long[] { 3, 4, 5 }, x.shape);
        Assert.Equal(NPTypeCode.Byte, x.typecode);
        Assert.Equal(ImageFiles.Pattern(3, 1, 2), x.ToArray<byte>()[(((2 * 4) + 3) * 5) + 1]);
    }

    [Fact]
    public void ArrayToImg_RoundTripsUnscaled_AndScalesMinMaxTo0And255()
    {
        var img = Keras.Utils.LoadImg(Png(5, 4));
        var x = Keras.Utils.ImgToArray(img);
        var back = Keras.Utils.ArrayToImg(x, scale: false);
        Assert.Equal(img.GetPixels(), back.GetPixels());

        var first = Keras.Utils.ArrayToImg(Keras.Utils.ImgToArray(img, dataFormat: "channels_first"), dataFormat: "channels_first", scale: false);
        Assert.Equal(img.GetPixels(), first.GetPixels());

        // Scaled: −1 → 0, 1 → 255, 0 → 127.5 truncated to 127.
        var scaled = Keras.Utils.ArrayToImg(np.array(new float[] { -1f, 0f, 1f, 0.5f }).reshape(2, 2, 1));
        Assert.Equal("L", scaled.Mode);
        Assert.Equal(new byte[] { 0, 127, 255, 191 }, scaled.GetPixels());
    }

    [Fact]
    public void ArrayToImg_BadShapes_KerasMessages()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ArrayToImg(np.array(new float[16]).reshape(4, 4)));
        Assert.StartsWith("Expected image array to have rank 3 (single image). Got array with shape: (4, 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ArrayToImg(np.array(new float[32]).reshape(4, 4, 2)));
        Assert.StartsWith("Unsupported channel number: 2", e.Message);
    }

    [Fact]
    public void SaveImg_PngIsLossless_ForRgbRgbaAndGray()
    {
        foreach (var (mode, channels) in new[] { ("rgb", 3), ("rgba", 4), ("grayscale", 1) })
        {
            var source = Keras.Utils.LoadImg(Png(5, 4, alpha: 9), colorMode: mode);
            var x = Keras.Utils.ImgToArray(source);
            var path = Path.Combine(_dir, $"saved-{mode}.png");
            Keras.Utils.SaveImg(path, x, scale: false);
            var loaded = Keras.Utils.LoadImg(path, colorMode: mode);
            Assert.Equal(channels, loaded.Channels);
            Assert.Equal(source.GetPixels(), loaded.GetPixels());
        }
    }

    [Fact]
    public void SaveImg_JpegDropsAlphaWithAWarning_AndBmpIsRefused()
    {
        var x = np.array(Enumerable.Repeat(200f, 8 * 8 * 4).ToArray()).reshape(8, 8, 4);
        var path = Path.Combine(_dir, "flat.jpg");
        var warning = CallbackTestUtil.CaptureConsole(() => Keras.Utils.SaveImg(path, x, scale: false), stderr: true);
        Assert.Contains("The JPEG format does not support RGBA images, converting to RGB.", warning);
        var loaded = Keras.Utils.LoadImg(path, colorMode: "rgba");
        Assert.All(loaded.GetPixels().Where((_, i) => i % 4 != 3), v => Assert.InRange(v, 197, 203));
        Assert.All(loaded.GetPixels().Where((_, i) => i % 4 == 3), v => Assert.Equal(255, v));

        var e = Assert.Throws<NotSupportedException>(() => Keras.Utils.SaveImg(Path.Combine(_dir, "x.bmp"), x));
        Assert.Contains("'bmp'", e.Message);
    }

    [Fact]
    public void ImageData_ChecksItsPixelBuffer()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageData(2, 2, "RGB", new byte[5]));
        Assert.StartsWith("Expected 2×2×3 = 12 bytes for a RGB image. Received: 5 bytes.", e.Message);
        Assert.Throws<ArgumentException>(() => new ImageData(2, 2, "CMYK", new byte[16]));
    }
}
