using System.Globalization;
using NumSharp;
using ScottPlot;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// Saves a scatter plot of 2-D points coloured by class, with a legend: the latent-space plot of the Keras VAE
    /// tutorial (<c>plt.scatter(z[:, 0], z[:, 1], c=labels)</c>).
    /// </summary>
    /// <param name="points">Points of shape <c>(N, 2)</c>, e.g. the encoder's <c>z_mean</c>; points with a NaN or infinite coordinate are skipped.</param>
    /// <param name="labels">Integer class of each point, shape <c>(N,)</c> or <c>(N, 1)</c>; null draws every point in one colour.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="classNames">Legend text per class index (default: the class number).</param>
    /// <param name="xLabel">The x-axis label (default <c>z[0]</c>).</param>
    /// <param name="yLabel">The y-axis label (default <c>z[1]</c>).</param>
    /// <exception cref="ArgumentException">Points not of shape (N, 2), no points, or labels that are not one integer per point.</exception>
    public static void Scatter2D(NDArray points, NDArray? labels, string path, string? title = null,
        IReadOnlyList<string>? classNames = null, string xLabel = "z[0]", string yLabel = "z[1]") =>
        PngOutput.Save(PngOutput.CheckPath(path), Scatter2DPng(ArrayData.From(points, nameof(points)),
            labels is null ? null : ArrayData.From(labels, nameof(labels)), title, classNames, xLabel, yLabel));

    /// <summary>Saves a scatter plot of 2-D points coloured by class; see <see cref="Scatter2D(NDArray, NDArray?, string, string?, IReadOnlyList{string}?, string, string)"/>.</summary>
    /// <param name="points">Points of shape <c>(N, 2)</c>.</param>
    /// <param name="labels">Integer class of each point, shape <c>(N,)</c> or <c>(N, 1)</c>, or null.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="classNames">Legend text per class index (default: the class number).</param>
    /// <param name="xLabel">The x-axis label (default <c>z[0]</c>).</param>
    /// <param name="yLabel">The y-axis label (default <c>z[1]</c>).</param>
    /// <exception cref="ArgumentException">Points not of shape (N, 2), no points, or labels that are not one integer per point.</exception>
    public static void Scatter2D(Tensor points, Tensor? labels, string path, string? title = null,
        IReadOnlyList<string>? classNames = null, string xLabel = "z[0]", string yLabel = "z[1]") =>
        PngOutput.Save(PngOutput.CheckPath(path), Scatter2DPng(ArrayData.From(points, nameof(points)),
            labels is null ? null : ArrayData.From(labels, nameof(labels)), title, classNames, xLabel, yLabel));

    private static byte[] Scatter2DPng(ArrayData points, ArrayData? labels, string? title,
        IReadOnlyList<string>? classNames, string xLabel, string yLabel)
    {
        if (points.Rank != 2 || points.Shape[1] != 2)
        {
            throw new ArgumentException($"Expected `points` of shape (N, 2). Received shape {points.ShapeText}.", nameof(points));
        }

        var n = points.Shape[0];
        if (n == 0)
        {
            throw new ArgumentException("Expected at least one point. Received shape (0, 2).", nameof(points));
        }

        var classes = labels is null ? new int[n] : ToClassIndices(labels.AsVector(nameof(labels), n));
        var plot = PlotStyle.NewPlot();
        var distinct = classes.Distinct().Order().ToArray();
        var colourCount = distinct[^1] + 1;
        foreach (var cls in distinct)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < n; i++)
            {
                if (classes[i] == cls && float.IsFinite(points.Values[2 * i]) && float.IsFinite(points.Values[(2 * i) + 1]))
                {
                    xs.Add(points.Values[2 * i]);
                    ys.Add(points.Values[(2 * i) + 1]);
                }
            }

            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, n > 2000 ? 3 : 5,
                labels is null ? PlotStyle.Blue : PlotStyle.Category(cls, colourCount));
            if (labels is not null)
            {
                markers.LegendText = classNames is not null && cls < classNames.Count
                    ? classNames[cls]
                    : cls.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (labels is not null)
        {
            plot.ShowLegend(Edge.Right);
        }

        if (!string.IsNullOrEmpty(title))
        {
            plot.Title(title);
        }

        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot.GetImageBytes(720, 600, ImageFormat.Png);
    }

    private static int[] ToClassIndices(float[] values)
    {
        var classes = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v) || v < 0 || v != MathF.Round(v))
            {
                throw new ArgumentException(
                    $"Expected `labels` to hold non-negative integer class indices. Received {v.ToString(CultureInfo.InvariantCulture)} at index {i}.",
                    "labels");
            }

            classes[i] = (int)v;
        }

        return classes;
    }
}
