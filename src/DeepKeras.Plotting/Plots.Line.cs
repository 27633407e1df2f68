using NumSharp;
using ScottPlot;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// Saves a line plot of one or more named series over a shared x axis, e.g. a model's predictions against the true
    /// values of a time series.
    /// </summary>
    /// <param name="x">The x values (e.g. time steps), one per point.</param>
    /// <param name="series">Series name → y values, each as long as <paramref name="x"/>; drawn in order with a legend.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="xLabel">The x-axis label, or null.</param>
    /// <param name="yLabel">The y-axis label, or null.</param>
    /// <exception cref="ArgumentException">No series, no points, or a series whose length differs from <paramref name="x"/>.</exception>
    /// <example>
    /// <code>
    /// Plots.Line(steps, new Dictionary&lt;string, IReadOnlyList&lt;double&gt;&gt; { ["truth"] = yTrue, ["prediction"] = yPred },
    ///     "out/forecast.png", title: "Prediction vs truth");
    /// </code>
    /// </example>
    public static void Line(IReadOnlyList<double> x, IReadOnlyDictionary<string, IReadOnlyList<double>> series, string path,
        string? title = null, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        PngOutput.Save(PngOutput.CheckPath(path), LinePng(x, series, title, xLabel, yLabel));
    }

    private static byte[] LinePng(IReadOnlyList<double> x, IReadOnlyDictionary<string, IReadOnlyList<double>> series,
        string? title, string? xLabel, string? yLabel)
    {
        if (series.Count == 0)
        {
            throw new ArgumentException("Expected at least one series to plot. Received an empty dictionary.", nameof(series));
        }

        if (x.Count == 0)
        {
            throw new ArgumentException("Expected at least one x value. Received an empty `x`.", nameof(x));
        }

        foreach (var (name, values) in series)
        {
            if (values is null || values.Count != x.Count)
            {
                throw new ArgumentException(
                    $"Expected series '{name}' to have one value per x value ({x.Count}). Received {values?.Count ?? 0}.", nameof(series));
            }
        }

        var plot = PlotStyle.NewPlot();
        var xs = x.ToArray();
        var index = 0;
        foreach (var (name, values) in series)
        {
            // NaN leaves a gap; infinities would wreck the axis range, so they become gaps too.
            var ys = values.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, PlotStyle.Category(index++, series.Count));
            line.LegendText = name;
            line.LineWidth = 1.5f;
        }

        plot.ShowLegend(Alignment.UpperRight);
        if (!string.IsNullOrEmpty(title))
        {
            plot.Title(title);
        }

        if (xLabel is not null)
        {
            plot.XLabel(xLabel);
        }

        if (yLabel is not null)
        {
            plot.YLabel(yLabel);
        }

        return plot.GetImageBytes(900, 450, ImageFormat.Png);
    }

    /// <summary>
    /// Saves a line plot of named series held in arrays (e.g. <c>model.Predict(x)</c> of shape <c>(N, 1)</c> against the
    /// targets); see <see cref="Line(IReadOnlyList{double}, IReadOnlyDictionary{string, IReadOnlyList{double}}, string, string?, string?, string?)"/>.
    /// </summary>
    /// <param name="x">The x values, shape <c>(N,)</c> or <c>(N, 1)</c>; null for 0, 1, …, N−1.</param>
    /// <param name="series">Series name → values of shape <c>(N,)</c> or <c>(N, 1)</c>.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="xLabel">The x-axis label, or null.</param>
    /// <param name="yLabel">The y-axis label, or null.</param>
    /// <exception cref="ArgumentException">No series, a series that is not a vector, or lengths that differ.</exception>
    public static void Line(NDArray? x, IReadOnlyDictionary<string, NDArray> series, string path,
        string? title = null, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var fullPath = PngOutput.CheckPath(path);
        var (xs, ys) = LineSeries(x, series);
        PngOutput.Save(fullPath, LinePng(xs, ys, title, xLabel, yLabel));
    }

    private static (IReadOnlyList<double> X, Dictionary<string, IReadOnlyList<double>> Series) LineSeries(
        NDArray? x, IReadOnlyDictionary<string, NDArray> series)
    {
        var ys = series.ToDictionary(kv => kv.Key,
            kv => (IReadOnlyList<double>)Array.ConvertAll(ArrayData.From(kv.Value, nameof(series)).AsVector($"series['{kv.Key}']"), v => (double)v));
        var n = ys.Values.Select(v => v.Count).DefaultIfEmpty(0).First();
        IReadOnlyList<double> xs = x is null
            ? Enumerable.Range(0, n).Select(i => (double)i).ToArray()
            : Array.ConvertAll(ArrayData.From(x, nameof(x)).AsVector(nameof(x)), v => (double)v);
        return (xs, ys);
    }
}
