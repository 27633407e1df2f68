using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>Each user mistake gets a message that names what was expected and what was received.</summary>
public class BadInputTests
{
    private static Sequential Compiled()
    {
        var model = new Sequential(new Dense(4, inputShape: 784, name: "dense_in"), new Dense(2, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        return model;
    }

    [Fact]
    public void Fit_WrongInputWidth_NamesLayerExpectedAndReceivedShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Compiled().Fit(zeros(32, 100), zeros(32, dtype: int64), verbose: 0));
        Assert.Equal(
            "Input 0 of layer \"dense_in\" is incompatible with the layer: expected axis -1 of input shape to have value 784, " +
            "but received input with shape (32, 100)", ex.Message);
    }

    [Fact]
    public void Fit_LengthMismatch_ListsTheSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Compiled().Fit(zeros(10, 784), zeros(8, dtype: int64), verbose: 0));
        Assert.Contains("make sure all arrays contain the same number of samples", ex.Message);
        Assert.Contains("x: 10, y: 8", ex.Message);
    }

    [Fact]
    public void Fit_BeforeCompile_SaysToCallCompile()
    {
        var model = new Sequential(new Dense(2, inputShape: 3));
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(zeros(4, 3), zeros(4, 2)));
        Assert.Equal("You must call `Compile()` before using the model in `fit()`.", ex.Message);
    }

    [Fact]
    public void Compile_UnknownLoss_ListsKnownNames()
    {
        var model = new Sequential(new Dense(2, inputShape: 3));
        var ex = Assert.Throws<ArgumentException>(() => model.Compile(optimizer: "adam", loss: "mean_squarred_error"));
        Assert.Contains("Could not interpret loss identifier: 'mean_squarred_error'", ex.Message);
        Assert.Contains("mean_squared_error", ex.Message);
    }

    [Fact]
    public void Compile_UnknownOptimizer_ListsKnownNames()
    {
        var model = new Sequential(new Dense(2, inputShape: 3));
        var ex = Assert.Throws<ArgumentException>(() => model.Compile(optimizer: "adamm", loss: "mse"));
        Assert.Contains("Could not interpret optimizer identifier: 'adamm'", ex.Message);
        Assert.Contains("adam", ex.Message);
    }

    [Fact]
    public void Dense_UnknownActivation_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dense(2, activation: "rellu"));
        Assert.Contains("Could not interpret activation function identifier: 'rellu'", ex.Message);
        Assert.Contains("relu", ex.Message);
    }

    [Fact]
    public void Dense_NonPositiveUnits_NamesTheArgument()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(0));
        Assert.Equal("units", ex.ParamName);
        Assert.Contains("expected a positive integer. Received: units=0", ex.Message);
    }

    [Fact]
    public void Fit_EmptyData_SaysExpectedAtLeastOneSample()
    {
        var ex = Assert.Throws<ArgumentException>(() => Compiled().Fit(zeros(0, 784), zeros(0, dtype: int64), verbose: 0));
        Assert.Contains("`x` is empty (0 samples)", ex.Message);
    }

    [Fact]
    public void Fit_NaNInX_NamesArrayAndFirstBadIndex()
    {
        var x = zeros(5, 784);
        x[3, 17] = tensor(float.NaN);
        var ex = Assert.Throws<ArgumentException>(() => Compiled().Fit(x, zeros(5, dtype: int64), verbose: 0));
        Assert.Contains("`x` contains NaN at index [3, 17]", ex.Message);
    }

    [Fact]
    public void Fit_InfInY_NamesArrayAndFirstBadIndex()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var y = zeros(6, 1);
        y[4, 0] = tensor(float.PositiveInfinity);
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(zeros(6, 2), y, verbose: 0));
        Assert.Contains("`y` contains Inf at index [4, 0]", ex.Message);
    }

    [Fact]
    public void Fit_LargeFiniteValuesWhoseSumOverflows_AreAccepted()
    {
        // 2 × 3e38 overflows float32 (max 3.4e38) when summed; every value is finite, so Fit must not refuse the data.
        var model = new Sequential(new Dense(1, inputShape: 2, kernelInitializer: "zeros"));
        model.Compile(optimizer: "sgd", loss: "mse");
        var y = full(4, 1, 3e38f);
        var history = model.Fit(zeros(4, 2), y, epochs: 1, verbose: 0);
        Assert.Single(history["loss"]);
    }

    [Fact]
    public void Fit_NegativeInfinityAmongLargeValues_NamesIt()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var x = full(3, 2, 3e38f);
        x[2, 1] = tensor(float.NegativeInfinity);
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(x, zeros(3, 1), verbose: 0));
        Assert.Contains("`x` contains Inf at index [2, 1]", ex.Message);
    }

    [Fact]
    public void Fit_BadArguments_NameTheArgument()
    {
        var m = Compiled();
        var x = zeros(4, 784);
        var y = zeros(4, dtype: int64);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => m.Fit(x, y, batchSize: 0)).ParamName);
        Assert.Equal("validationSplit", Assert.Throws<ArgumentOutOfRangeException>(() => m.Fit(x, y, validationSplit: 1.5)).ParamName);
        Assert.Equal("verbose", Assert.Throws<ArgumentOutOfRangeException>(() => m.Fit(x, y, verbose: 3)).ParamName);
    }

    [Fact]
    public void Predict_WrongRank_NamesLayer()
    {
        var ex = Assert.Throws<ArgumentException>(() => Compiled().Predict(zeros(3)));
        Assert.Contains("layer \"dense_in\"", ex.Message);
    }
}
