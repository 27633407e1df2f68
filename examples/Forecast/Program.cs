// Forecasting "tomorrow from the past days" with a recurrent sequence regressor:
//   dotnet run -c Release --project examples/Forecast -- --series sunspots --out out/forecast
// 1. a real series from Debian's python3-statsmodels data files (yearly sunspot activity 1700–2008 by default);
// 2. split by time: the first 80% of the years train, the last 20% validate (no shuffling across the split);
// 3. standardize with the training part's mean and std, cut windows of `--window` past values → the next value;
// 4. LSTM(32) → Dense(1), Adam, MSE; the validation MAE (in the series' units) is compared with the naive forecast
//    "next = last value"; prediction vs truth is plotted to --out.
// Last line: `RESULT val_mae=... naive_mae=... train_seconds=... series=...`.
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Examples.Forecast;
using DeepKeras.Plotting;
using static DeepKeras.Keras;

const string usage =
    "usage: dotnet run -c Release --project examples/Forecast -- [--epochs N] [--limit N (training windows)] [--batch-size N]\n" +
    "         [--units N] [--window N] [--series sunspots|co2] [--csv FILE] [--device auto|cpu|cuda] [--out DIR] [--seed N]\n" +
    "  series: statsmodels' data files from Debian's python3-statsmodels (apt-get install python3-statsmodels),\n" +
    "          or --csv FILE: a header line, then rows whose last column is the value (time order).";
var defaults = new ExampleOptions(Epochs: 60, Limit: null, BatchSize: 16, Device: "auto", OutDir: null, Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--units", "--window", "--series", "--csv"],
    extra => (extra.Int("--units", 32, 1, 65536), extra.Int("--window", 12, 1, 100_000), extra.Choice("--series", "sunspots", "sunspots", "co2"),
        extra.Text("--csv")),
    out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (units, window, seriesName, csvPath) = settings;

Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();

Series series;
try
{
    series = csvPath is { } csv ? Series.Read(csv, Path.GetFileNameWithoutExtension(csv)) : Series.Read(Series.StatsmodelsCsv(seriesName), seriesName);
}
catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var values = series.Values;
var split = (int)(values.Count * 0.8);
if (split <= window || values.Count - split < 2)
{
    Console.Error.WriteLine($"The series has {values.Count} values: too short for windows of {window} and an 80/20 split.");
    return 1;
}

// Statistics of the training part only: the validation years must not leak into the scaling.
var mean = values.Take(split).Average();
var std = Math.Sqrt(values.Take(split).Average(v => (v - mean) * (v - mean)));
float Scale(double v) => (float)((v - mean) / std);

// Window ending before t → value at t. Training targets lie before the split, validation targets after it.
var trainTargets = Enumerable.Range(window, split - window).Take(options.Limit ?? int.MaxValue).ToArray();
var valTargets = Enumerable.Range(split, values.Count - split).ToArray();
(float[,,] X, float[,] Y) Windows(int[] targets)
{
    var x = new float[targets.Length, window, 1];
    var y = new float[targets.Length, 1];
    for (var i = 0; i < targets.Length; i++)
    {
        for (var k = 0; k < window; k++)
        {
            x[i, k, 0] = Scale(values[targets[i] - window + k]);
        }

        y[i, 0] = Scale(values[targets[i]]);
    }

    return (x, y);
}

var (xTrain, yTrain) = Windows(trainTargets);
var (xVal, yVal) = Windows(valTargets);
Console.WriteLine($"Series '{series.Name}': {values.Count} values ({series.Times[0]} … {series.Times[^1]}); train targets {series.Times[window]} … " +
    $"{series.Times[split - 1]} ({trainTargets.Length} windows), validation targets {series.Times[split]} … {series.Times[^1]} ({valTargets.Length} windows)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scaling: mean {mean:0.###}, std {std:0.###} (training part)"));
Console.WriteLine();

var model = Applications.Rnn.SequenceRegressor(timesteps: window, features: 1, units: [units], cell: "lstm", name: "forecaster");
model.Summary();
model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);

var clock = Stopwatch.StartNew();
var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationData: (xVal, yVal), verbose: 2);
var trainSeconds = clock.Elapsed.TotalSeconds;

// Back to the series' units.
var predicted = model.Predict(xVal, verbose: 0).ToArray<float>().Select(p => (p * std) + mean).ToArray();
var truth = valTargets.Select(t => values[t]).ToArray();
var naive = valTargets.Select(t => values[t - 1]).ToArray();
var valMae = truth.Zip(predicted, (a, b) => Math.Abs(a - b)).Average();
var naiveMae = truth.Zip(naive, (a, b) => Math.Abs(a - b)).Average();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation MAE: {valMae:0.###} (naive last-value forecast: {naiveMae:0.###})"));

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    var x = valTargets.Select(t => double.TryParse(series.Times[t], NumberStyles.Float, CultureInfo.InvariantCulture, out var year) ? year : t).ToArray();
    var plot = Path.Combine(outDir, "forecast.png");
    Plots.Line(x, new Dictionary<string, IReadOnlyList<double>> { ["truth"] = truth, ["LSTM prediction"] = predicted, ["naive (last value)"] = naive },
        plot, title: $"{series.Name}: next-step forecast on the validation years", xLabel: "time", yLabel: series.Name);
    var curves = Path.Combine(outDir, "training_curves.png");
    Plots.TrainingCurves(history, curves);
    Console.WriteLine($"Wrote {plot} and {curves}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT val_mae={valMae:0.###} naive_mae={naiveMae:0.###} train_seconds={trainSeconds:0.0} series={series.Name}"));
return 0;
