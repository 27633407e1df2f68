using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class SparseCategoricalCrossentropyTests
{
    private static readonly float[,] P = { { 0.05f, 0.95f, 0 }, { 0.1f, 0.8f, 0.1f } };
    private static readonly double A = -Math.Log(0.95);
    private static readonly double B = -Math.Log(0.1);

    [Fact]
    public void Call_KerasDocstring_MatchesEachReduction()
    {
        Near((A + B) / 2, new SparseCategoricalCrossentropy().Call(L(1, 2), T(P)));
        Near((0.3 * A + 0.7 * B) / 2, new SparseCategoricalCrossentropy().Call(L(1, 2), T(P), T(0.3f, 0.7f)));
        Near(A + B, new SparseCategoricalCrossentropy(reduction: Reduction.Sum).Call(L(1, 2), T(P)));
        Near([A, B], new SparseCategoricalCrossentropy(reduction: Reduction.None).Call(L(1, 2), T(P)));
    }

    [Fact]
    public void Call_LabelsWithTrailingOne_AreAccepted()
    {
        Near((A + B) / 2, new SparseCategoricalCrossentropy().Call(L(new long[,] { { 1 }, { 2 } }), T(P)));
    }

    [Fact]
    public void Call_LogitsAndTheirSoftmax_GiveTheSameLoss()
    {
        var logits = T(new float[,] { { 1.0f, 2.0f, 0.5f }, { -1.0f, 0.0f, 3.0f } });
        var fromLogits = Scalar(new SparseCategoricalCrossentropy(fromLogits: true).Call(L(0, 2), logits));
        Near(fromLogits, new SparseCategoricalCrossentropy().Call(L(0, 2), logits.softmax(-1)));
    }

    [Fact]
    public void Call_IgnoreClass_AveragesOverTheOtherEntriesOnly()
    {
        // label -1 is ignored: the mean is over the one valid entry (Keras masks it out of the divisor)
        var loss = new SparseCategoricalCrossentropy(ignoreClass: -1);
        Near(A, loss.Call(L(1, -1), T(P)));
        Near(A, new SparseCategoricalCrossentropy(ignoreClass: -1, reduction: Reduction.Sum).Call(L(1, -1), T(P)));
        Near([A, 0], new SparseCategoricalCrossentropy(ignoreClass: -1, reduction: Reduction.None).Call(L(1, -1), T(P)));
    }

    [Fact]
    public void Call_SequenceLabels_GiveOneValuePerStep()
    {
        // (1, 2) labels against (1, 2, 3) probabilities: per step -log p[label]
        var p = TorchSharp.torch.tensor(new float[] { 0.2f, 0.5f, 0.3f, 0.6f, 0.3f, 0.1f }).reshape(1, 2, 3);
        var values = new SparseCategoricalCrossentropy(reduction: Reduction.None).Call(L(new long[,] { { 1, 0 } }), p);
        Near([-Math.Log(0.5), -Math.Log(0.6)], values);
    }

    [Fact]
    public void Call_IgnoreClassOnSequences_WithPerSampleWeights()
    {
        // labels (2, 2) with padding 0 ignored; probabilities (2, 2, 3); sample weights [1, 3] per sequence
        // valid steps: (0,0) label 1 → -log 0.5, (1,0) label 2 → -log 0.1, (1,1) label 1 → -log 0.7
        // weighted sum = -log 0.5 + 3·(-log 0.1 - log 0.7), mean over the 3 valid steps
        var p = TorchSharp.torch.tensor(new float[] { 0.2f, 0.5f, 0.3f, 0.6f, 0.3f, 0.1f, 0.4f, 0.5f, 0.1f, 0.1f, 0.7f, 0.2f }).reshape(2, 2, 3);
        var loss = new SparseCategoricalCrossentropy(ignoreClass: 0).Call(L(new long[,] { { 1, 0 }, { 2, 1 } }), p, T(1f, 3f));
        Near((-Math.Log(0.5) + 3 * (-Math.Log(0.1) - Math.Log(0.7))) / 3, loss);
    }

    [Fact]
    public void Call_ExtremeInputs_AreFinite()
    {
        Near([-Math.Log(Eps)], LossFunctions.SparseCategoricalCrossentropy(L(0), T(new float[,] { { 0, 1 } })), 1e-4);
        Near([200], LossFunctions.SparseCategoricalCrossentropy(L(0), T(new float[,] { { -100, 100, 0 } }), fromLogits: true), 1e-3);
    }

    [Fact]
    public void Call_LabelOutOfRange_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Call(L(1, 7), T(P)));
        Assert.Contains("outside [0, 3)", e.Message);
    }

    [Fact]
    public void Call_OneHotTargets_PointToCategoricalLoss()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Call(T(new float[,] { { 0, 1, 0 }, { 0, 0, 1 } }), T(P)));
        Assert.Contains("\"categorical_crossentropy\"", e.Message);
    }
}
