using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class AUCTests
{
    // Five thresholds [-ε, 0.25, 0.5, 0.75, 1+ε] on labels [0,1,0,1,1], predictions [0.1,0.4,0.6,0.8,0.3]:
    //   TP = [3,3,1,1,0], FP = [2,1,1,0,0], TN = [0,1,1,2,2], FN = [0,0,2,2,3]
    //   recall = [1, 1, 1/3, 1/3, 0], FPR = [1, 0.5, 0.5, 0, 0], precision = [3/5, 3/4, 1/2, 1, 0]
    private static readonly float[] Labels = [0, 1, 0, 1, 1];
    private static readonly float[] Preds = [0.1f, 0.4f, 0.6f, 0.8f, 0.3f];

    private static double Auc(AUC m)
    {
        m.UpdateState(T(Labels), T(Preds));
        return m.Result();
    }

    [Fact]
    public void Result_KerasDocstring_Is0_75ThenOne()
    {
        var m = new AUC(numThresholds: 3);
        m.UpdateState(T(0f, 0f, 1f, 1f), T(0f, 0.5f, 0.3f, 0.9f));
        TestData.Near(0.75, m.Result());
        m.ResetState();
        m.UpdateState(T(0f, 0f, 1f, 1f), T(0f, 0.5f, 0.3f, 0.9f), T(1f, 0f, 0f, 1f));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_RocInterpolation_IsTrapezoidSum()
    {
        // (1-0.5)·(1+1)/2 + (0.5-0.5)·… + (0.5-0)·(1/3+1/3)/2 + 0 = 0.5 + 1/6
        TestData.Near(0.5 + 1.0 / 6, Auc(new AUC(numThresholds: 5)));
    }

    [Fact]
    public void Result_PrMajoringAndMinoring_UseTheLargerOrSmallerHeight()
    {
        // x = recall, y = precision; non-zero widths: (1 - 1/3) and (1/3 - 0)
        // majoring: (2/3)·max(3/4, 1/2) + (1/3)·max(1, 0) = 0.5 + 1/3; minoring: (2/3)·(1/2) + (1/3)·0 = 1/3
        TestData.Near(0.5 + 1.0 / 3, Auc(new AUC(numThresholds: 5, curve: AUCCurve.PR, summationMethod: AUCSummationMethod.Majoring)));
        TestData.Near(1.0 / 3, Auc(new AUC(numThresholds: 5, curve: AUCCurve.PR, summationMethod: AUCSummationMethod.Minoring)));
    }

    [Fact]
    public void Result_PrInterpolation_FollowsDavisGoadrich()
    {
        // P = TP + FP = [5,4,2,1,0]; per interval: slope = ΔTP/ΔP = [0,1,0,1], intercept = TP_B - slope·P_B = [3,-1,1,0]
        // terms = slope·(ΔTP + intercept·log(P_A/P_B)) / (TP_B + FN_B): 0, (2 - log 2)/3, 0, (1 + 0)/3
        var expected = (2 - Math.Log(2)) / 3 + 1.0 / 3;
        TestData.Near(expected, Auc(new AUC(numThresholds: 5, curve: AUCCurve.PR)));
    }

    [Fact]
    public void Result_PrGain_UsesGainsWithKerasFixes()
    {
        // docstring data, 3 thresholds: TP = [2,1,0], FP = [2,0,0], FN = [0,1,2], TN = [0,2,2]; scale P/N = 1
        // recall gain = 1 - FN/TP = [1, 0, 0 (no TP)]; precision gain = 1 - FP/TP = [0, 1, 1 (no TP)]
        // area = (1 - 0)·(0 + 1)/2 + (0 - 0)·(1 + 1)/2 = 0.5
        var m = new AUC(numThresholds: 3, curve: AUCCurve.PRGain);
        m.UpdateState(T(0f, 0f, 1f, 1f), T(0f, 0.5f, 0.3f, 0.9f));
        TestData.Near(0.5, m.Result());
    }

    [Fact]
    public void Result_DefaultThresholds_EqualsPairwiseRankingAuc()
    {
        // with 200 thresholds every prediction sits in its own bucket, so ROC AUC is exact:
        // positives {0.4, 0.8, 0.3} beat negatives {0.1, 0.6} in 4 of 6 pairs
        TestData.Near(4.0 / 6, Auc(new AUC()));
    }

    [Fact]
    public void Result_TwoUpdates_EqualOneUpdateOfAllData()
    {
        var m = new AUC(numThresholds: 5);
        m.UpdateState(T(0f, 1f), T(0.1f, 0.4f));
        m.UpdateState(T(0f, 1f, 1f), T(0.6f, 0.8f, 0.3f));
        TestData.Near(0.5 + 1.0 / 6, m.Result());
    }

    [Fact]
    public void Result_FromLogits_AppliesSigmoid()
    {
        var logits = Preds.Select(p => (float)Math.Log(p / (1 - p))).ToArray();
        var m = new AUC(numThresholds: 5, fromLogits: true);
        m.UpdateState(T(Labels), T(logits));
        TestData.Near(0.5 + 1.0 / 6, m.Result());
    }

    [Fact]
    public void Result_MultiLabel_AveragesPerLabelAucs()
    {
        // column A is the docstring case (0.75); column B is separable (1.0) → mean 0.875; weights [1, 3] → 3.75/4
        var y = T(new float[,] { { 0, 1 }, { 0, 0 }, { 1, 1 }, { 1, 0 } });
        var p = T(new float[,] { { 0, 0.9f }, { 0.5f, 0.1f }, { 0.3f, 0.8f }, { 0.9f, 0.2f } });
        var m = new AUC(numThresholds: 3, multiLabel: true);
        m.UpdateState(y, p);
        TestData.Near(0.875, m.Result());
        var weighted = new AUC(numThresholds: 3, multiLabel: true, labelWeights: [1, 3]);
        weighted.UpdateState(y, p);
        TestData.Near(3.75 / 4, weighted.Result());
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Contains("num_thresholds=1", Assert.Throws<ArgumentOutOfRangeException>(() => new AUC(numThresholds: 1)).Message);
        Assert.Contains("multi_label", Assert.Throws<ArgumentException>(() => new AUC(numLabels: 3)).Message);
    }
}
