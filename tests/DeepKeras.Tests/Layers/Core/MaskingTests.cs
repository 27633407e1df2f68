using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Core;

public class MaskingTests
{
    [Fact]
    public void StepsEqualToMaskValue_AreMaskedAndZeroed()
    {
        var layer = new Masking(-1.0);
        var x = tensor(new float[] { 1, 2, -1, -1, -1, 5, -1, -1 }, [1, 4, 2]);

        var (outputs, mask) = layer.Invoke([x], null, false);

        Assert.Equal(new[] { true, false, true, false }, mask!.contiguous().data<bool>().ToArray());
        Assert.Equal(new float[] { 1, 2, 0, 0, -1, 5, 0, 0 }, outputs[0].contiguous().data<float>().ToArray());
        Assert.Equal(-1.0, layer.GetConfig()["mask_value"]);
    }
}
