using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Losses;

public class CTCTests
{
    private static Tensor Logits(float[] values, int batch, int time, int classes) => tensor(values).reshape(batch, time, classes);

    [Fact]
    public void Call_OneLabelTwoSteps_SumsTheThreeAlignments()
    {
        // softmax at t1 = [0.25, 0.75] (logits [0, ln 3]), at t2 = [0.8, 0.2] (logits [ln 4, 0]); label "1", blank 0.
        // Alignments of "1" over 2 steps: (1,1), (0,1), (1,0) → 0.75·0.2 + 0.25·0.2 + 0.75·0.8 = 0.8
        var logits = Logits([0, (float)Math.Log(3), (float)Math.Log(4), 0], 1, 2, 2);
        Near(-Math.Log(0.8), new CTC().Call(L(new long[,] { { 1 } }), logits));
    }

    [Fact]
    public void Function_PaddedLabels_UseTheNonZeroCountAsLength()
    {
        // uniform softmax over {blank, 1} for 3 steps (each path 1/8).
        // row 1 "1" (padded with 0): 6 contiguous non-empty blocks of 1s → 6/8; row 2 "1 1": only 1,0,1 → 1/8
        var logits = zeros(2, 3, 2);
        var values = LossFunctions.CTC(L(new long[,] { { 1, 0 }, { 1, 1 } }), logits);
        Near([-Math.Log(6.0 / 8), Math.Log(8)], values);
        Near((-Math.Log(6.0 / 8) + Math.Log(8)) / 2, new CTC().Call(L(new long[,] { { 1, 0 }, { 1, 1 } }), logits));
    }

    [Fact]
    public void Call_ExplicitLengths_OverrideTheDefaults()
    {
        // label length 1 for both rows reads only "1"; logit length 2 for row 2 gives 3 alignments of 4 paths
        var logits = zeros(2, 3, 2);
        var loss = new CTC(reduction: Reduction.None).Call(L(new long[,] { { 1, 0 }, { 1, 1 } }), logits, L(1, 1), L(3, 2));
        Near([-Math.Log(6.0 / 8), -Math.Log(3.0 / 4)], loss);
    }

    [Fact]
    public void Function_WrongRanks_ThrowKerasMessages()
    {
        var e1 = Assert.Throws<ArgumentException>(() => LossFunctions.CTC(L(1, 2), zeros(2, 3, 2)));
        Assert.Contains("(batch_size, max_length)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => LossFunctions.CTC(L(new long[,] { { 1 } }), zeros(1, 3)));
        Assert.Contains("(batch_size, max_length, num_classes)", e2.Message);
    }

    [Fact]
    public void Call_Backward_GivesFiniteGradients()
    {
        var logits = zeros(1, 4, 3).requires_grad_();
        var loss = new CTC().Call(L(new long[,] { { 2, 1 } }), logits);
        loss.backward();
        Assert.True(logits.grad!.isfinite().all().item<bool>());
        Assert.True(Scalar(loss) > 0);
    }
}
