using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class CategoricalCrossentropyTests
{
    private static readonly float[,] Y = { { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly float[,] P = { { 0.05f, 0.95f, 0 }, { 0.1f, 0.8f, 0.1f } };

    [Fact]
    public void Call_KerasDocstring_MatchesEachReduction()
    {
        // per sample -log 0.95 = 0.0513 and -log 0.1 = 2.3026
        double a = -Math.Log(0.95), b = -Math.Log(0.1);
        Near((a + b) / 2, new CategoricalCrossentropy().Call(T(Y), T(P)));
        Near((0.3 * a + 0.7 * b) / 2, new CategoricalCrossentropy().Call(T(Y), T(P), T(0.3f, 0.7f)));
        Near(a + b, new CategoricalCrossentropy(reduction: Reduction.Sum).Call(T(Y), T(P)));
        Near([a, b], new CategoricalCrossentropy(reduction: Reduction.None).Call(T(Y), T(P)));
        Near(1.177, new CategoricalCrossentropy().Call(T(Y), T(P)), 1e-3);
    }

    [Fact]
    public void Call_LogitsAndTheirSoftmax_GiveTheSameLoss()
    {
        var logits = T(new float[,] { { 1.0f, 2.0f, 0.5f }, { -1.0f, 0.0f, 3.0f } });
        var fromLogits = Scalar(new CategoricalCrossentropy(fromLogits: true).Call(T(Y), logits));
        Near(fromLogits, new CategoricalCrossentropy().Call(T(Y), logits.softmax(-1)));
    }

    [Fact]
    public void Call_LabelSmoothing_SpreadsSOverClasses()
    {
        // s = 0.1, C = 3: targets y·0.9 + 0.1/3; the 0 probability is clipped to ε
        double off = 0.1 / 3, on = 0.9 + 0.1 / 3;
        var row1 = -(off * Math.Log(0.05) + on * Math.Log(0.95) + off * Math.Log(Eps));
        var row2 = -(off * Math.Log(0.1) + off * Math.Log(0.8) + on * Math.Log(0.1));
        Near((row1 + row2) / 2, new CategoricalCrossentropy(labelSmoothing: 0.1).Call(T(Y), T(P)), 1e-4);
    }

    [Fact]
    public void Function_UnnormalizedProbabilities_AreRenormalized()
    {
        // [1, 1, 2] / 4 → p(class 2) = 0.5 → -log 0.5
        Near([Math.Log(2)], LossFunctions.CategoricalCrossentropy(T(new float[,] { { 0, 0, 1 } }), T(new float[,] { { 1, 1, 2 } })));
    }

    [Fact]
    public void Call_ExtremeInputs_AreFinite()
    {
        // probability 0 on the true class → -log ε; logits ±100 → 100 - (-100) = 200
        Near([-Math.Log(Eps)], LossFunctions.CategoricalCrossentropy(T(new float[,] { { 1, 0 } }), T(new float[,] { { 0, 1 } })), 1e-4);
        Near([200], LossFunctions.CategoricalCrossentropy(T(new float[,] { { 1, 0, 0 } }), T(new float[,] { { -100, 100, 0 } }), fromLogits: true), 1e-3);
        Near([0], LossFunctions.CategoricalCrossentropy(T(new float[,] { { 0, 1, 0 } }), T(new float[,] { { -100, 100, 0 } }), fromLogits: true), 1e-4);
    }

    [Fact]
    public void Call_IntegerLabels_PointsToSparseLoss()
    {
        var e = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Call(T(1f, 2f), T(P)));
        Assert.Contains("sparse_categorical_crossentropy", e.Message);
    }
}
