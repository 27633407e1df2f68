using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using NumSharp;

namespace DeepKeras.Tests.Training;

public class ArrayLikeTests
{
    [Fact]
    public void DotNetArrays_ConvertWithShapeAndValues()
    {
        var t = ((ArrayLike)new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }).ToTensors("x")[0];
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(6f, t[1, 2].item<float>());

        var images = new byte[2, 2, 2];
        images[1, 0, 1] = 255;
        var b = ((ArrayLike)images).ToTensors("x")[0];
        Assert.Equal(TorchSharp.torch.ScalarType.Byte, b.dtype);
        Assert.Equal(255, b[1, 0, 1].item<byte>());

        var labels = ((ArrayLike)new[] { 3, 1 }).ToTensors("y")[0];
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, labels.dtype);
        Assert.Equal(3L, labels[0].item<long>());
    }

    [Fact]
    public void JaggedArray_IsReadAsRows_AndRaggedRowsAreRejected()
    {
        var t = ((ArrayLike)new[] { new float[] { 1, 2 }, new float[] { 3, 4 } }).ToTensors("x")[0];
        Assert.Equal(new long[] { 2, 2 }, t.shape);
        var ex = Assert.Throws<ArgumentException>(() => ((ArrayLike)new[] { new float[] { 1, 2 }, new float[] { 3 } }).ToTensors("x"));
        Assert.Contains("row 0 has 2 values, row 1 has 1", ex.Message);
    }

    [Fact]
    public void NDArray_ConvertsWithDtype()
    {
        var nd = np.arange(6).reshape(2, 3).astype(np.float32) / 2f;
        var t = ((ArrayLike)nd).ToTensors("x")[0];
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(2.5f, t[1, 2].item<float>());
    }

    [Fact]
    public void Fit_AcceptsDotNetArraysAndNDArrays()
    {
        // y = x0 + x1 learned by a linear unit from .NET arrays, then predicted from an NDArray.
        Keras.Utils.SetRandomSeed(0);
        var rng = new Random(0);
        var x = new float[64, 2];
        var y = new float[64, 1];
        for (var i = 0; i < 64; i++)
        {
            x[i, 0] = (float)rng.NextDouble();
            x[i, 1] = (float)rng.NextDouble();
            y[i, 0] = x[i, 0] + x[i, 1];
        }

        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.2), loss: "mse");
        var h = model.Fit(x, y, epochs: 60, batchSize: 16, verbose: 0);
        Assert.True(h["loss"][^1] < 1e-3, $"loss {h["loss"][^1]}");
        var p = model.Predict(np.array(new float[,] { { 0.25f, 0.5f } }));
        Assert.Equal(0.75f, p.GetSingle(0, 0), 1);
    }
}
