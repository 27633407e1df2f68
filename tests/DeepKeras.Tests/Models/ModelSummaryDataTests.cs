using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Tests.Models;

public class ModelSummaryDataTests
{
    [Fact]
    public void CourseModel_RowsAndFooter_MatchTheTextSummary()
    {
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));

        var data = model.ToSummaryData();

        Assert.Equal("sequential", data.ModelName);
        Assert.Equal(["Layer (type)", "Output Shape", "Param #"], data.Headers);
        // Param # = inputs × units + units: 784·32+32 = 25,120; 32·10+10 = 330; 10·20+20 = 220.
        Assert.Equal(
            [["dense (Dense)", "(None, 32)", "25,120"], ["dense_1 (Dense)", "(None, 10)", "330"], ["dense_2 (Dense)", "(None, 20)", "220"]],
            data.Rows.Select(r => r.ToArray()).ToArray());
        // 25,670 float32 parameters = 102,680 bytes = 100.27 KB.
        Assert.Equal(
            [new ModelSummaryParamCount("Total params", 25670, "100.27 KB"), new ModelSummaryParamCount("Trainable params", 25670, "100.27 KB"),
                new ModelSummaryParamCount("Non-trainable params", 0, "0.00 B")],
            data.ParamCounts);
        var text = model.ToSummaryString();
        foreach (var cell in data.Rows.SelectMany(r => r))
        {
            Assert.Contains(cell, text);
        }
    }

    [Fact]
    public void ShowTrainableAndFrozenLayer_AddColumnAndNonTrainableCount()
    {
        Keras.Backend.ClearSession();
        var frozen = new Dense(4, inputShape: 3) { Trainable = false };
        var model = new Sequential(frozen, new Dense(2));

        var data = model.ToSummaryData(showTrainable: true);

        Assert.Equal("Trainable", data.Headers[^1]);
        Assert.Equal(["N", "Y"], data.Rows.Select(r => r[^1]).ToArray());
        // Frozen: 3·4+4 = 16 parameters; trainable: 4·2+2 = 10.
        Assert.Equal(16, data.ParamCounts.Single(p => p.Label == "Non-trainable params").Count);
        Assert.Equal(10, data.ParamCounts.Single(p => p.Label == "Trainable params").Count);
    }

    [Fact]
    public void LayerRange_ThatMatchesNothing_Throws()
    {
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(2, inputShape: 3));
        var ex = Assert.Throws<ArgumentException>(() => model.ToSummaryData(layerRange: ("conv", "conv")));
        Assert.Contains("do not match the layer names", ex.Message);
    }
}
