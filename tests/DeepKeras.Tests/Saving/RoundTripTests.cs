using System.IO.Compression;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Regularizers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

public class RoundTripTests
{
    private static Model RoundTrip(Model model, string file, params Tensor[] inputs)
    {
        var before = SavingTestUtil.Outputs(model, inputs);
        var json = model.ToJson();
        model.Save(file);
        var loaded = Keras.Models.LoadModel(file);
        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(json, loaded.ToJson());
        SavingTestUtil.SameWeights(model, loaded);
        var after = SavingTestUtil.Outputs(loaded, inputs);
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i], after[i]);
        }

        return loaded;
    }

    [Fact]
    public void Sequential_DenseDropoutRegularized_PredictsExactlyAfterLoad()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(1);
        var model = Keras.Sequential(
            Keras.Input(shape: 6),
            Keras.Layers.Dense(8, activation: "relu", kernelRegularizer: new L2(0.01), biasInitializer: "he_normal"),
            Keras.Layers.Dropout(0.3),
            Keras.Layers.Dense(4, activation: "softmax", activityRegularizer: "l1"));
        RoundTrip(model, dir.File("mlp.keras"), randn(5, 6));
    }

    [Fact]
    public void Sequential_ReshapeActivationFlatten_FromInputShape()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(2);
        var model = new Sequential(
            new Dense(12, inputShape: 6),
            new Reshape([3, 4]),
            new Activation("tanh"),
            new Flatten(),
            new Dense(2, useBias: false));
        var loaded = RoundTrip(model, dir.File("reshape.keras"), randn(3, 6));
        Assert.Equal(new Shape(null, 6), loaded.BatchInputShape);
    }

    [Fact]
    public void Functional_MultiInputMultiOutput_ConcatenateAdd()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(3);
        var a = Keras.Input(shape: 4);
        var b = Keras.Input(shape: 4);
        var shared = new Dense(5, activation: "elu");
        var sum = new Add().Apply(shared.Apply(a), shared.Apply(b));
        var cat = new Concatenate().Apply(sum, a);
        var o1 = new Dense(1, activation: "sigmoid").Apply(cat);
        var o2 = new Dense(3).Apply(sum);
        var model = Keras.Model([a, b], [o1, o2]);
        RoundTrip(model, dir.File("graph.keras"), randn(4, 4), randn(4, 4));
    }

    [Fact]
    public void NestedSequential_InsideFunctional()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(4);
        var inner = new Sequential(new Dense(6, activation: "relu", inputShape: 3), new Dense(2));
        var input = Keras.Input(shape: 3);
        var output = new Activation("softmax").Apply(inner.Apply(input));
        var model = new Functional(input, output);
        var loaded = RoundTrip(model, dir.File("nested.keras"), randn(2, 3));
        Assert.IsType<Sequential>(loaded.Layers[1]);
    }

    private static readonly Func<Tensor, Tensor> Halve = t => t * 0.5;

    [Fact]
    public void Lambda_WithRegisteredFunction_RoundTripsInSafeMode()
    {
        using var dir = new TempDir();
        Keras.Saving.RegisterKerasSerializable("roundtrip>halve", Halve);
        Keras.Utils.SetRandomSeed(5);
        var model = Keras.Sequential(Keras.Input(shape: 3), Keras.Layers.Dense(3), Keras.Layers.Lambda(Halve));
        RoundTrip(model, dir.File("lambda.keras"), randn(2, 3));
    }

    [Fact]
    public void CustomLayerWithWeights_AndSubclassedModel()
    {
        using var dir = new TempDir();
        Keras.Saving.RegisterKerasSerializable<Affine>();
        Keras.Saving.RegisterKerasSerializable<TwoLayerNet>();
        Keras.Utils.SetRandomSeed(6);
        var seq = Keras.Sequential(Keras.Input(shape: 4), new Affine(), Keras.Layers.Dense(2));
        RoundTrip(seq, dir.File("custom.keras"), randn(3, 4));

        var net = new TwoLayerNet(hidden: 5);
        net.Forward([randn(2, 3)], false);
        var loaded = (TwoLayerNet)RoundTrip(net, dir.File("subclassed.keras"), randn(2, 3));
        Assert.Equal(5, loaded.Hidden);
    }

    [Fact]
    public void FrozenLayer_StaysFrozen()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(7);
        var frozen = new Dense(4, inputShape: 3) { Trainable = false };
        var model = new Sequential(frozen, new Dense(1));
        var loaded = RoundTrip(model, dir.File("frozen.keras"), randn(2, 3));
        Assert.False(loaded.Layers[0].Trainable);
        Assert.Equal(2, loaded.TrainableWeights.Count);
    }

    [Fact]
    public void CompiledAndTrained_RestoresOptimizerStateLossAndMetrics()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 120, features: 6, classes: 3, seed: 8);
        var model = Keras.Sequential(Keras.Input(shape: 6), Keras.Layers.Dense(10, activation: "relu"), Keras.Layers.Dense(3, activation: "softmax"));
        model.Compile(optimizer: new Adam(0.01, amsgrad: true), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0);

        var loaded = RoundTrip(model, dir.File("trained.keras"), x);
        var adam = Assert.IsType<Adam>(loaded.Optimizer);
        Assert.True(adam.Amsgrad);
        // 2 epochs of ceil(120/32) = 4 steps
        Assert.Equal(8, adam.Iterations);
        Assert.Equal(model.Optimizer!.Iterations, adam.Iterations);
        var expectedSlots = OptimizerState.SlotsInOrder(model.Optimizer, model.TrainableWeights);
        var loadedSlots = OptimizerState.SlotsInOrder(adam, loaded.TrainableWeights);
        Assert.Equal(3 * 4, loadedSlots.Count);
        for (var i = 0; i < expectedSlots.Count; i++)
        {
            Assert.Equal(expectedSlots[i].data<float>().ToArray(), loadedSlots[i].data<float>().ToArray());
        }

        var e1 = model.Evaluate(x, y, verbose: 0);
        var e2 = loaded.Evaluate(x, y, verbose: 0);
        Assert.Equal(e1.Loss, e2.Loss);
        Assert.Equal(e1["accuracy"], e2["accuracy"]);
    }

    [Fact]
    public void LoadModel_SkipsInitializers_AndLeavesTheRandomStateAlone()
    {
        using var dir = new TempDir();
        var model = Keras.Sequential(Keras.Input(shape: 50), Keras.Layers.Dense(40), Keras.Layers.Dense(3));
        model.Save(dir.File("rng.keras"));

        Keras.Utils.SetRandomSeed(3);
        var expected = rand(4).data<float>().ToArray();
        Keras.Utils.SetRandomSeed(3);
        var loaded = Keras.Models.LoadModel(dir.File("rng.keras"));
        Assert.Equal(expected, rand(4).data<float>().ToArray());
        SavingTestUtil.SameWeights(model, loaded);

        // A model from JSON is new and untrained: its initializers do run.
        Keras.Utils.SetRandomSeed(3);
        Keras.Models.ModelFromJson(model.ToJson());
        Assert.NotEqual(expected, rand(4).data<float>().ToArray());
    }

    [Fact]
    public void Archive_HasKerasMembersInOrder_StoredUncompressed()
    {
        using var dir = new TempDir();
        var model = Keras.Sequential(Keras.Input(shape: 2), Keras.Layers.Dense(1));
        var file = dir.File("layout.keras");
        model.Save(file);
        using var zip = ZipFile.OpenRead(file);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
        using var reader = new StreamReader(zip.GetEntry("metadata.json")!.Open());
        var metadata = (Dictionary<string, object?>)KerasJson.Parse(reader.ReadToEnd())!;
        Assert.Equal("3.15.0", metadata["keras_version"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}$", (string)metadata["date_saved"]!);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Save_IsAtomic_AndRespectsOverwrite()
    {
        using var dir = new TempDir();
        var file = dir.File("atomic.keras");
        var model = Keras.Sequential(Keras.Input(shape: 2), Keras.Layers.Dense(1));
        model.Save(file);
        var original = File.ReadAllBytes(file);

        var e = Assert.Throws<IOException>(() => model.Save(file, overwrite: false));
        Assert.Contains("already exists", e.Message);

        // A model whose config cannot be serialized fails before anything is written: the old file is intact.
        var broken = Keras.Sequential(Keras.Input(shape: 2), new Unserializable());
        Assert.Throws<ArgumentException>(() => broken.Save(file));
        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Equal([file], Directory.GetFiles(dir.Path));

        Assert.Contains("Please add a `.keras` extension", Assert.Throws<ArgumentException>(() => model.Save(dir.File("model.bin"))).Message);
    }
}

/// <summary>A custom layer with its own weights: y = x·scale + shift.</summary>
[KerasSerializable("tests")]
public sealed class Affine(string? name = null) : Layer(name)
{
    private Variable? _scale;
    private Variable? _shift;

    public override void Build(Shape inputShape)
    {
        _scale = AddWeight("scale", inputShape[-1]!.Value, "random_normal");
        _shift = AddWeight("shift", inputShape[-1]!.Value, "random_uniform", trainable: false);
    }

    protected override Tensor Call(Tensor inputs, bool training) => inputs * _scale!.Value + _shift!.Value;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}

/// <summary>A subclassed model registered for loading.</summary>
[KerasSerializable("tests")]
public sealed class TwoLayerNet : Model
{
    private readonly Dense _hidden;
    private readonly Dense _out;

    public TwoLayerNet(int hidden = 4, string? name = null)
        : base(name)
    {
        Hidden = hidden;
        _hidden = new Dense(hidden, activation: "relu");
        _out = new Dense(2);
    }

    public int Hidden { get; }

    protected override Tensor Call(Tensor inputs, bool training) => _out.Apply(_hidden.Apply(inputs, training), training);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.With(-1, 2);

    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["hidden"] = Hidden;
        return c;
    }
}

/// <summary>A layer whose config holds a value that cannot be serialized.</summary>
public sealed class Unserializable() : Layer(null)
{
    protected override Tensor Call(Tensor inputs, bool training) => inputs;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["stream"] = Stream.Null;
        return c;
    }
}
