using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class Conv1DTests
{
    private static Conv1D TwoTap(string padding, int dilation = 1)
    {
        // Kernel (2, 1, 1): w0 = 1 looks one step back (d steps with dilation), w1 = 10 looks at the current step.
        var conv = Built(new Conv1D(1, 2, padding: padding, dilationRate: dilation, useBias: false), new Shape(null, 4, 1));
        conv.Kernel!.Assign(Of([2, 1, 1], 1, 10));
        return conv;
    }

    private static readonly Tensor Seq = Of([1, 4, 1], 1, 2, 3, 4);

    [Fact]
    public void Causal_OutputAtTSeesOnlyInputsUpToT()
    {
        // y_t = 1·x_{t−1} + 10·x_t with x_{−1} = 0: [10, 1+20, 2+30, 3+40]
        var y = TwoTap("causal").Apply(Seq);
        Assert.Equal([1L, 4, 1], y.shape);
        AssertClose([10f, 21f, 32f, 43f], y);
    }

    [Fact]
    public void CausalDilated_LooksDilationStepsBack()
    {
        // d = 2: y_t = 1·x_{t−2} + 10·x_t: [10, 20, 1+30, 2+40]
        AssertClose([10f, 20f, 31f, 42f], TwoTap("causal", 2).Apply(Seq));
    }

    [Fact]
    public void ValidAndSame_MatchHandValues()
    {
        // valid: y_t = x_t + 10·x_{t+1} → [1+20, 2+30, 3+40]; same (k=2: pad 0 before, 1 after) adds y_3 = 4 + 10·0.
        AssertClose([21f, 32f, 43f], TwoTap("valid").Apply(Seq));
        AssertClose([21f, 32f, 43f, 4f], TwoTap("same").Apply(Seq));
    }

    [Theory]
    [InlineData(10, 3, 1, 1, "valid", 8)]
    [InlineData(10, 3, 2, 1, "valid", 4)] // ⌊(10 − 2 − 1)/2⌋ + 1
    [InlineData(10, 3, 2, 1, "same", 5)]
    [InlineData(10, 3, 3, 1, "causal", 4)] // ⌈10/3⌉
    [InlineData(10, 4, 1, 2, "causal", 10)]
    [InlineData(10, 4, 1, 2, "valid", 4)] // ⌊(10 − 2·3 − 1)/1⌋ + 1
    public void OutputLength_FollowsKerasFormula(int n, int k, int s, int d, string padding, int expected)
    {
        var conv = new Conv1D(3, k, strides: s, padding: padding, dilationRate: d);
        Assert.Equal(new Shape(null, expected, 3), conv.ComputeOutputShape(new Shape(null, n, 2)));
        Assert.Equal([2L, expected, 3], conv.Apply(randn(2, n, 2)).shape);
    }

    [Fact]
    public void ParamCount_KernelTimesChannelsTimesFiltersPlusBias()
    {
        // Conv1D(32, 5) on 128 features: 5·128·32 + 32 = 20,512
        Assert.Equal(20_512, Built(new Conv1D(32, 5), new Shape(null, 100, 128)).CountParams());
    }
}
