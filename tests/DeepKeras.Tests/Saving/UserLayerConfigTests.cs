using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Optimizers;
using DeepKeras.Optimizers.Schedules;
using DeepKeras.Regularizers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Configs written the Keras way by user subclasses (objects in the dictionary are fine: they are serialized on save
/// and recreated by FromConfig), and the plain configs of the other serializable families.
/// </summary>
public sealed class UserLayerConfigTests
{
    [Fact]
    public void UserLayer_WithObjectsInItsConfig_SerializesAndRoundTrips()
    {
        var layer = new Projection(3, new HeNormal(seed: 5), "tanh", name: "proj");
        var copy = Layer.FromConfig<Projection>(layer.GetConfig());
        Assert.Equal((3, "proj", "tanh"), (copy.Units, copy.Name, copy.Activation.Name));
        Assert.Equal(5, Assert.IsType<HeNormal>(copy.Initializer).Seed);

        var serialized = Keras.Saving.SerializeKerasObject(layer);
        var config = (Dictionary<string, object?>)serialized["config"]!;
        Assert.Null(ConfigDiff.FirstNonPlain(config, "proj"));
        Assert.Equal("HeNormal", ((Dictionary<string, object?>)config["initializer"]!)["class_name"]);
        Assert.Equal("tanh", config["activation"]);
        Assert.Null(serialized["module"]);
        Assert.Equal("Projection", serialized["registered_name"]);

        var model = Keras.Sequential(Keras.Input(shape: 2), new Projection(3, new HeNormal(seed: 5), "tanh", name: "proj_in_model"));
        var loaded = Keras.Models.ModelFromJson(model.ToJson(), new Dictionary<string, object> { ["Projection"] = typeof(Projection) });
        Assert.Equal(model.ToJson(), loaded.ToJson());
    }

    [Fact]
    public void OtherFamilies_GetConfig_IsPlain()
    {
        object[] objects =
        [
            new Adam(new ExponentialDecay(0.1, 10, 0.5)), new SGD(0.1, momentum: 0.9), new PiecewiseConstantDecay([5], [0.1, 0.01]),
            new DeepKeras.Losses.CategoricalCrossentropy(fromLogits: true), new BinaryFocalCrossentropy(), new AUC(), new Precision(),
            new VarianceScaling(2.0, inputAxes: [0], outputAxes: [1]), new Orthogonal(), new Constant(0.5f), new L1L2(0.1, 0.2),
            new OrthogonalRegularizer(),
        ];
        foreach (var obj in objects)
        {
            var serialized = Keras.Saving.SerializeKerasObject(obj);
            Assert.Null(ConfigDiff.FirstNonPlain(serialized, obj.GetType().Name));
        }
    }

    [Fact]
    public void VarianceScaling_InputAndOutputAxes_SetTheFans()
    {
        // Fan-in over axis 0 (4) and fan-out over axes 1, 2 (3·5 = 15): He-uniform limit √(6/4) with mode fan_in.
        var init = new HeUniform(seed: 1, inputAxes: [0], outputAxes: [1, 2]);
        var w = init.Call([4, 3, 5]);
        Assert.True(w.abs().max().item<float>() <= Math.Sqrt(6.0 / 4) + 1e-6);
        Assert.True(w.abs().max().item<float>() > Math.Sqrt(6.0 / 60));
        var config = init.GetConfig();
        Assert.Equal([0], (int[])config["input_axes"]!);
        Assert.Equal([1, 2], (int[])config["output_axes"]!);
        var copy = Assert.IsType<HeUniform>(Keras.Saving.DeserializeKerasObject<Initializer>(Keras.Saving.SerializeKerasObject(init)));
        Assert.Equal([1, 2], copy.OutputAxes);
        var bad = Assert.Throws<ArgumentException>(() => new GlorotUniform(inputAxes: [3], outputAxes: [0]).Call([2, 2]));
        Assert.Contains("Invalid `input_axes`: axis 3 is out of range for a weight of shape (2, 2)", bad.Message);
    }

    /// <summary>A user layer whose GetConfig puts objects in the dictionary, as Keras users often do.</summary>
    public sealed class Projection(int units, Initializer? initializer = null, Activations.ActivationFunction? activation = null, string? name = null)
        : Layer(name)
    {
        public int Units { get; } = units;

        public Initializer Initializer { get; } = initializer ?? new GlorotUniform();

        public Activations.ActivationFunction Activation { get; } = activation ?? "linear";

        private Variable? Kernel { get; set; }

        public override void Build(Shape inputShape) => Kernel = AddWeight("kernel", new Shape(inputShape[inputShape.Rank - 1], Units), Initializer);

        protected override Tensor Call(Tensor inputs, bool training) => Activation.Call(inputs.matmul(Kernel!.Value));

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape.With(-1, Units);

        public override Dictionary<string, object?> GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = Units;
            config["initializer"] = Initializer;
            config["activation"] = Activation;
            return config;
        }
    }
}
