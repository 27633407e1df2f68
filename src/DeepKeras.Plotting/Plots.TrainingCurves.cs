using DeepKeras.Callbacks;
using ScottPlot;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    private const int CurvePanelWidth = 480;
    private const int CurvePanelHeight = 360;

    /// <summary>
    /// Saves the learning curves of a <see cref="History"/>: one panel per metric, training values against epoch
    /// (counted from 1) with the <c>val_</c> values beside them, titled like the Keras tutorials
    /// (<c>"Training and validation loss"</c>).
    /// </summary>
    /// <param name="history">The history returned by <c>Fit</c>.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="metrics">
    /// The metrics to plot, by their training name (<c>"loss"</c>, <c>"accuracy"</c>). Default: <c>loss</c> and every
    /// other recorded metric that does not start with <c>val_</c>.
    /// </param>
    /// <remarks>
    /// Panels are placed side by side, three per row at most. A NaN or infinite value (a diverged epoch) leaves a gap.
    /// With <c>validationFreq</c> &gt; 1 there are fewer validation
    /// values than epochs; they are drawn at the epochs where validation ran (every k-th epoch).
    /// </remarks>
    /// <exception cref="ArgumentException">The history is empty, or a requested metric was not recorded or starts with <c>val_</c>.</exception>
    public static void TrainingCurves(History history, string path, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(history);
        PngOutput.Save(PngOutput.CheckPath(path), TrainingCurvesPng(history, metrics));
    }

    private static byte[] TrainingCurvesPng(History history, IReadOnlyList<string>? metrics)
    {
        ArgumentNullException.ThrowIfNull(history);
        var data = history.HistoryData;
        var epochs = data.Values.Select(v => v.Count).DefaultIfEmpty(0).Max();
        if (epochs == 0)
        {
            throw new ArgumentException(
                "The history is empty: no epoch was recorded. Pass the History returned by `Fit` after at least one epoch.", nameof(history));
        }

        string[] names = metrics is { Count: > 0 } ? [.. metrics] : DefaultCurveMetrics(data.Keys);
        foreach (var name in names)
        {
            if (name.StartsWith("val_", StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Pass metrics by their training name: '{name[4..]}' draws '{name}' in the same panel. Received: '{name}'.", nameof(metrics));
            }

            if (!data.TryGetValue(name, out var values) || values.Count == 0)
            {
                throw new ArgumentException(
                    $"The history has no metric '{name}'. Recorded: {string.Join(", ", data.Keys)}.", nameof(metrics));
            }
        }

        var epochAxis = history.Epoch.Count > 0 ? history.Epoch.Select(e => e + 1.0).ToArray() : null;
        var plots = names.Select(name => CurvePanel(name, data[name], data.GetValueOrDefault("val_" + name), epochAxis)).ToList();
        var columns = Math.Min(plots.Count, 3);
        var rows = (plots.Count + columns - 1) / columns;
        var figure = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1))
        {
            figure.AddPlot(p);
        }

        figure.Layout = new HeaderGridLayout(rows, columns, 0);
        using var image = figure.Render(columns * CurvePanelWidth, rows * CurvePanelHeight);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary><c>loss</c> first, then the other non-validation metrics in recorded order.</summary>
    private static string[] DefaultCurveMetrics(IEnumerable<string> keys)
    {
        var train = keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal)).ToList();
        return [.. train.Where(k => k == "loss"), .. train.Where(k => k != "loss")];
    }

    private static Plot CurvePanel(string name, List<double> train, List<double>? validation, double[]? epochAxis)
    {
        var plot = PlotStyle.NewPlot();
        var trainX = EpochPositions(train.Count, epochAxis);
        var trainLine = plot.Add.Scatter(trainX, Finite(train), PlotStyle.Blue);
        trainLine.LegendText = $"Training {name}";
        trainLine.MarkerSize = 6;
        if (validation is { Count: > 0 })
        {
            var valLine = plot.Add.Scatter(ValidationPositions(validation.Count, trainX), Finite(validation), PlotStyle.Orange);
            valLine.LegendText = $"Validation {name}";
            valLine.MarkerSize = 6;
            plot.Title($"Training and validation {name}");
        }
        else
        {
            plot.Title($"Training {name}");
        }

        plot.XLabel("Epochs");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.EvenlySpacedMinorTickGenerator(1),
        };
        plot.YLabel(AxisLabel(name));
        plot.ShowLegend(LegendCorner(train, validation));
        if (trainX.Length == 1)
        {
            plot.Axes.SetLimitsX(trainX[0] - 1, trainX[0] + 1);
        }

        return plot;
    }

    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase) { "mae", "mse", "rmse", "msle", "mape", "auc", "kld" };

    /// <summary>Keras tutorials label the axis "Loss", "Accuracy": capitalize, spell acronyms in capitals.</summary>
    private static string AxisLabel(string name) =>
        Acronyms.Contains(name) ? name.ToUpperInvariant() : char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' ');

    // ScottPlot has no "best" legend location: put the legend in the right-hand corner away from where the curves end.
    private static Alignment LegendCorner(List<double> train, List<double>? validation)
    {
        var all = (validation is null ? train : [.. train, .. validation]).Where(double.IsFinite).ToList();
        var ends = new[] { train[^1], validation is { Count: > 0 } ? validation[^1] : double.NaN }.Where(double.IsFinite).ToList();
        if (all.Count == 0 || ends.Count == 0)
        {
            return Alignment.UpperRight;
        }

        double min = all.Min(), max = all.Max();
        return max > min && (ends.Average() - min) / (max - min) > 0.5 ? Alignment.LowerRight : Alignment.UpperRight;
    }

    // A diverged epoch (NaN or ±Inf loss) is left as a gap instead of wrecking the axis range.
    private static double[] Finite(List<double> values) => values.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();

    private static double[] EpochPositions(int count, double[]? epochAxis) =>
        epochAxis is not null && epochAxis.Length == count
            ? epochAxis
            : Enumerable.Range(1, count).Select(i => (double)i).ToArray();

    // Fit validates at epochs k, 2k, 3k, … when validationFreq = k; recover k when the counts allow it.
    private static double[] ValidationPositions(int count, double[] trainX)
    {
        if (count == trainX.Length)
        {
            return trainX;
        }

        var k = trainX.Length / count;
        return k >= 1 && trainX.Length / k == count
            ? Enumerable.Range(1, count).Select(i => trainX[(i * k) - 1]).ToArray()
            : Enumerable.Range(1, count).Select(i => (double)i).ToArray();
    }
}
