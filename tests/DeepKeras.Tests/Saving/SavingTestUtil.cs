using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>Temporary folders and exact comparisons for saving tests.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"deepkeras-saving-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class SavingTestUtil
{
    /// <summary>The model's outputs on <paramref name="inputs"/> in inference mode, as float arrays.</summary>
    public static float[][] Outputs(Model model, params Tensor[] inputs)
    {
        using var noGrad = no_grad();
        return model.Forward(inputs, training: false).Select(t => t.detach().cpu().contiguous().data<float>().ToArray()).ToArray();
    }

    /// <summary>Asserts two models have bit-identical weights, in order.</summary>
    public static void SameWeights(Model expected, Model actual)
    {
        var a = expected.Weights;
        var b = actual.Weights;
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Shape, b[i].Shape);
            Assert.Equal(a[i].DType, b[i].DType);
            Assert.Equal(a[i].Value.to(float64).data<double>().ToArray(), b[i].Value.to(float64).data<double>().ToArray());
        }
    }
}
