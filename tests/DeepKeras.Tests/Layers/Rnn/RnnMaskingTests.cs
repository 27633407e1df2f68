using DeepKeras.Layers;
using DeepKeras.Models;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>Masks from Embedding(maskZero)/Masking flow through models into RNNs, which skip padded steps.</summary>
public class RnnMaskingTests
{
    private static readonly long[][] Sequences = [[3, 5, 2], [7, 1], [4, 4, 4, 9], [6]];

    private static Tensor Padded(bool pre)
    {
        var len = Sequences.Max(s => s.Length);
        var rows = Sequences.Select(s =>
        {
            var pad = new long[len - s.Length];
            return pre ? [.. pad, .. s] : s.Concat(pad).ToArray();
        });
        return tensor(rows.SelectMany(r => r).ToArray(), [Sequences.Length, len]);
    }

    private static Tensor One(long[] s) => tensor(s, [1, s.Length]);

    public static TheoryData<string, bool> Cases => new()
    {
        { "lstm", false }, { "lstm", true }, { "gru", false }, { "gru", true }, { "simple_rnn", false },
        { "bidirectional", false }, { "bidirectional", true },
    };

    private static Layer MakeRnn(string kind) => kind switch
    {
        "lstm" => new LSTM(4),
        "gru" => new GRU(4),
        "simple_rnn" => new SimpleRNN(4),
        _ => new Bidirectional(new LSTM(3)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PaddedBatch_GivesTheSameFinalOutputsAsEachSequenceAlone(string kind, bool prePadding)
    {
        Keras.Utils.SetRandomSeed(1);
        var model = new Sequential(new Embedding(10, 5, maskZero: true), MakeRnn(kind));
        var batch = model.Forward([Padded(prePadding)], false)[0];

        for (var i = 0; i < Sequences.Length; i++)
        {
            var alone = model.Forward([One(Sequences[i])], false)[0];
            AllClose(alone[0], batch[i], what: $"{kind} sequence {i}");
        }
    }

    [Fact]
    public void ReturnSequences_MaskedStepsRepeatThePreviousOutput_AndTheMaskFlowsOn()
    {
        Keras.Utils.SetRandomSeed(2);
        var lstm = new LSTM(3, returnSequences: true);
        var embedding = new Embedding(10, 4, maskZero: true);
        var ids = tensor(new long[] { 0, 3, 5, 0, 2, 0 }, [1, 6]);
        var (vectors, mask) = embedding.Invoke([ids], null, false);
        var (outputs, outMask) = lstm.Invoke(vectors, mask, false);
        var y = outputs[0][0];

        AllClose(zeros(3), y[0], what: "leading masked step (no output yet)");
        AllClose(y[2], y[3], what: "masked step 3 repeats step 2");
        AllClose(y[4], y[5], what: "masked step 5 repeats step 4");
        Assert.Equal(Values(mask!.to_type(ScalarType.Float32)), Values(outMask!.to_type(ScalarType.Float32)));

        var alone = lstm.Apply(embedding.Apply(tensor(new long[] { 3, 5, 2 }, [1, 3])))[0];
        AllClose(alone[1], y[2], what: "unmasked steps see only real tokens");
        AllClose(alone[2], y[4], what: "unmasked steps see only real tokens");
    }

    [Fact]
    public void BidirectionalReturnSequences_MaskedStepsOutputZeros()
    {
        Keras.Utils.SetRandomSeed(4);
        var model = new Sequential(new Embedding(10, 4, maskZero: true), new Bidirectional(new GRU(2, returnSequences: true)));
        var y = model.Forward([tensor(new long[] { 4, 8, 0, 0 }, [1, 4])], false)[0][0];

        AllClose(zeros(2, 4), y[TensorIndex.Slice(2, 4)], what: "masked steps");
        Assert.True(Values(y[0].abs().sum()).Single() > 1e-4);
    }

    [Fact]
    public void MaskingLayer_InFunctionalModel_MakesTheGruSkipAllZeroSteps()
    {
        Keras.Utils.SetRandomSeed(5);
        var inputs = Keras.Input(shape: new Shape(null, 3));
        var masked = new Masking(0.0).Apply(inputs);
        var gru = new GRU(4);
        var model = new Functional(inputs, gru.Apply(masked));
        var x = T(Pattern(2 * 3, 1.0, 9), 1, 2, 3);
        var padded = cat([zeros(1, 1, 3), x[TensorIndex.Colon, TensorIndex.Slice(0, 1)], zeros(1, 2, 3), x[TensorIndex.Colon, TensorIndex.Slice(1, 2)]], 1);

        AllClose(model.Forward([x], false)[0], model.Forward([padded], false)[0], what: "gaps skipped");
    }

    [Fact]
    public void DenseBetweenEmbeddingAndLstm_PassesTheMaskOn()
    {
        Keras.Utils.SetRandomSeed(6);
        var model = new Sequential(new Embedding(10, 4, maskZero: true), new Dense(5), new LSTM(3));
        var padded = model.Forward([tensor(new long[] { 2, 7, 0, 0 }, [1, 4])], false)[0];
        var alone = model.Forward([tensor(new long[] { 2, 7 }, [1, 2])], false)[0];

        AllClose(alone, padded, what: "padding after a Dense layer");
    }
}
