using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Optimizers.Schedules;
using DeepKeras.Regularizers;
using DeepKeras.Saving;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

public class SerializationTests
{
    /// <summary>Writes expected JSON with single quotes for readability.</summary>
    private static string J(string text) => text.Replace('\'', '"');

    private static readonly string Policy = J("{'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': null}");

    private static string DenseConfig(string name, int units, string activation) =>
        J($"{{'name': '{name}', 'trainable': true, 'dtype': ") + Policy + J($", 'units': {units}, 'activation': '{activation}', 'use_bias': true, ") +
        J("'kernel_initializer': {'module': 'keras.initializers', 'class_name': 'GlorotUniform', 'config': {'seed': null, 'input_axes': null, 'output_axes': null}, 'registered_name': null}, ") +
        J("'bias_initializer': {'module': 'keras.initializers', 'class_name': 'Zeros', 'config': {}, 'registered_name': null}, ") +
        J("'kernel_regularizer': null, 'bias_regularizer': null, 'kernel_constraint': null, 'bias_constraint': null, 'quantization_config': null}");

    [Fact]
    public void Sequential_ToJson_IsKerasSchema()
    {
        var model = new Sequential(
            [Keras.Input(shape: 8, name: "in"), new Dense(4, activation: "relu", name: "d1"), new Dropout(0.5, name: "drop"), new Dense(2, activation: "softmax", name: "d2")],
            name: "seq");
        model.Compile(optimizer: new Adam(name: "adam"), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

        var expected =
            J("{'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 'seq', 'trainable': true, 'dtype': ") + Policy + ", " +
            J("'layers': [{'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape': [null, 8], 'dtype': 'float32', 'sparse': false, 'ragged': false, 'name': 'in', 'optional': false}, 'registered_name': null}, ") +
            J("{'module': 'keras.layers', 'class_name': 'Dense', 'config': ") + DenseConfig("d1", 4, "relu") + J(", 'registered_name': null, 'build_config': {'input_shape': [null, 8]}}, ") +
            J("{'module': 'keras.layers', 'class_name': 'Dropout', 'config': {'name': 'drop', 'trainable': true, 'dtype': ") + Policy + J(", 'rate': 0.5, 'seed': null, 'noise_shape': null}, 'registered_name': null}, ") +
            J("{'module': 'keras.layers', 'class_name': 'Dense', 'config': ") + DenseConfig("d2", 2, "softmax") + J(", 'registered_name': null, 'build_config': {'input_shape': [null, 4]}}], ") +
            J("'build_input_shape': [null, 8]}, 'registered_name': null, 'build_config': {'input_shape': [null, 8]}, ") +
            J("'compile_config': {'optimizer': {'module': 'keras.optimizers', 'class_name': 'Adam', 'config': {'name': 'adam', 'learning_rate': 0.001, 'weight_decay': null, 'clipnorm': null, 'global_clipnorm': null, 'clipvalue': null, 'use_ema': false, 'ema_momentum': 0.99, 'ema_overwrite_frequency': null, 'loss_scale_factor': null, 'gradient_accumulation_steps': null, 'beta_1': 0.9, 'beta_2': 0.999, 'epsilon': 1e-07, 'amsgrad': false}, 'registered_name': null}, ") +
            J("'loss': 'sparse_categorical_crossentropy', 'loss_weights': null, 'metrics': ['accuracy'], 'weighted_metrics': null, 'run_eagerly': false, 'steps_per_execution': 1, 'jit_compile': false}}");
        Assert.Equal(expected, model.ToJson());
    }

    [Fact]
    public void Functional_Config_HasInboundNodesAndInputOutputLayers()
    {
        var a = Keras.Input(shape: 3, name: "a");
        var b = Keras.Input(shape: 5, name: "b");
        var merged = new Concatenate(name: "cat").Apply(a, b);
        var output = new Dense(1, name: "out").Apply(merged);
        var model = new Functional([a, b], [output], name: "two_in");

        var config = (Dictionary<string, object?>)Keras.Saving.SerializeKerasObject(model)["config"]!;
        Assert.Equal("two_in", config["name"]);
        var layers = ((List<object?>)config["layers"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(["a", "b", "cat", "out"], layers.Select(l => l["name"]));
        Assert.Equal("[]", KerasJson.Write(layers[0]["inbound_nodes"]));
        Assert.Equal(
            J("[{'args': [[{'class_name': '__keras_tensor__', 'config': {'shape': [null, 3], 'dtype': 'float32', 'keras_history': ['a', 0, 0]}}, ") +
            J("{'class_name': '__keras_tensor__', 'config': {'shape': [null, 5], 'dtype': 'float32', 'keras_history': ['b', 0, 0]}}]], 'kwargs': {}}]"),
            KerasJson.Write(layers[2]["inbound_nodes"]));
        Assert.Equal(
            J("[{'args': [{'class_name': '__keras_tensor__', 'config': {'shape': [null, 8], 'dtype': 'float32', 'keras_history': ['cat', 0, 0]}}], 'kwargs': {}}]"),
            KerasJson.Write(layers[3]["inbound_nodes"]));
        Assert.Equal(J("[['a', 0, 0], ['b', 0, 0]]"), KerasJson.Write(config["input_layers"]));
        Assert.Equal(J("['out', 0, 0]"), KerasJson.Write(config["output_layers"]));
        Assert.Equal(J("{'input_shape': [[null, 3], [null, 5]]}"), KerasJson.Write(layers[2]["build_config"]));
    }

    [Fact]
    public void Functional_SharedLayer_RoundTripsWithNodeIndices()
    {
        var shared = new Dense(3, name: "shared");
        var x1 = Keras.Input(shape: 4, name: "x1");
        var x2 = Keras.Input(shape: 4, name: "x2");
        var sum = new Add(name: "sum").Apply(shared.Apply(x1), shared.Apply(x2));
        var model = new Functional([x1, x2], [sum], name: "siamese");
        var json = model.ToJson();
        Assert.Contains("\"keras_history\": [\"shared\", 1, 0]", json);

        var loaded = (Functional)Keras.Models.ModelFromJson(json);
        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(2, loaded.GetLayer("shared").InboundNodes.Count);
        Assert.Equal(4 * 3 + 3, loaded.CountParams());
    }

    [Fact]
    public void EveryBuiltInLayer_FromConfig_RecreatesTheSameConfig()
    {
        Layer[] layers =
        [
            new Dense(7, activation: "tanh", useBias: false, kernelInitializer: new HeNormal(seed: 3), biasInitializer: "ones",
                name: "dense_cfg", kernelRegularizer: new L1L2(0.01, 0.02), biasRegularizer: "l2", activityRegularizer: new L1(0.5)),
            new Activation("sigmoid", name: "act_cfg"),
            new Dropout(0.25, seed: 7, name: "drop_cfg"),
            new Flatten(name: "flat_cfg"),
            new Reshape([2, -1], name: "reshape_cfg"),
            new Concatenate(axis: 1, name: "cat_cfg"),
            new Add(name: "add_cfg"),
            new InputLayer((5, 6), batchSize: 4, name: "input_cfg"),
        ];
        foreach (var layer in layers)
        {
            var json = KerasJson.Write(Keras.Saving.SerializeKerasObject(layer));
            var copy = Keras.Saving.DeserializeKerasObject<Layer>(KerasJson.Parse(json)!);
            Assert.Equal(layer.GetType(), copy.GetType());
            Assert.Equal(json, KerasJson.Write(Keras.Saving.SerializeKerasObject(copy)));
        }

        var frozen = new Dense(2, name: "frozen_cfg") { Trainable = false };
        var thawed = Keras.Saving.DeserializeKerasObject<Layer>(Keras.Saving.SerializeKerasObject(frozen));
        Assert.False(thawed.Trainable);
    }

    [Fact]
    public void Initializers_Regularizers_UseKerasSchema()
    {
        Assert.Equal(
            J("{'module': 'keras.initializers', 'class_name': 'RandomNormal', 'config': {'mean': 0.0, 'stddev': 0.05, 'seed': 4}, 'registered_name': null}"),
            KerasJson.Write(Keras.Saving.SerializeKerasObject(new RandomNormal(seed: 4))));
        Assert.Equal(
            J("{'module': 'keras.initializers', 'class_name': 'VarianceScaling', 'config': {'scale': 2.5, 'mode': 'fan_out', 'distribution': 'uniform', 'seed': null, 'input_axes': null, 'output_axes': null}, 'registered_name': null}"),
            KerasJson.Write(Keras.Saving.SerializeKerasObject(new VarianceScaling(2.5, "fan_out", "uniform"))));
        Assert.Equal(
            J("{'module': 'keras.regularizers', 'class_name': 'L2', 'config': {'l2': 0.01}, 'registered_name': null}"),
            KerasJson.Write(Keras.Saving.SerializeKerasObject(new L2())));

        var vs = Keras.Saving.DeserializeKerasObject<Initializer>(Keras.Saving.SerializeKerasObject(new VarianceScaling(2.5, "fan_out", "uniform", seed: 9)));
        var v = Assert.IsType<VarianceScaling>(vs);
        Assert.Equal((2.5, "fan_out", "uniform", (int?)9), (v.Scale, v.Mode, v.Distribution, v.Seed));
        var l1l2 = Assert.IsType<L1L2>(Keras.Saving.DeserializeKerasObject<Regularizer>(Keras.Saving.SerializeKerasObject(new L1L2(0.3, 0.4))));
        Assert.Equal((0.3, 0.4), (l1l2.L1, l1l2.L2));
    }

    [Fact]
    public void Optimizers_RoundTripByConfig_IncludingSchedules()
    {
        Optimizer[] optimizers =
        [
            new SGD(0.05, momentum: 0.9, nesterov: true, name: "sgd_cfg"),
            new RMSprop(0.002, rho: 0.8, momentum: 0.1, centered: true, name: "rms_cfg"),
            new Adam(new ExponentialDecay(0.1, 100, 0.5, staircase: true), beta1: 0.8, amsgrad: true, clipnorm: 1.0, name: "adam_cfg"),
            new AdamW(0.003, weightDecay: 0.01, name: "adamw_cfg"),
            new Adagrad(0.01, initialAccumulatorValue: 0.2, name: "adagrad_cfg"),
            new Adadelta(1.0, rho: 0.9, name: "adadelta_cfg"),
            new Adamax(0.004, beta2: 0.99, name: "adamax_cfg"),
            new Nadam(0.005, epsilon: 1e-6, globalClipnorm: 2.0, name: "nadam_cfg"),
            new SGD(new PiecewiseConstantDecay([10.0, 20.0], [0.1, 0.05, 0.01]), name: "sgd_piecewise"),
        ];
        foreach (var optimizer in optimizers)
        {
            var json = KerasJson.Write(Keras.Saving.SerializeKerasObject(optimizer));
            var copy = Keras.Saving.DeserializeKerasObject<Optimizer>(KerasJson.Parse(json)!);
            Assert.Equal(optimizer.GetType(), copy.GetType());
            Assert.Equal(json, KerasJson.Write(Keras.Saving.SerializeKerasObject(copy)));
        }

        var adam = (Adam)Keras.Saving.DeserializeKerasObject<Optimizer>(Keras.Saving.SerializeKerasObject(optimizers[2]));
        Assert.Equal(0.8, adam.Beta1);
        // ExponentialDecay staircase: 0.1 · 0.5^floor(150/100)
        Assert.Equal(0.05, adam.Schedule!.Call(150), 12);
    }

    [Fact]
    public void LossesAndMetrics_ResolveByNameAndConfig()
    {
        var loss = new DeepKeras.Losses.CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1, reduction: Reduction.Sum, name: "cce");
        var json = KerasJson.Write(Keras.Saving.SerializeKerasObject(loss));
        Assert.Equal(
            J("{'module': 'keras.losses', 'class_name': 'CategoricalCrossentropy', 'config': {'name': 'cce', 'reduction': 'sum', 'from_logits': true, 'label_smoothing': 0.1, 'axis': -1}, 'registered_name': null}"),
            json);
        var copy = Assert.IsType<DeepKeras.Losses.CategoricalCrossentropy>(Keras.Saving.DeserializeKerasObject<Loss>(KerasJson.Parse(json)!));
        Assert.Equal((true, 0.1, Reduction.Sum, "cce"), (copy.FromLogits, copy.LabelSmoothing, copy.Reduction, copy.Name));
        Assert.IsType<DeepKeras.Losses.MeanSquaredError>(Keras.Saving.DeserializeKerasObject<Loss>("mse"));

        var metric = Assert.IsType<BinaryAccuracy>(Keras.Saving.DeserializeKerasObject<Metric>(
            KerasJson.Parse(J("{'module': 'keras.metrics', 'class_name': 'BinaryAccuracy', 'config': {'name': 'acc9', 'dtype': 'float32', 'threshold': 0.9}, 'registered_name': null}"))!));
        Assert.Equal("acc9", metric.Name);
        // threshold 0.9: predictions 0.95 → 1 (right), 0.85 → 0 (wrong for label 1)
        metric.UpdateState(tensor(new[] { 1f, 1f }).reshape(2, 1), tensor(new[] { 0.95f, 0.85f }).reshape(2, 1));
        Assert.Equal(0.5, metric.Result(), 6);
    }

    [Fact]
    public void CompileConfig_RestoresOptimizerLossMetricsAndWeights()
    {
        var input = Keras.Input(shape: 3, name: "cc_in");
        var o1 = new Dense(1, name: "cc_a").Apply(input);
        var o2 = new Dense(2, activation: "softmax", name: "cc_b").Apply(input);
        var model = new Functional([input], [o1, o2], name: "cc_model");
        model.Compile(optimizer: new SGD(0.3, momentum: 0.5, name: "sgd"), loss: ["mse", new DeepKeras.Losses.SparseCategoricalCrossentropy(fromLogits: false, name: "scce")],
            metrics: ["mae"], lossWeights: [1.0, 0.25]);
        var json = model.ToJson();
        Assert.Contains("\"loss\": [\"mse\", {\"module\": \"keras.losses\", \"class_name\": \"SparseCategoricalCrossentropy\"", json);
        Assert.Contains("\"loss_weights\": [1.0, 0.25], \"metrics\": [\"mae\"]", json);

        var loaded = Keras.Models.ModelFromJson(json);
        Assert.False(loaded.Compiled);
        Assert.True(CompileConfig.Restore(loaded, ((Dictionary<string, object?>)KerasJson.Parse(json)!)["compile_config"],
            new DeserializationContext("<json>", null, true)));
        var sgd = Assert.IsType<SGD>(loaded.Optimizer);
        Assert.Equal((0.3, 0.5), (sgd.LearningRate, sgd.Momentum));
        Assert.Equal(json, loaded.ToJson());
    }

    [Fact]
    public void Lambda_IsRefusedInSafeMode_AndNeverRunFromTheFile()
    {
        var input = Keras.Input(shape: 2, name: "lam_in");
        var output = new Lambda(t => t * 3, name: "triple").Apply(input);
        var json = new Functional(input, output, name: "lam_model").ToJson();
        Assert.Contains("\"class_name\": \"__lambda__\"", json);

        var e = Assert.Throws<KerasFileException>(() => Keras.Models.ModelFromJson(json));
        Assert.Contains("Python lambda", e.Message);
        Assert.Contains("safeMode: false", e.Message);

        var unsafeWithout = Assert.Throws<KerasFileException>(() => Keras.Models.ModelFromJson(json, safeMode: false));
        Assert.Contains("never runs", unsafeWithout.Message);
        Assert.Contains("\"triple\"", unsafeWithout.Message);

        Func<Tensor, Tensor> supplied = t => t * 3;
        var loaded = Keras.Models.ModelFromJson(json, new Dictionary<string, object> { ["triple"] = supplied }, safeMode: false);
        // 3 · [1, 2]
        Assert.Equal(new[] { 3f, 6f }, loaded.Forward([tensor(new[] { 1f, 2f }).reshape(1, 2)], false)[0].data<float>().ToArray());
    }

    [Fact]
    public void RegisteredFunction_LoadsInSafeMode()
    {
        Func<Tensor, Tensor> square = t => t * t;
        Keras.Saving.RegisterKerasSerializable("tests>square", square);
        var input = Keras.Input(shape: 2, name: "sq_in");
        var output = new Lambda(square, name: "sq").Apply(input);
        var json = new Functional(input, output, name: "sq_model").ToJson();
        // Keras 3 writes the registered name in "config" and "function" as the registered name.
        Assert.Contains("\"function\": {\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"tests>square\", \"registered_name\": \"function\"}", json);

        var loaded = Keras.Models.ModelFromJson(json);
        // [2, 3]² = [4, 9]
        Assert.Equal(new[] { 4f, 9f }, loaded.Forward([tensor(new[] { 2f, 3f }).reshape(1, 2)], false)[0].data<float>().ToArray());
    }

    [Fact]
    public void CustomLayer_NeedsRegistration_ThenRoundTrips()
    {
        var input = Keras.Input(shape: 3, name: "scale_in");
        var output = new ScaleBy(2.5, name: "scale").Apply(input);
        var json = new Functional(input, output, name: "scale_model").ToJson();

        var unknown = Assert.Throws<KerasFileException>(() => Keras.Models.ModelFromJson(json));
        Assert.Contains("could not locate class 'ScaleBy'", unknown.Message);

        var viaCustomObjects = Keras.Models.ModelFromJson(json, new Dictionary<string, object> { ["ScaleBy"] = typeof(ScaleBy) });
        Assert.Equal(2.5, ((ScaleBy)viaCustomObjects.GetLayer("scale")).Factor);

        Assert.Equal("tests>ScaleBy", Keras.Saving.RegisterKerasSerializable<ScaleBy>());
        var registeredJson = new Functional(input, output, name: "scale_model2").ToJson();
        Assert.Contains("\"registered_name\": \"tests>ScaleBy\"", registeredJson);
        var loaded = Keras.Models.ModelFromJson(registeredJson);
        // 2.5 · [1, 2, 4]
        Assert.Equal(new[] { 2.5f, 5f, 10f }, loaded.Forward([tensor(new[] { 1f, 2f, 4f }).reshape(1, 3)], false)[0].data<float>().ToArray());
    }

    [Fact]
    public void InvalidConfigs_GiveClearErrors()
    {
        var bad = Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(
            KerasJson.Parse(J("{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'd', 'units': 0}, 'registered_name': null}"))!));
        Assert.Contains("layer 'd' (Dense)", bad.Message);
        Assert.Contains("Received: units=0", bad.Message);

        var wrongType = Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(
            KerasJson.Parse(J("{'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'd', 'units': 'ten'}, 'registered_name': null}"))!));
        Assert.Contains("invalid value for `units`: expected an integer, received 'ten'", wrongType.Message);

        var unknown = Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(
            KerasJson.Parse(J("{'module': 'os', 'class_name': 'System.IO.File', 'config': {}, 'registered_name': null}"))!));
        Assert.Contains("could not locate class 'System.IO.File'", unknown.Message);

