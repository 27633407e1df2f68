using ScottPlot;
using SkiaSharp;

namespace DeepKeras.Plotting;

/// <summary>Fonts, colours and text measurement shared by every figure.</summary>
internal static class PlotStyle
{
    // ScottPlot asks Skia for generic names ("Open Sans", "Segoe UI", …); where none is installed Skia falls back to
    // the first font it finds, often a serif one. Pick an installed sans-serif family by name instead.
    private static readonly Lazy<string> SansFamily = new(() =>
    {
        string[] preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI", "Open Sans"];
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return preferred.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    });

    /// <summary>Gets the blue of training curves and first series (matplotlib's tab:blue).</summary>
    public static Color Blue { get; } = Color.FromHex("#1f77b4");

    /// <summary>Gets the orange of validation curves (matplotlib's tab:orange).</summary>
    public static Color Orange { get; } = Color.FromHex("#ff7f0e");

    /// <summary>Creates a plot that uses the chosen sans-serif font.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily.Value);
        return plot;
    }

    /// <summary>Colour number <paramref name="index"/> of the matplotlib "tab10"/"tab20" palettes.</summary>
    public static Color Category(int index, int count)
    {
        IPalette palette = count <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
        return palette.GetColor(index);
    }

    /// <summary>
    /// An image of RGB pixels indexed [row, column, channel]. The pixels are copied into an image that the caller
    /// disposes; unlike ScottPlot's <c>new Image(byte[,,])</c>, no bitmap is left to the finalizer.
    /// </summary>
    public static Image ToImage(byte[,,] rgb)
    {
        int height = rgb.GetLength(0), width = rgb.GetLength(1);
        var rgba = new byte[width * height * 4];
        for (int y = 0, i = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, i += 4)
            {
                rgba[i] = rgb[y, x, 0];
                rgba[i + 1] = rgb[y, x, 1];
                rgba[i + 2] = rgb[y, x, 2];
                rgba[i + 3] = 255;
            }
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return new Image(bitmap);
    }

    /// <summary>Width in pixels of <paramref name="text"/> drawn at <paramref name="size"/> points.</summary>
    public static float MeasureWidth(string text, float size)
    {
        using var typeface = SKTypeface.FromFamilyName(SansFamily.Value);
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    /// <summary>Hides axes, ticks, frame and grid, keeping the title.</summary>
    public static void HideAxes(Plot plot)
    {
        plot.Axes.Left.IsVisible = false;
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Frame(false);
        plot.Grid.IsVisible = false;
    }

    /// <summary>A plot that shows only a figure title, used as the header row of a multi-panel figure.</summary>
    public static Plot Header(string title, float size = 18)
    {
        var header = NewPlot();
        header.Title(title, size);
        HideAxes(header);
        return header;
    }
}
