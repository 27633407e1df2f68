using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Golden;

/// <summary>The golden-file pipe itself: a Keras-saved model loads, predicts Keras's outputs and prints Keras's summary.</summary>
public sealed class GoldenSmokeTests
{
    [Fact]
    public void KerasSavedDense_PredictsAndSummarizesAsKeras()
    {
        var g = KerasGolden.Case("smoke_dense");
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        var y = model.PredictTensors(g.Tensor("x"))[0];
        KerasGolden.AssertClose(g.Tensor("y"), y, 1e-6, "predictions");
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }
}