        Assert.Throws<KerasFileException>(() => Keras.Models.ModelFromJson("{\"class_name\": "));
    }

    [Fact]
    public void Json_WritesPythonFloatsAndAsciiEscapes()
    {
        Assert.Equal(J(@"{'a': 1e-07, 'b': 0.1, 'c': 3.0, 'd': NaN, 'e': '\u00e9\n', 'f': [1, null, true]}"),
            KerasJson.Write(new Dictionary<string, object?>
            {
                ["a"] = 1e-7, ["b"] = 0.1f, ["c"] = 3.0, ["d"] = double.NaN, ["e"] = "é\n", ["f"] = new List<object?> { 1L, null, true },
            }));
        var parsed = (Dictionary<string, object?>)KerasJson.Parse(J("{'x': NaN, 'y': 'NaN', 'z': -Infinity, 'n': 5, 'r': 5.0}"))!;
        Assert.True(double.IsNaN((double)parsed["x"]!));
        Assert.Equal("NaN", parsed["y"]);
        Assert.Equal(double.NegativeInfinity, parsed["z"]);
        Assert.Equal(5L, parsed["n"]);
        Assert.Equal(5.0, parsed["r"]);
    }
}

/// <summary>A custom layer for registration tests: multiplies by a constant.</summary>
[KerasSerializable("tests")]
public sealed class ScaleBy(double factor, string? name = null) : Layer(name)
{
    public double Factor { get; } = factor;

    protected override Tensor Call(Tensor inputs, bool training) => inputs * Factor;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["factor"] = Factor;
        return c;
    }
}
