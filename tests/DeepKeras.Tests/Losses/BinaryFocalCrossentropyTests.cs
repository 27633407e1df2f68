using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class BinaryFocalCrossentropyTests
{
    private static readonly float[,] Y = { { 0, 1 }, { 0, 0 } };
    private static readonly float[,] Logits = { { -18.6f, 0.51f }, { 2.94f, -12.8f } };

    /// <summary>Keras's formula: p = sigmoid(x); bce on p clipped to [ε, 1−ε]; × (1 − p_t)^γ; × α-weight if balancing.</summary>
    private static double Focal(double x, double y, double gamma, bool balance, double alpha = 0.25)
    {
        var p = 1 / (1 + Math.Exp(-x));
        var pc = Math.Clamp(p, Eps, OneMinusEps);
        var bce = -(y * Math.Log(pc) + (1 - y) * Math.Log(1 - pc));
        var pT = y * p + (1 - y) * (1 - p);
        var f = Math.Pow(1 - pT, gamma) * bce;
        return balance ? (y * alpha + (1 - y) * (1 - alpha)) * f : f;
    }

    private static (double Row1, double Row2) Rows(double gamma, bool balance) =>
        ((Focal(-18.6, 0, gamma, balance) + Focal(0.51, 1, gamma, balance)) / 2,
         (Focal(2.94, 0, gamma, balance) + Focal(-12.8, 0, gamma, balance)) / 2);

    [Fact]
    public void Call_KerasDocstringVector_Is0_691And0_51()
    {
        // one sample of four logits: the mean of the four focal terms
        var y = T(0f, 1f, 0f, 0f);
        var x = T(-18.6f, 0.51f, 2.94f, -12.8f);
        var plain = (Focal(-18.6, 0, 2, false) + Focal(0.51, 1, 2, false) + Focal(2.94, 0, 2, false) + Focal(-12.8, 0, 2, false)) / 4;
        var balanced = (Focal(-18.6, 0, 2, true) + Focal(0.51, 1, 2, true) + Focal(2.94, 0, 2, true) + Focal(-12.8, 0, 2, true)) / 4;
        Near(plain, new BinaryFocalCrossentropy(gamma: 2, fromLogits: true).Call(y, x));
        Near(balanced, new BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 2, fromLogits: true).Call(y, x));
        Near(0.691, new BinaryFocalCrossentropy(gamma: 2, fromLogits: true).Call(y, x), 1e-3);
        Near(0.51, new BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 2, fromLogits: true).Call(y, x), 1e-2);
    }

    [Fact]
    public void Call_KerasDocstringBatch_MatchesEachReduction()
    {
        var (r1, r2) = Rows(3, false);
        Near((r1 + r2) / 2, new BinaryFocalCrossentropy(gamma: 3, fromLogits: true).Call(T(Y), T(Logits)));
        Near(0.647, new BinaryFocalCrossentropy(gamma: 3, fromLogits: true).Call(T(Y), T(Logits)), 1e-3);
        Near((0.8 * r1 + 0.2 * r2) / 2, new BinaryFocalCrossentropy(gamma: 3, fromLogits: true).Call(T(Y), T(Logits), T(0.8f, 0.2f)));
        var (b1, b2) = Rows(4, true);
        Near(b1 + b2, new BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 4, fromLogits: true, reduction: Reduction.Sum).Call(T(Y), T(Logits)));
        Near(0.914, new BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 4, fromLogits: true, reduction: Reduction.Sum).Call(T(Y), T(Logits)), 1e-3);
        var (n1, n2) = Rows(5, false);
        Near([n1, n2], new BinaryFocalCrossentropy(gamma: 5, fromLogits: true, reduction: Reduction.None).Call(T(Y), T(Logits)));
    }

    [Fact]
    public void Call_GammaZero_EqualsBinaryCrossentropy()
    {
        var y = T(new float[,] { { 0, 1 }, { 1, 0 } });
        var p = T(new float[,] { { 0.3f, 0.8f }, { 0.6f, 0.1f } });
        Near(Scalar(new BinaryCrossentropy().Call(y, p)), new BinaryFocalCrossentropy(gamma: 0).Call(y, p));
    }

    [Fact]
    public void Call_LabelSmoothing_AppliesBeforeTheFocalFactor()
    {
        // s = 0.2: y = 1 → 0.9; p = 0.8: bce = -(0.9 log 0.8 + 0.1 log 0.2); p_t = 0.9·0.8 + 0.1·0.2 = 0.74
        var expected = Math.Pow(1 - 0.74, 2) * -(0.9 * Math.Log(0.8) + 0.1 * Math.Log(0.2));
        Near(expected, new BinaryFocalCrossentropy(labelSmoothing: 0.2).Call(T(new float[,] { { 1 } }), T(new float[,] { { 0.8f } })));
    }

    [Fact]
    public void Call_ExtremeInputs_AreFinite()
    {
        var y = T(new float[,] { { 0, 1 }, { 1, 0 } });
        var probs = Scalar(new BinaryFocalCrossentropy().Call(y, T(new float[,] { { 0, 1 }, { 0, 1 } })));
        var logits = Scalar(new BinaryFocalCrossentropy(fromLogits: true).Call(y, T(new float[,] { { -100, 100 }, { -100, 100 } })));
        // wrong answers: (1 - 0)^2 · (-log ε or -log(1 - (1-ε))) averaged over the 4 entries
        var wrong = (-Math.Log(Eps) - Math.Log(1 - OneMinusEps)) / 2 / 2;
        Near(wrong, probs, 1e-3);
        Assert.True(double.IsFinite(logits));
    }
}
