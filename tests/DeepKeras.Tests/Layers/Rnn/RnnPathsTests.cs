using DeepKeras.Activations;
using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>The fused libtorch kernel and the step loop compute the same function for every layer option.</summary>
public class RnnPathsTests
{
    private static ActivationFunction ByHand(string name) =>
        ActivationFunction.FromDelegate(ActivationFunction.Get(name).Call, name + "_by_hand");

    public static TheoryData<string, bool> Cases => new()
    {
        { "lstm", true }, { "lstm", false }, { "gru", true }, { "gru", false }, { "simple_rnn", true }, { "simple_rnn", false },
    };

    private static (RnnBase Fused, RnnBase Loop) Make(string kind, bool useBias) => kind switch
    {
        "lstm" => (new LSTM(4, useBias: useBias, returnSequences: true, returnState: true),
            new LSTM(4, activation: ByHand("tanh"), useBias: useBias, returnSequences: true, returnState: true)),
        "gru" => (new GRU(4, useBias: useBias, returnSequences: true, returnState: true),
            new GRU(4, recurrentActivation: ByHand("sigmoid"), useBias: useBias, returnSequences: true, returnState: true)),
        _ => (new SimpleRNN(4, activation: "relu", useBias: useBias, returnSequences: true, returnState: true),
            new SimpleRNN(4, activation: ByHand("relu"), useBias: useBias, returnSequences: true, returnState: true)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedKernel_EqualsStepLoop_WithAndWithoutBias(string kind, bool useBias)
    {
        Keras.Utils.SetRandomSeed(31);
        var (fused, loop) = Make(kind, useBias);
        var x = randn(3, 5, 2);
        fused.Apply(x);
        loop.Apply(x);
        for (var i = 0; i < fused.Weights.Count; i++)
        {
            loop.Weights[i].Assign(fused.Weights[i].Value + 0.1 * randn(fused.Weights[i].Value.shape));
            fused.Weights[i].Assign(loop.Weights[i].Value);
        }

        var a = fused.ApplyAll([x]);
        var b = loop.ApplyAll([x]);

        Assert.Equal(b.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            AllClose(b[i], a[i], what: $"{kind} output {i}");
        }
    }
}
