using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class BinaryCrossentropyTests
{
    private static readonly float[,] Y = { { 0, 1 }, { 0, 0 } };
    private static readonly float[,] Logits = { { -18.6f, 0.51f }, { 2.94f, -12.8f } };

    /// <summary>Stable BCE from a logit: max(x,0) − x·y + log(1 + e^−|x|).</summary>
    private static double FromLogit(double x, double y) => Math.Max(x, 0) - x * y + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static double FromProbability(double p, double y) => -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));

    [Fact]
    public void Function_KerasDocstringProbabilities_Are0_916And0_714()
    {
        // row 1: (-log 0.4 - log 0.4)/2; row 2: (-log 0.6 - log 0.4)/2
        var values = LossFunctions.BinaryCrossentropy(T(Y), T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } }));
        Near([-Math.Log(0.4), -(Math.Log(0.6) + Math.Log(0.4)) / 2], values);
    }

    [Fact]
    public void Call_KerasDocstringLogits_MatchesEachReduction()
    {
        var row1 = (FromLogit(-18.6, 0) + FromLogit(0.51, 1)) / 2;
        var row2 = (FromLogit(2.94, 0) + FromLogit(-12.8, 0)) / 2;
        Near((row1 + row2) / 2, new BinaryCrossentropy(fromLogits: true).Call(T(Y), T(Logits)));
        Near(0.8654, new BinaryCrossentropy(fromLogits: true).Call(T(Y), T(Logits)), 1e-4);
        Near((0.8 * row1 + 0.2 * row2) / 2, new BinaryCrossentropy(fromLogits: true).Call(T(Y), T(Logits), T(0.8f, 0.2f)));
        Near(row1 + row2, new BinaryCrossentropy(fromLogits: true, reduction: Reduction.Sum).Call(T(Y), T(Logits)));
        Near([row1, row2], new BinaryCrossentropy(fromLogits: true, reduction: Reduction.None).Call(T(Y), T(Logits)));
    }

    [Fact]
    public void Call_LogitsAndTheirSigmoid_GiveTheSameLoss()
    {
        var y = T(new float[,] { { 1, 0 }, { 0, 1 } });
        var logits = T(new float[,] { { 0.5f, -1.2f }, { 2.0f, 0.3f } });
        var fromLogits = Scalar(new BinaryCrossentropy(fromLogits: true).Call(y, logits));
        Near(fromLogits, new BinaryCrossentropy().Call(y, logits.sigmoid()));
    }

    [Fact]
    public void Call_LabelSmoothing_MovesTargetsTowardHalf()
    {
        // s = 0.2: y = [0, 1] → [0.1, 0.9]
        var expected = (FromProbability(0.3, 0.1) + FromProbability(0.8, 0.9)) / 2;
        Near(expected, new BinaryCrossentropy(labelSmoothing: 0.2).Call(T(new float[,] { { 0, 1 } }), T(new float[,] { { 0.3f, 0.8f } })));
    }

    [Fact]
    public void Call_ProbabilitiesZeroAndOne_AreClippedToFiniteValues()
    {
        // right answers cost -log(1-ε); wrong ones -log ε and -log(1-(1-ε)) with 1-ε rounded to float32
        var values = new BinaryCrossentropy(reduction: Reduction.None).Call(T(new float[,] { { 0, 1 }, { 1, 0 } }), T(new float[,] { { 0, 1 }, { 0, 1 } }));
        var right = (-Math.Log(1 - Eps) - Math.Log(OneMinusEps)) / 2;
        var wrong = (-Math.Log(Eps) - Math.Log(1 - OneMinusEps)) / 2;
        Near([right, wrong], values, 1e-4);
    }

    [Fact]
    public void Call_LogitsPlusMinus100_AreFinite()
    {
        // right: log(1 + e^-100) ≈ 0; wrong: 100 + log(1 + e^-100) = 100
        var values = new BinaryCrossentropy(fromLogits: true, reduction: Reduction.None)
            .Call(T(new float[,] { { 0, 1 }, { 1, 0 } }), T(new float[,] { { -100, 100 }, { -100, 100 } }));
        Near([0, 100], values, 1e-4);
    }

    [Fact]
    public void Call_PredictionsWithTrailingOne_AcceptFlatLabels()
    {
        // y (2,) and p (2,1): -log 0.8 and -log(1 - 0.4)
        Near((-Math.Log(0.8) - Math.Log(0.6)) / 2, new BinaryCrossentropy().Call(T(1f, 0f), T(new float[,] { { 0.8f }, { 0.4f } })));
    }

    [Fact]
    public void Call_MismatchedShapes_ThrowsKerasStyleError()
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy().Call(T(new float[,] { { 0, 1, 0 } }), T(new float[,] { { 0.5f, 0.5f } })));
        Assert.Contains("same shape", e.Message);
        Assert.Contains("(1, 3)", e.Message);
    }

    [Fact]
    public void Constructor_LabelSmoothingOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: 1.5));
        Assert.Contains("label_smoothing=1.5", e.Message);
    }
}
