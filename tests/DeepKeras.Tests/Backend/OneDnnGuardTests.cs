using DeepKeras.Backend;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Backend;

public class OneDnnGuardTests
{
    [Fact]
    public void AfterInitialization_ConvolutionInputGradientsAreRight()
    {
        // Either oneDNN passed the check, or the guard switched it off: in both cases float32 conv gradients match
        // float64 ones from here on.
        Keras.Backend.EnsureInitialized();
        Assert.True(OneDnnGuard.GradientsAreRight(), OneDnnGuard.Status);
        Assert.Contains("oneDNN: ", Keras.Backend.Describe());
    }

    [Fact]
    public void Conv2DLayer_InputGradient_MatchesFloat64Reference_ForSmallChannelCountsAndBatches()
    {
        // A 1→2 channel conv with stride 2 on a batch of 3: the shape class where the faulty kernels gave wrong values.
        Keras.Backend.EnsureInitialized();
        Keras.Utils.SetRandomSeed(0);
        var conv = new DeepKeras.Layers.Conv2D(2, 2, strides: 2, padding: "same");
        var x = randn(3, 5, 6, 1).requires_grad_(true);
        conv.Apply(x).square().sum().backward();

        var w = conv.Kernel!.Value.detach().to(float64).permute(3, 2, 0, 1);
        var x64 = x.detach().to(float64).permute(0, 3, 1, 2).requires_grad_(true);
        var y64 = nn.functional.conv2d(nn.functional.pad(x64, [0, 0, 0, 1]), w, conv.Bias!.Value.detach().to(float64), [2, 2]);
        y64.square().sum().backward();
        var expected = x64.grad!.permute(0, 2, 3, 1);
        Assert.True(x.grad!.to(float64).allclose(expected, 1e-4, 1e-4));
    }
}
