using DeepKeras.Layers;
using DeepKeras.Models;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class TimeDistributedTests
{
    [Fact]
    public void TimeDistributedDense_AppliesTheSameDenseToEveryStep()
    {
        Keras.Utils.SetRandomSeed(13);
        var dense = new Dense(3);
        var td = new TimeDistributed(dense);
        var x = T(Pattern(2 * 4 * 5, 1.0, 6), 2, 4, 5);
        var y = td.Apply(x);

        Assert.Equal([2L, 4, 3], y.shape);
        Assert.Equal(5 * 3 + 3, td.CountParams());
        var kernel = RnnTestUtil.Values(dense.Kernel!.Value);
        var bias = RnnTestUtil.Values(dense.Bias!.Value);
        var xs = RnnTestUtil.Values(x);
        var expected = new List<double>();
        for (var row = 0; row < 2 * 4; row++)
        {
            for (var j = 0; j < 3; j++)
            {
                var sum = (double)bias[j];
                for (var i = 0; i < 5; i++)
                {
                    sum += xs[row * 5 + i] * kernel[i * 3 + j];
                }

                expected.Add(sum);
            }
        }

        AllNear(expected, RnnTestUtil.Values(y), what: "y");
    }

    [Fact]
    public void InSequential_AfterLstm_GivesPerStepOutputShape()
    {
        var model = new Sequential(
            new LSTM(6, returnSequences: true, inputShape: (7, 2)),
            new TimeDistributed(new Dense(4, activation: "softmax")));

        Assert.Equal(new Shape(null, 7, 4), model.ComputeOutputShape(new Shape(null, 7, 2)));
        var y = model.Forward([randn(3, 7, 2)], false)[0];
        Assert.Equal([3L, 7, 4], y.shape);
        AllClose(ones(3, 7), y.sum(-1), what: "softmax per step");
    }

    [Fact]
    public void Rank2Input_ThrowsKerasMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimeDistributed(new Dense(2)).Apply(zeros(3, 4)));
        Assert.Contains("at least 3 dimensions", error.Message);
    }
}
