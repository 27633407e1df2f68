using DeepKeras.Layers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Activations;

/// <summary>The ReLU layer against Keras's <c>keras.layers.ReLU</c> (golden case apps_relu, gen_apps.py).</summary>
public class ReLUTests
{
    /// <summary>The configurations of gen_apps.py's relu_configs, built with the same arguments and names.</summary>
    private static readonly Dictionary<string, Func<ReLU>> Cases = new()
    {
        ["default"] = () => new ReLU(name: "relu_default"),
        ["relu6"] = () => new ReLU(6.0, name: "relu_relu6"),
        ["slope"] = () => new ReLU(negativeSlope: 0.5, name: "relu_slope"),
        ["slope_max"] = () => new ReLU(maxValue: 10.0, negativeSlope: 0.5, name: "relu_slope_max"),
        ["threshold"] = () => new ReLU(threshold: 5.0, name: "relu_threshold"),
        ["all"] = () => new ReLU(maxValue: 8.0, negativeSlope: 0.25, threshold: 1.0, name: "relu_all"),
        ["max4"] = () => new ReLU(maxValue: 4, name: "relu_max4"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Call_EqualsKeras(string name)
    {
        var g = KerasGolden.Case("apps_relu");
        var y = Cases[name]().Apply(g.Tensor("x"));
        KerasGolden.AssertClose(g.Tensor($"y_{name}"), y, 0, name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GetConfig_EqualsKerasAndFromConfigRoundTrips(string name)
    {
        var expected = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(KerasGolden.Case("apps_relu").File($"config_{name}.json")))!;
        var layer = Cases[name]();
        var actual = (Dictionary<string, object?>)ConfigDiff.Json(layer.GetConfig())!;
        if (expected["max_value"] is long integer)
        {
            // Keras keeps a Python int as given (max_value=4 → 4); the C# parameter is a double (4.0), the same value.
            Assert.Equal((double)integer, (double)actual["max_value"]!);
            actual["max_value"] = integer;
        }

        ConfigDiff.AssertEqual(expected, actual, name);
        var copy = (ReLU)Layer.FromConfig(typeof(ReLU), expected);
        Assert.Equal(layer.MaxValue, copy.MaxValue);
        Assert.Equal(layer.NegativeSlope, copy.NegativeSlope);
        Assert.Equal(layer.Threshold, copy.Threshold);
    }

    [Fact]
    public void Call_Relu6WithSlope_CapsAboveAndLeaksBelow()
    {
        var y = new ReLU(maxValue: 6, negativeSlope: 0.1).Apply(tensor(new[] { -10f, -1f, 0f, 3f, 6f, 9f }));

        // Below 0: 0.1·x; between: x; above 6: 6.
        Assert.Equal(new[] { -1f, -0.1f, 0f, 3f, 6f, 6f }, y.data<float>().ToArray());
    }

    [Fact]
    public void ComputeOutputShape_IsTheInputShape_AndMasksPass()
    {
        var layer = new ReLU(6.0);
        Assert.Equal(new Shape(null, 7, 3), layer.ComputeOutputShape(new Shape(null, 7, 3)));
        Assert.True(layer.SupportsMasking);
        Assert.Empty(layer.Weights);
    }

    [Theory]
    [InlineData(-1.0, 0.0, 0.0, "maxValue", "max_value of a ReLU layer cannot be a negative value. Received: max_value=-1")]
    [InlineData(null, -0.5, 0.0, "negativeSlope", "negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=-0.5")]
    [InlineData(null, 0.0, -2.0, "threshold", "threshold of a ReLU layer cannot be None or a negative value. Received: threshold=-2")]
    public void Constructor_NegativeArgument_ThrowsKerasMessage(double? maxValue, double negativeSlope, double threshold, string param, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ReLU(maxValue, negativeSlope, threshold));
        Assert.Equal(param, e.ParamName);
        Assert.StartsWith(message, e.Message);
    }
}
