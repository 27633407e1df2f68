namespace DeepKeras.Utils.Images;

/// <summary>
/// Resizes 8-bit images the way PIL's <c>Image.resize(size, resample, box)</c> does, which Keras's <c>load_img</c>
/// calls: <c>nearest</c> samples the source pixel under each output pixel's centre; the other filters (<c>bilinear</c>,
/// <c>bicubic</c>, <c>hamming</c>, <c>box</c>, <c>lanczos</c>) are separable convolutions whose support widens by the
/// reduction factor (so shrinking is antialiased), rows first, then columns, in PIL's 22-bit fixed point.
/// </summary>
internal static class PilResample
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>The interpolation names <c>load_img</c> accepts, in Keras's order.</summary>
    public static readonly string[] Methods = ["nearest", "bilinear", "bicubic", "hamming", "box", "lanczos"];

    /// <summary>Resizes the region <paramref name="box"/> (left, top, right, bottom) of <paramref name="image"/> to width × height.</summary>
    public static ImageData Resize(ImageData image, int width, int height, string method, (int L, int T, int R, int B) box)
    {
        var c = image.Channels;
        if (method == "nearest")
        {
            var src = image.Pixels;
            var outPixels = new byte[width * height * c];
            var (sx, sy) = ((box.R - box.L) / (double)width, (box.B - box.T) / (double)height);
            for (var y = 0; y < height; y++)
            {
                var yi = Math.Min((int)(((y + 0.5) * sy) + box.T), image.Height - 1);
                for (var x = 0; x < width; x++)
                {
                    var xi = Math.Min((int)(((x + 0.5) * sx) + box.L), image.Width - 1);
                    src.Slice(((yi * image.Width) + xi) * c, c).CopyTo(outPixels.AsSpan(((y * width) + x) * c, c));
                }
            }

            return ImageData.Wrap(width, height, image.Mode, outPixels);
        }

        var (support, filter) = Filter(method);
        var (xBounds, xWeights) = Coefficients(image.Width, box.L, box.R, width, support, filter);
        var (yBounds, yWeights) = Coefficients(image.Height, box.T, box.B, height, support, filter);

        // Horizontal pass over the rows the vertical pass reads.
        var yFirst = yBounds[0].Min;
        var yLast = yBounds[height - 1].Min + yBounds[height - 1].Count;
        var rows = yLast - yFirst;
        var mid = new byte[rows * width * c];
        var pixels = image.Pixels;
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (min, count) = xBounds[x];
                for (var ch = 0; ch < c; ch++)
                {
                    long sum = 1 << (PrecisionBits - 1);
                    for (var k = 0; k < count; k++)
                    {
                        sum += pixels[(((((y + yFirst) * image.Width) + min + k) * c) + ch)] * (long)xWeights[x][k];
                    }

                    mid[(((y * width) + x) * c) + ch] = Clip(sum);
                }
            }
        }

        var result = new byte[width * height * c];
        for (var y = 0; y < height; y++)
        {
            var (min, count) = yBounds[y];
            for (var x = 0; x < width; x++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    long sum = 1 << (PrecisionBits - 1);
                    for (var k = 0; k < count; k++)
                    {
                        sum += mid[(((((min - yFirst + k) * width) + x) * c) + ch)] * (long)yWeights[y][k];
                    }

                    result[(((y * width) + x) * c) + ch] = Clip(sum);
                }
            }
        }

        return ImageData.Wrap(width, height, image.Mode, result);
    }

    private static byte Clip(long sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    // PIL precompute_coeffs: the input span and fixed-point weights of each output pixel.
    private static ((int Min, int Count)[] Bounds, int[][] Weights) Coefficients(int inSize, double in0, double in1, int outSize,
        double support, Func<double, double> filter)
    {
        var scale = (in1 - in0) / outSize;
        var filterScale = Math.Max(scale, 1.0);
        support *= filterScale;
        var bounds = new (int, int)[outSize];
        var weights = new int[outSize][];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = in0 + ((xx + 0.5) * scale);
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var k = new double[Math.Max(xmax, 0)];
            var total = 0.0;
            for (var x = 0; x < k.Length; x++)
            {
                k[x] = filter((x + xmin - center + 0.5) / filterScale);
                total += k[x];
            }

            weights[xx] = k.Select(w => total == 0 ? 0 : w / total).Select(w => (int)((w * (1 << PrecisionBits)) + (w < 0 ? -0.5 : 0.5))).ToArray();
            bounds[xx] = (xmin, k.Length);
        }

        return (bounds, weights);
    }

    private static (double Support, Func<double, double> Filter) Filter(string method) => method switch
    {
        "box" => (0.5, x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0),
        "bilinear" => (1.0, x => Math.Max(0.0, 1.0 - Math.Abs(x))),
        "hamming" => (1.0, x => Math.Abs(x) >= 1.0 ? 0.0 : x == 0 ? 1.0 : Sinc(x) * (0.54 + (0.46 * Math.Cos(Math.PI * x)))),
        "bicubic" => (2.0, Bicubic),
        "lanczos" => (3.0, x => Math.Abs(x) >= 3.0 ? 0.0 : Sinc(x) * Sinc(x / 3.0)),
        _ => throw new ArgumentException($"Unknown interpolation '{method}'.", nameof(method)),
    };

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        return x < 1.0 ? ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1
            : x < 2.0 ? ((((((a * x) - (5.0 * a)) * x) + (8.0 * a)) * x) - (4.0 * a))
            : 0.0;
    }
}
