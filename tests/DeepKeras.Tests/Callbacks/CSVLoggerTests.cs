using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public sealed class CSVLoggerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"deepkeras-csv-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    private static (Sequential Model, Tensor X, Tensor Y) Regression()
    {
        Keras.Utils.SetRandomSeed(5);
        var x = randn(40, 3);
        var y = x.sum(1, keepdim: true);
        var model = new Sequential(new Dense(1, inputShape: 3));
        model.Compile(optimizer: "sgd", loss: "mse");
        return (model, x, y);
    }

    [Fact]
    public void WithValidation_HeaderAndRowsInKerasFormat()
    {
        var (model, x, y) = Regression();
        var history = model.Fit(x, y, epochs: 2, verbose: 0, validationData: (x, y), callbacks: [new CSVLogger(_path)]);
        var text = File.ReadAllText(_path);
        var f = (Func<double, string>)PythonFormat.Float;
        Assert.Equal(
            "epoch,loss,val_loss\r\n" +
            $"0,{f(history["loss"][0])},{f(history["val_loss"][0])}\r\n" +
            $"1,{f(history["loss"][1])},{f(history["val_loss"][1])}\r\n",
            text);
        // Values round-trip exactly, as Python's repr does.
        var row = text.Split("\r\n")[1].Split(',');
        Assert.Equal(history["loss"][0], double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithoutValidation_AddsValColumnsFilledWithNA()
    {
        var (model, x, y) = Regression();
        var history = model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CSVLogger(_path)]);
        Assert.Equal($"epoch,loss,val_loss\r\n0,{PythonFormat.Float(history["loss"][0])},NA\r\n", File.ReadAllText(_path));
    }

    [Fact]
    public void Append_KeepsOneHeader_OverwriteReplaces()
    {
        var (model, x, y) = Regression();
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new CSVLogger(_path, append: true)]);
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new CSVLogger(_path, append: true)]);
        var lines = File.ReadAllText(_path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("epoch,loss,val_loss", lines[0]);
        Assert.Equal(["0", "1", "0", "1"], lines.Skip(1).Select(l => l.Split(',')[0]));

        model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CSVLogger(_path)]);
        Assert.Equal(2, File.ReadAllText(_path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Separator_AndSortedMetricKeys()
    {
        var (x, y) = TestData.Blobs(n: 60, features: 4, classes: 3);
        var model = new Sequential(new Dense(3, activation: "softmax", inputShape: 4));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, epochs: 1, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(_path, separator: ";")]);
        var lines = File.ReadAllText(_path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch;accuracy;loss;val_accuracy;val_loss", lines[0]);
        Assert.Equal(5, lines[1].Split(';').Length);
        Assert.StartsWith("0;", lines[1]);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.6931471824645996, "0.6931471824645996")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(100.0, "100.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void PythonFloatRepr(double value, string expected) => Assert.Equal(expected, PythonFormat.Float(value));
}
