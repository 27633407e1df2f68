using DeepKeras.Layers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Golden;

/// <summary>
/// The 1-D and 3-D convolution, padding, upsampling, cropping and spatial-dropout variants against Keras
/// (scripts/keras-golden/gen_convvariants.py): each Keras-saved one-layer model loads and predicts Keras's output, and the
/// same layer built in DeepKeras writes Keras's config, summary and parameter count.
/// </summary>
public sealed class ConvVariantsGoldenTests
{
    /// <summary>The layers of gen_convvariants.py's CASES table, with the same arguments.</summary>
    private static readonly Dictionary<string, Func<Layer>> Cases = new()
    {
        ["convvar_conv1d_transpose_same"] = () => new Conv1DTranspose(4, 3, strides: 2, padding: "same", biasInitializer: "random_normal",
            activation: "tanh", name: "layer"),
        ["convvar_conv1d_transpose_valid_cf"] = () => new Conv1DTranspose(3, 2, padding: "valid", dilationRate: 2, dataFormat: "channels_first",
            biasInitializer: "random_normal", name: "layer"),
        ["convvar_conv1d_transpose_outpad"] = () => new Conv1DTranspose(2, 3, strides: 3, padding: "valid", outputPadding: 1, useBias: false,
            name: "layer"),
        ["convvar_conv3d_transpose_same"] = () => new Conv3DTranspose(3, (2, 3, 2), strides: (2, 1, 2), padding: "same",
            biasInitializer: "random_normal", name: "layer"),
        ["convvar_conv3d_transpose_valid_cf"] = () => new Conv3DTranspose(2, 2, dilationRate: (1, 2, 1), dataFormat: "channels_first",
            biasInitializer: "random_normal", activation: "relu", name: "layer"),
        ["convvar_separable_conv1d_same"] = () => new SeparableConv1D(4, 3, padding: "same", dilationRate: 2, depthMultiplier: 2,
            biasInitializer: "random_normal", name: "layer"),
        ["convvar_separable_conv1d_strided_cf"] = () => new SeparableConv1D(3, 2, strides: 2, dataFormat: "channels_first",
            biasInitializer: "random_normal", activation: "relu", name: "layer"),
        ["convvar_depthwise_conv1d_same"] = () => new DepthwiseConv1D(3, strides: 2, padding: "same", depthMultiplier: 3,
            biasInitializer: "random_normal", name: "layer"),
        ["convvar_depthwise_conv1d_dilated_cf"] = () => new DepthwiseConv1D(2, depthMultiplier: 2, dataFormat: "channels_first", dilationRate: 3,
            biasInitializer: "random_normal", name: "layer"),
        ["convvar_zero_padding1d"] = () => new ZeroPadding1D((1, 2), name: "layer"),
        ["convvar_zero_padding1d_cf"] = () => new ZeroPadding1D(2, dataFormat: "channels_first", name: "layer"),
        ["convvar_zero_padding3d"] = () => new ZeroPadding3D(((1, 0), (0, 2), (1, 1)), name: "layer"),
        ["convvar_zero_padding3d_cf"] = () => new ZeroPadding3D((1, 2, 0), dataFormat: "channels_first", name: "layer"),
        ["convvar_up_sampling1d"] = () => new UpSampling1D(3, name: "layer"),
        ["convvar_up_sampling3d"] = () => new UpSampling3D((2, 1, 3), name: "layer"),
        ["convvar_up_sampling3d_cf"] = () => new UpSampling3D(2, dataFormat: "channels_first", name: "layer"),
        ["convvar_cropping1d"] = () => new Cropping1D((2, 1), name: "layer"),
        ["convvar_cropping3d"] = () => new Cropping3D(((1, 0), (0, 2), (1, 1)), name: "layer"),
        ["convvar_cropping3d_cf"] = () => new Cropping3D((1, 0, 2), dataFormat: "channels_first", name: "layer"),
        ["convvar_spatial_dropout1d"] = () => new SpatialDropout1D(0.3, seed: 4, name: "layer"),
        ["convvar_spatial_dropout3d_cf"] = () => new SpatialDropout3D(0.4, dataFormat: "channels_first", seed: 2, name: "layer"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void KerasFile_LoadsAndPredictsKerasOutput(string name)
    {
        var g = KerasGolden.Case(name);
        using var model = Keras.Models.LoadModel(g.File("model.keras"));
        Assert.IsType(Cases[name]().GetType(), model.Layers[0]);
        using var scope = NewDisposeScope();
        var expected = g.Tensor("y");
        var y = model.PredictTensors(g.Tensor("x"))[0];
        var scale = Math.Max(1.0, expected.abs().max().item<float>());
        KerasGolden.AssertClose(expected, y, 1e-5 * scale, $"{name} predictions");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DeepKerasLayer_WritesKerasConfig_AndReadsItBack(string name)
    {
        var g = KerasGolden.Case(name);
        var expected = KerasJson.Parse(g.Json("config").ToJsonString());
        var layer = Cases[name]();
        ConfigDiff.AssertEqual(expected, ConfigDiff.Json(layer.GetConfig()), name);
        var fromKeras = Layer.FromConfig(layer.GetType(), (Dictionary<string, object?>)expected!);
        ConfigDiff.AssertEqual(expected, ConfigDiff.Json(fromKeras.GetConfig()), name + " (from Keras's config)");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DeepKerasModel_SummaryAndParameterCount_EqualKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var x = g.Array("x");
        var shape = new Shape(x.shape.Skip(1).Select(d => (int?)d).ToArray());
        using var model = Keras.Sequential("convvar", Keras.Input(shape), Cases[name]());
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
        var keras = g.Json("params");
        Assert.Equal((long)keras["count"]!, model.CountParams());
        Assert.Equal(keras["output_shape"]!.AsArray().Select(d => (int?)(int)d!), model.OutputShape.ToArray().Skip(1));
    }
}
