using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class StatefulRnnTests
{
    private static (LSTM Stateful, LSTM Plain) Pair()
    {
        Keras.Utils.SetRandomSeed(11);
        var plain = new LSTM(3);
        var stateful = new LSTM(3, stateful: true);
        plain.Apply(zeros(2, 1, 4));
        stateful.MaybeBuild([new Shape(null, 1, 4)]);
        for (var i = 0; i < plain.Weights.Count; i++)
        {
            stateful.Weights[i].Assign(plain.Weights[i].Value);
        }

        return (stateful, plain);
    }

    [Fact]
    public void Stateful_CarriesStatesAcrossCalls_UntilResetStates()
    {
        var (stateful, plain) = Pair();
        var x = T(Pattern(2 * 6 * 4, 1.0, 2), 2, 6, 4);
        var first = x[TensorIndex.Colon, TensorIndex.Slice(0, 3)];
        var second = x[TensorIndex.Colon, TensorIndex.Slice(3, 6)];

        stateful.Apply(first);
        var continued = stateful.Apply(second);
        AllClose(plain.Apply(x), continued, what: "two calls = one long sequence");
        Assert.Equal(2, stateful.States!.Count);
        AllClose(continued, stateful.States[0], what: "kept h is the last output");

        stateful.ResetStates();
        Assert.Equal(2, stateful.States!.Count);
        Assert.All(stateful.States, s => Assert.Equal([2L, 3L], s.shape));
        Assert.All(stateful.States, s => Assert.Equal(0f, s.abs().max().item<float>()));
        AllClose(plain.Apply(second), stateful.Apply(second), what: "after reset the sequence starts from zeros");
    }

    [Fact]
    public void Stateful_AnotherBatchSize_ThrowsAClearError()
    {
        var (stateful, _) = Pair();
        stateful.Apply(zeros(2, 3, 4));

        var error = Assert.Throws<ArgumentException>(() => stateful.Apply(zeros(5, 3, 4)));
        Assert.Contains("holds states for batches of 2 samples, but it received a batch of 5", error.Message);
    }

    [Fact]
    public void StatefulBidirectional_ResetStatesResetsBothDirections()
    {
        Keras.Utils.SetRandomSeed(12);
        var bi = new Bidirectional(new GRU(2, stateful: true));
        var x = T(Pattern(1 * 3 * 2, 1.0, 4), 1, 3, 2);
        var fresh = bi.Apply(x);
        var carried = bi.Apply(x);
        bi.ResetStates();
        var reset = bi.Apply(x);

        Assert.True(Values((carried - fresh).abs().max()).Single() > 1e-5, "the second call starts from carried states");
        AllClose(fresh, reset, what: "after reset");
        Assert.Throws<InvalidOperationException>(() => new Bidirectional(new GRU(2)).ResetStates());
    }
}
