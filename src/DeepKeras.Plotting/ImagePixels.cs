namespace DeepKeras.Plotting;

/// <summary>Turns arrays of images or feature maps into RGB byte tiles.</summary>
internal static class ImagePixels
{
    /// <summary>Images (N, H, W) or (N, H, W, C) → N tiles; values 0–1 or 0–255 (bytes always 0–255).</summary>
    public static List<byte[,,]> ToTiles(ArrayData images)
    {
        int n = images.Shape[0], h = images.Shape[1], w = images.Shape[2];
        var channels = images.Rank == 4 ? images.Shape[3] : 1;
        var values = images.Values;
        // matplotlib's imshow reads floats as 0–1 and integers as 0–255; here any array whose values all lie in [0, 1]
        // is read as 0–1 so that both x/255 and raw pixel arrays show correctly.
        var max = values.Where(v => !float.IsNaN(v)).DefaultIfEmpty(0f).Max();
        var factor = images.IsUInt8 || max > 1f ? 1f : 255f;
        var tiles = new List<byte[,,]>(n);
        for (var i = 0; i < n; i++)
        {
            var tile = new byte[h, w, 3];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var offset = (((i * h) + y) * w + x) * channels;
                    for (var c = 0; c < 3; c++)
                    {
                        tile[y, x, c] = ToByte(values[offset + (channels >= 3 ? c : 0)] * factor);
                    }
                }
            }

            tiles.Add(tile);
        }

        return tiles;
    }

    /// <summary>One channel of a feature map (H, W, C), min–max normalized to 0–255 (a constant channel is black).</summary>
    public static byte[,,] Channel(float[] values, int h, int w, int channels, int channel)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (var p = 0; p < h * w; p++)
        {
            var v = values[p * channels + channel];
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var range = max - min;
        var tile = new byte[h, w, 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var v = values[(y * w + x) * channels + channel];
                var b = range > 0 && float.IsFinite(v) ? ToByte((v - min) / range * 255f) : (byte)0;
                tile[y, x, 0] = tile[y, x, 1] = tile[y, x, 2] = b;
            }
        }

        return tile;
    }

    private static byte ToByte(float v) => float.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}
