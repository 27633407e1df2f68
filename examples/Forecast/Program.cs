// Forecasting "tomorrow from the past days" with a recurrent sequence regressor, against the naive forecast.
//   dotnet run -c Release --project examples/Forecast -- [--series sunspots|co2] [--csv FILE] [--window 12] [--units 32] [--out DIR]
// A real series from Debian's python3-statsmodels data files (yearly sunspot activity 1700–2008 by default), split by
// time: the first 80% trains, the last 20% validates. --limit N keeps the first N training windows. Writes
// forecast.png (prediction vs truth on the validation years) and training_curves.png.
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Examples.Forecast;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 60, BatchSize: 16),
    extra => (Units: extra.Int("--units", 32, 1, 65536), Window: extra.Int("--window", 12, 1, 100_000),
        Series: extra.Choice("--series", "sunspots", "sunspots", "co2"), Csv: extra.Text("--csv", "FILE")),
    (run, o) =>
{
    // Prepare the data: the series, standardized with the training part's mean and std (the validation years must not
    // leak into the scaling), cut into windows of `window` past values → the next value.
    var series = o.Csv is { } csv ? Series.Read(csv, Path.GetFileNameWithoutExtension(csv)) : Series.Read(Series.StatsmodelsCsv(o.Series), o.Series);
    var values = series.Values;
    var split = (int)(values.Count * 0.8);
    if (split <= o.Window || values.Count - split < 2)
    {
        throw new InvalidDataException($"The series has {values.Count} values: too short for windows of {o.Window} and an 80/20 split.");
    }

    var mean = values.Take(split).Average();
    var std = Math.Sqrt(values.Take(split).Average(v => (v - mean) * (v - mean)));
    var trainTargets = Enumerable.Range(o.Window, split - o.Window).Take(run.Limit ?? int.MaxValue).ToArray();
    var valTargets = Enumerable.Range(split, values.Count - split).ToArray();
    var (xTrain, yTrain) = series.Windows(trainTargets, o.Window, mean, std);
    var (xVal, yVal) = series.Windows(valTargets, o.Window, mean, std);
    Console.WriteLine($"Series '{series.Name}': {values.Count} values ({series.Times[0]} … {series.Times[^1]}); train targets {series.Times[o.Window]} … " +
        $"{series.Times[split - 1]} ({trainTargets.Length} windows), validation targets {series.Times[split]} … {series.Times[^1]} ({valTargets.Length} windows)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scaling: mean {mean:0.###}, std {std:0.###} (training part)"));
    Console.WriteLine();

    // Build the model: LSTM(units) → Dense(1).
    var model = Applications.Rnn.SequenceRegressor(timesteps: o.Window, features: 1, units: [o.Units], cell: "lstm", name: "forecaster");
    model.Summary();

    // Train the model on the training years, validating on the last 20% (no shuffling across the split).
    model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationData: (xVal, yVal), verbose: 2,
        callbacks: [run.Clock]);

    // Evaluate in the series' units against the naive forecast "next = last value".
    var predicted = model.Predict(xVal, verbose: 0).ToArray<float>().Select(p => (p * std) + mean).ToArray();
    var truth = valTargets.Select(t => values[t]).ToArray();
    var naive = valTargets.Select(t => values[t - 1]).ToArray();
    var valMae = truth.Zip(predicted, (a, b) => Math.Abs(a - b)).Average();
    var naiveMae = truth.Zip(naive, (a, b) => Math.Abs(a - b)).Average();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation MAE: {valMae:0.###} (naive last-value forecast: {naiveMae:0.###})"));

    var years = valTargets.Select(t => double.TryParse(series.Times[t], NumberStyles.Float, CultureInfo.InvariantCulture, out var year) ? year : t).ToArray();
    run.Save("forecast.png", path => Plots.Line(years,
        new Dictionary<string, IReadOnlyList<double>> { ["truth"] = truth, ["LSTM prediction"] = predicted, ["naive (last value)"] = naive },
        path, title: $"{series.Name}: next-step forecast on the validation years", xLabel: "time", yLabel: series.Name));
    run.Save("training_curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("val_mae", valMae), ("naive_mae", naiveMae), ("series", series.Name));
}, usageNote:
    "  series: statsmodels' data files from Debian's python3-statsmodels (apt-get install python3-statsmodels),\n" +
    "          or --csv FILE: a header line, then rows whose last column is the value (time order).");
