using System.Buffers.Binary;

namespace DeepKeras.Plotting;

/// <summary>
/// A rendered figure held in memory as PNG bytes: what the <see cref="Plots"/> functions return when they are called
/// without a file path. Notebooks show it inline (with <c>DeepKeras.Interactive</c> loaded); <see cref="Save"/> writes it.
/// </summary>
/// <example>
/// <code>
/// var curves = Plots.TrainingCurves(history);   // shown inline when it is the last value of a notebook cell
/// curves.Save("out/curves.png");
/// </code>
/// </example>
public sealed class PlotImage
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly byte[] _png;

    /// <summary>Wraps the bytes of a PNG file.</summary>
    /// <param name="png">A complete PNG image (signature, then the IHDR chunk first, as the format requires).</param>
    /// <exception cref="ArgumentException">The bytes are not a PNG image.</exception>
    public PlotImage(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(PngSignature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new ArgumentException($"Expected the bytes of a PNG image (signature and IHDR header). Received {png.Length} bytes that are not.", nameof(png));
        }

        _png = (byte[])png.Clone();
        Width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        Height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
    }

    /// <summary>Reads a PNG file, e.g. one written by a <see cref="Plots"/> function that takes a path.</summary>
    /// <param name="path">The PNG file.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The file is not a PNG image.</exception>
    public static PlotImage Load(string path) => new(File.ReadAllBytes(path));

    /// <summary>
    /// Runs a drawing that writes a PNG file (any <see cref="Plots"/> function that takes a path) into a temporary
    /// file and returns the image: <c>PlotImage.Render(path =&gt; Plots.Line(x, series, path, title: "Forecast"))</c>.
    /// </summary>
    /// <param name="draw">Writes the PNG to the path it is given.</param>
    /// <returns>The image.</returns>
    /// <exception cref="InvalidOperationException">The drawing wrote no file.</exception>
    public static PlotImage Render(Action<string> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var dir = Directory.CreateTempSubdirectory("deepkeras-plot-");
        try
        {
            var path = Path.Combine(dir.FullName, "plot.png");
            draw(path);
            return File.Exists(path)
                ? Load(path)
                : throw new InvalidOperationException("The drawing passed to PlotImage.Render wrote no file at the path it was given.");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Gets the width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets the MIME type of the bytes: <c>image/png</c>.</summary>
    public string MimeType => "image/png";

    /// <summary>Returns a copy of the PNG bytes.</summary>
    public byte[] ToPngBytes() => (byte[])_png.Clone();

    /// <summary>Returns the PNG bytes in base64, as notebooks store images.</summary>
    public string ToBase64() => Convert.ToBase64String(_png);

    /// <summary>Writes the PNG file atomically (a temporary file next to the target, then a rename); its folder is created.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <exception cref="ArgumentException">The path is empty or names a directory.</exception>
    public void Save(string path) => PngOutput.Save(PngOutput.CheckPath(path), _png);

    /// <summary>Describes the image, e.g. <c>PlotImage 1440×360 PNG (52,113 bytes)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PlotImage {Width}×{Height} PNG ({_png.Length:N0} bytes)");
}
