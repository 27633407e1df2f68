using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>The tensors a model call makes from the caller's arrays are freed when it returns; the caller's own are not.</summary>
public sealed class ConvertedDataTests
{
    [Fact]
    public void Dispose_FreesConversionsAndDerivedTensors_AndTheValueConvertsAgainOnItsNextUse()
    {
        Keras.Backend.EnsureInitialized();
        ArrayLike data = new float[,] { { 1, 2 }, { 3, 4 } };
        var converted = new ConvertedData();
        converted.Source(data);
        var first = data.ToTensors("x")[0];
        var derived = first.to(float64);
        converted.Made([first, derived, null]);

        converted.Dispose();

        Assert.True(first.IsInvalid);
        Assert.True(derived.IsInvalid);
        var again = data.ToTensors("x")[0];
        Assert.False(again.IsInvalid);
        Assert.Equal([1f, 2f, 3f, 4f], again.data<float>().ToArray());
    }

    [Fact]
    public void Dispose_LeavesTheCallersTensors_GivenAloneInListsOrByName()
    {
        Keras.Backend.EnsureInitialized();
        var alone = ones(2, 2);
        var listed = ones(2, 3);
        var named = ones(2, 4);
        ArrayLike[] values = [alone, new[] { listed }, new Dictionary<string, Tensor> { ["a"] = named }];
        var converted = new ConvertedData();
        foreach (var value in values)
        {
            converted.Source(value);
            converted.Made(value.ToTensors("x"));
        }

        converted.Dispose();

        Assert.False(alone.IsInvalid);
        Assert.False(listed.IsInvalid);
        Assert.False(named.IsInvalid);
        Assert.Equal(8f, named.sum().item<float>());
    }

    [Fact]
    public void FitEvaluatePredict_OnTheCallersTensors_LeaveThemUsable_AndOneArrayLikeServesSeveralCalls()
    {
        Keras.Utils.SetRandomSeed(2);
        using var model = new Sequential(new InputLayer(new Shape(3)), new Dense(2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var x = rand(16, 3);
        var y = rand(16, 2);
        var xCopy = x.clone();

        model.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0, validationSplit: 0.25);
        model.Evaluate(x, y, verbose: 0);
        model.TrainOnBatch(x, y);
        var viaTensor = model.Predict(x, verbose: 0);

        Assert.False(x.IsInvalid);
        Assert.False(y.IsInvalid);
        Assert.True(x.equal(xCopy).all().item<bool>());

        // The same value given twice: the first call frees its conversion, the second converts again.
        ArrayLike asArray = x.data<float>().ToArray() is var flat ? np.array(flat).reshape(16, 3) : null!;
        var once = model.Predict(asArray, verbose: 0);
        var twice = model.Predict(asArray, verbose: 0);
        Assert.Equal(viaTensor.ToArray<float>(), once.ToArray<float>());
        Assert.Equal(once.ToArray<float>(), twice.ToArray<float>());
    }

    [Fact]
    public void Fit_OnASequenceThatYieldsTheSameArraysAgain_TrainsAsOnFreshOnes()
    {
        var x = np.array(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }).reshape(4, 2);
        var y = np.array(new float[] { 1, 0, 1, 0 }).reshape(4, 1);
        (ArrayLike, ArrayLike?) shared = (x, y);
        var reused = Enumerable.Repeat(shared, 3).ToList();
        var fresh = Enumerable.Range(0, 3).Select(_ => ((ArrayLike)x, (ArrayLike?)y));

        double[] Losses(IEnumerable<(ArrayLike, ArrayLike?)> batches)
        {
            Keras.Utils.SetRandomSeed(4);
            using var model = new Sequential(new InputLayer(new Shape(2)), new Dense(1));
            model.Compile(optimizer: "sgd", loss: "mse");
            return [.. model.Fit(batches, epochs: 2, verbose: 0)["loss"]];
        }

        Assert.Equal(Losses(fresh), Losses(reused));
    }
}
