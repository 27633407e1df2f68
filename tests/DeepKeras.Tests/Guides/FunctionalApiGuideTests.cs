using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// Keras's guide "The Functional API" (keras-io guides/keras_core/functional_api.py), cell by cell. Shapes, parameter
/// counts and summary totals are the ones Keras prints for these cells (deterministic); the dict output order was
/// checked against Keras 3.15.1. Training cells run one epoch on small seeded data; no golden training numbers.
/// </summary>
/// <remarks>
/// "other name": <c>Apply</c> for calling a layer or model (<c>layer(x)</c>); <c>ToSummaryString()</c> for
/// <c>summary()</c>; <c>batchSize: 16</c> with the sample shape for <c>batch_shape=(16, 10, 5)</c>.
/// <code>
/// cell   what                                      after (now)                               before (46043e9)
///  1     imports                                   straight (using directives)               straight
///  2-5   Input(784), Input(32,32,3), shape, dtype  straight                                  straight
///  6-7   Dense layers on the inputs                other name: Apply                         other name: Apply
///  8-9   Model(..., name), summary                 other name: ToSummaryString               other name
///  10-11 plot_model (with and without shapes)      straight (tested via ModelToDot: the PNG  impossible: no plot_model
///                                                  needs Graphviz's dot)
///  12    MNIST compile/fit/evaluate                other name: seeded random 256 rows        other name: metrics as Metric objects
///                                                  (MNIST not in the cache)                  (new SparseCategoricalAccuracy())
///  13    save / load_model                         straight                                  straight
///  14    encoder + autoencoder on one graph        straight                                  straight
///  15    models called as layers                   other name: Apply                         other name: Apply
///  16    ensemble with layers.average              straight (Keras.Layers.Average)           impossible: no Average layer
///  17    3 inputs, dict of 2 named outputs         straight (Dictionary outputs)             impossible: no dict outputs
///  18    plot_model                                straight (as 10-11)                       impossible: no plot_model
///  19    compile with lists of losses, weights     straight                                  impossible: (cell 17)
///  20    compile with dicts of losses, weights     straight                                  impossible: (cell 17), no dict compile
///  21    fit with dicts of arrays                  other name: 64 rows, 1 epoch              impossible: (cell 17)
///  22    toy ResNet with layers.add                straight (Keras.Layers.Add)               other name: new Add().Apply(x, y)
///  23    plot_model                                straight (as 10-11)                       impossible: no plot_model
///  24    CIFAR10 fit                               impossible: no CIFAR10 in the cache       impossible: same
///  25    shared Embedding, two int inputs          other name: Apply                         other name: Apply
///  26-28 VGG19 feature extraction                  other name: Applications.VGG19, Inputs    impossible: no VGG19 (VGG16 only)
///  29    CustomDense in a functional model         other name: Build/Call overrides,         other name: protected Build,
///                                                  Keras.Ops.Matmul                          torch matmul (no Keras.Ops)
///  30    get_config, Model.from_config             straight (customObjects of Types)         impossible: no Model.FromConfig
///  31    functional model inside a CustomRNN       other name: Call override, Apply          other name: TrackLayer, torch ops
///  32    CustomRNN in a model with a static batch  other name: batchSize for batch_shape     other name: (cell 31)
/// </code>
/// Counts (24 rows as grouped above) — after: straight 13, other name 9, impossible 2.
/// Before: straight 4, other name 9, impossible 11.
/// </remarks>
public sealed class FunctionalApiGuideTests
{
    private static Functional MnistModel()
    {
        var inputs = Keras.Input(shape: 784);
        var dense = new Dense(64, activation: "relu");
        var x = dense.Apply(inputs);
        x = new Dense(64, activation: "relu").Apply(x);
        var outputs = new Dense(10).Apply(x);
        return Keras.Model(inputs, outputs, name: "mnist_model");
    }

    [Fact]
    public void Cell02_05_Input_ShapeAndDType()
    {
        var inputs = Keras.Input(shape: 784);
        var imgInputs = Keras.Input(shape: new Shape(32, 32, 3));
        Assert.Equal(new Shape(null, 784), inputs.Shape);
        Assert.Equal(new Shape(null, 32, 32, 3), imgInputs.Shape);
        Assert.Equal("float32", inputs.DType);
    }

    [Fact]
    public void Cell06_09_MnistModel_OutputShapeAndParamCount()
    {
        var model = MnistModel();
        Assert.Equal("mnist_model", model.Name);
        Assert.Equal(new Shape(null, 10), model.Output.Shape);
        Assert.Equal(55_050, model.CountParams());
        var summary = model.ToSummaryString();
        Assert.Contains("mnist_model", summary);
        Assert.Contains("55,050", summary);
    }

    [Fact]
    public void Cell12_MnistModel_FitsAndEvaluates_OnASeededSlice()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = MnistModel();
        model.Compile(loss: new SparseCategoricalCrossentropy(fromLogits: true), optimizer: new RMSprop(), metrics: ["accuracy"]);
        var gen = new System.Random(0);
        var x = tensor(Enumerable.Range(0, 256 * 784).Select(_ => gen.NextSingle()).ToArray()).reshape(256, 784);
        var y = tensor(Enumerable.Range(0, 256).Select(i => (long)(i % 10)).ToArray());
        var history = model.Fit(x, y, batchSize: 64, epochs: 1, validationSplit: 0.2, verbose: 0);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.HistoryData.Keys.Order(StringComparer.Ordinal));
        var scores = model.Evaluate(x, y, verbose: 0);
        Assert.Equal(2, scores.Count);
        Assert.InRange(scores[0], 0.0, 10.0);
        Assert.InRange(scores[1], 0.0, 1.0);
    }

    [Fact]
    public void Cell13_SaveAndLoadModel_KeepsTheGraphAndWeights()
    {
        var model = MnistModel();
        var dir = Directory.CreateTempSubdirectory("guide_functional_").FullName;
        try
        {
            var path = System.IO.Path.Combine(dir, "my_model.keras");
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path);
            Assert.Equal("mnist_model", loaded.Name);
            Assert.Equal(55_050, loaded.CountParams());
            var x = ones(2, 784);
            Assert.Equal(model.Predict(x, verbose: 0).ToArray<float>(), loaded.Predict(x, verbose: 0).ToArray<float>());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (KerasTensor Input, KerasTensor Output) EncoderGraph(string inputName)
    {
        var encoderInput = Keras.Input(shape: new Shape(28, 28, 1), name: inputName);
        var x = new Conv2D(16, 3, activation: "relu").Apply(encoderInput);
        x = new Conv2D(32, 3, activation: "relu").Apply(x);
        x = new MaxPooling2D(3).Apply(x);
        x = new Conv2D(32, 3, activation: "relu").Apply(x);
        x = new Conv2D(16, 3, activation: "relu").Apply(x);
        return (encoderInput, new GlobalMaxPooling2D().Apply(x));
    }

    private static KerasTensor DecoderGraph(KerasTensor input)
    {
        var x = new Reshape(new Shape(4, 4, 1)).Apply(input);
        x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
        x = new Conv2DTranspose(32, 3, activation: "relu").Apply(x);
        x = new UpSampling2D(3).Apply(x);
        x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
        return new Conv2DTranspose(1, 3, activation: "relu").Apply(x);
    }

    [Fact]
    public void Cell14_EncoderAndAutoencoder_ShareOneGraph()
    {
        var (encoderInput, encoderOutput) = EncoderGraph("img");
        var encoder = Keras.Model(encoderInput, encoderOutput, name: "encoder");
        Assert.Equal(new Shape(null, 16), encoder.Output.Shape);
        Assert.Equal(18_672, encoder.CountParams());
        var autoencoder = Keras.Model(encoderInput, DecoderGraph(encoderOutput), name: "autoencoder");
        Assert.Equal(new Shape(null, 28, 28, 1), autoencoder.Output.Shape);
        Assert.Equal(28_241, autoencoder.CountParams());
        Assert.Contains("28,241", autoencoder.ToSummaryString());
    }

    [Fact]
    public void Cell15_ModelsCalledAsLayers_NestInAnAutoencoder()
    {
        var (encoderInput, encoderOutput) = EncoderGraph("original_img");
        var encoder = Keras.Model(encoderInput, encoderOutput, name: "encoder");
        var decoderInput = Keras.Input(shape: 16, name: "encoded_img");
        var decoder = Keras.Model(decoderInput, DecoderGraph(decoderInput), name: "decoder");
        Assert.Equal(9_569, decoder.CountParams());
        var autoencoderInput = Keras.Input(shape: new Shape(28, 28, 1), name: "img");
        var decoded = decoder.Apply(encoder.Apply(autoencoderInput));
        var autoencoder = Keras.Model(autoencoderInput, decoded, name: "autoencoder");
        Assert.Equal(new Shape(null, 28, 28, 1), decoded.Shape);
        Assert.Equal(28_241, autoencoder.CountParams());
        Assert.Equal(["img", "encoder", "decoder"], autoencoder.Layers.Select(l => l.Name));
        var y = autoencoder.Predict(zeros(2, 28, 28, 1), verbose: 0);
        Assert.Equal([2L, 28, 28, 1], y.shape);
    }

    [Fact]
    public void Cell16_Ensemble_AveragesThreeModels()
    {
        static Functional GetModel()
        {
            var inputs = Keras.Input(shape: 128);
            return Keras.Model(inputs, new Dense(1).Apply(inputs));
        }

        var models = new[] { GetModel(), GetModel(), GetModel() };
        var inputs = Keras.Input(shape: 128);
        var outputs = Keras.Layers.Average(models.Select(m => m.Apply(inputs)).ToArray());
        var ensemble = Keras.Model(inputs, outputs);
        Assert.Equal(3 * 129, ensemble.CountParams());
        var x = ones(4, 128);
        var each = models.Select(m => m.Predict(x, verbose: 0).ToArray<float>()).ToArray();
        var actual = ensemble.Predict(x, verbose: 0).ToArray<float>();
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal((each[0][i] + each[1][i] + each[2][i]) / 3, actual[i], 1e-5);
        }
    }

    private static Shape Sequence() => new(new int?[] { null });

    private static Functional TicketModel(int numWords = 10000, int numTags = 12, int numDepartments = 4)
    {
        var titleInput = Keras.Input(shape: Sequence(), name: "title");
        var bodyInput = Keras.Input(shape: Sequence(), name: "body");
        var tagsInput = Keras.Input(shape: numTags, name: "tags");
        var titleFeatures = new LSTM(128).Apply(new Embedding(numWords, 64).Apply(titleInput));
        var bodyFeatures = new LSTM(32).Apply(new Embedding(numWords, 64).Apply(bodyInput));
        var x = Keras.Layers.Concatenate([titleFeatures, bodyFeatures, tagsInput]);
        var priorityPred = new Dense(1, name: "priority").Apply(x);
        var departmentPred = new Dense(numDepartments, name: "department").Apply(x);
        return Keras.Model(
            inputs: new[] { titleInput, bodyInput, tagsInput },
            outputs: new Dictionary<string, KerasTensor> { ["priority"] = priorityPred, ["department"] = departmentPred });
    }

    [Fact]
    public void Cell17_TicketModel_ThreeInputsTwoNamedOutputs()
    {
        var model = TicketModel();
        Assert.All(new[] { "title", "body", "tags" }, name => Assert.IsType<InputLayer>(model.GetLayer(name)));
        Assert.Equal(new Shape(null, null), model.Inputs[0].Shape);
        // A dict of outputs flattens in sorted key order, as Keras's tree.flatten does.
        Assert.Equal(["department", "priority"], model.OutputNames);
        Assert.Equal(new Shape(null, 4), model.Outputs[0].Shape);
        Assert.Equal(new Shape(null, 1), model.Outputs[1].Shape);
        Assert.Equal((2 * 640_000) + 98_816 + 12_416 + 173 + 692, model.CountParams());
    }

    [Fact]
    public void Cell19_21_TicketModel_CompilesWithListsOrDicts_AndFitsOnDicts()
    {
        Keras.Utils.SetRandomSeed(2);
        var model = TicketModel();
        model.Compile(
            optimizer: new RMSprop(1e-3),
            loss: [new BinaryCrossentropy(fromLogits: true), new CategoricalCrossentropy(fromLogits: true)],
            lossWeights: [1.0, 0.2]);
        model.Compile(
            optimizer: new RMSprop(1e-3),
            loss: new Dictionary<string, Loss?>
            {
                ["priority"] = new BinaryCrossentropy(fromLogits: true),
                ["department"] = new CategoricalCrossentropy(fromLogits: true),
            },
            lossWeights: new Dictionary<string, double> { ["priority"] = 1.0, ["department"] = 0.2 });

        const int n = 64;
        var gen = new System.Random(0);
        Tensor Ints(int high, params long[] shape) =>
            tensor(Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => (long)gen.Next(high)).ToArray()).reshape(shape);
        var x = new Dictionary<string, ArrayLike>
        {
            ["title"] = Ints(10000, n, 10),
            ["body"] = Ints(10000, n, 20),
            ["tags"] = Ints(2, n, 12).to(float32),
        };
        var y = new Dictionary<string, ArrayLike>
        {
            ["priority"] = tensor(Enumerable.Range(0, n).Select(_ => gen.NextSingle()).ToArray()).reshape(n, 1),
            ["department"] = Ints(2, n, 4).to(float32),
        };
        var history = model.Fit(x, y, epochs: 1, batchSize: 32, verbose: 0);
        Assert.Equal(["department_loss", "loss", "priority_loss"], history.HistoryData.Keys.Order(StringComparer.Ordinal));
        var total = history.HistoryData["loss"][0];
        Assert.True(double.IsFinite(total) && total > 0, $"loss {total}");
    }

    private static (Functional Model, KerasTensor Block2Output) ToyResNet()
    {
        var inputs = Keras.Input(shape: new Shape(32, 32, 3), name: "img");
        var x = new Conv2D(32, 3, activation: "relu").Apply(inputs);
        x = new Conv2D(64, 3, activation: "relu").Apply(x);
        var block1Output = new MaxPooling2D(3).Apply(x);
        x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(block1Output);
        x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(x);
        var block2Output = Keras.Layers.Add([x, block1Output]);
        x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(block2Output);
        x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(x);
        var block3Output = Keras.Layers.Add([x, block2Output]);
        x = new Conv2D(64, 3, activation: "relu").Apply(block3Output);
        x = new GlobalAveragePooling2D().Apply(x);
        x = new Dense(256, activation: "relu").Apply(x);
        x = new Dropout(0.5).Apply(x);
        var outputs = new Dense(10).Apply(x);
        return (Keras.Model(inputs, outputs, name: "toy_resnet"), block2Output);
    }

    [Fact]
    public void Cell22_ToyResNet_ResidualAddsAndParamCount()
    {
        var (model, block2Output) = ToyResNet();
        Assert.Equal(new Shape(null, 9, 9, 64), block2Output.Shape);
        Assert.Equal(new Shape(null, 10), model.Output.Shape);
        Assert.Equal(223_242, model.CountParams());
        Assert.Contains("223,242", model.ToSummaryString());
    }

    [Fact]
    public void Cell25_SharedEmbedding_OneWeightTwoInputs()
    {
        var sharedEmbedding = new Embedding(1000, 128);
        var textInputA = Keras.Input(shape: Sequence(), dtype: "int32");
        var textInputB = Keras.Input(shape: Sequence(), dtype: "int32");
        var encodedInputA = sharedEmbedding.Apply(textInputA);
        var encodedInputB = sharedEmbedding.Apply(textInputB);
        Assert.Equal(new Shape(null, null, 128), encodedInputA.Shape);
        Assert.Equal(new Shape(null, null, 128), encodedInputB.Shape);
        var model = Keras.Model(new[] { textInputA, textInputB }, new[] { encodedInputA, encodedInputB });
        Assert.Single(model.Weights);
        Assert.Equal(128_000, model.CountParams());
    }

    /// <summary>The guide's CustomDense: a kernel and a bias, both random_normal, created in Build.</summary>
    public sealed class CustomDense(int units = 32) : Layer
    {
        /// <summary>The number of output units.</summary>
        public int Units { get; } = units;

        private Variable? _w;
        private Variable? _b;

        /// <inheritdoc/>
        public override void Build(Shape inputShape)
        {
            _w = AddWeight(shape: new Shape(inputShape[-1], Units), initializer: "random_normal", trainable: true);
            _b = AddWeight(shape: Units, initializer: "random_normal", trainable: true);
        }

        /// <inheritdoc/>
        protected override Tensor Call(Tensor inputs, bool training) => Keras.Ops.Matmul(inputs, _w!) + _b!;

        /// <inheritdoc/>
        public override Dictionary<string, object?> GetConfig() => new() { ["units"] = Units };
    }

    [Fact]
    public void Cell29_30_CustomDense_InAFunctionalModel_RoundTripsThroughItsConfig()
    {
        var inputs = Keras.Input(shape: 4);
        var outputs = new CustomDense(10).Apply(inputs);
        var model = Keras.Model(inputs, outputs);
        Assert.Equal(new Shape(null, 10), outputs.Shape);
        Assert.Equal(50, model.CountParams());

        var config = model.GetConfig();
        var newModel = Model.FromConfig(config, customObjects: new Dictionary<string, object> { ["CustomDense"] = typeof(CustomDense) });
        var layer = Assert.IsType<CustomDense>(newModel.Layers[^1]);
        Assert.Equal(10, layer.Units);
        Assert.Equal(50, newModel.CountParams());
    }

    private const int Units = 32;

    /// <summary>The guide's CustomRNN: two tanh projections stepped over time, then a classifier (a model or a Dense).</summary>
    private sealed class CustomRNN(Layer classifier) : Layer
    {
        private readonly Dense _projection1 = new(units: Units, activation: "tanh");
        private readonly Dense _projection2 = new(units: Units, activation: "tanh");

        public Layer Classifier { get; } = classifier;

        public List<long[]> PrintedShapes { get; } = [];

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var outputs = new List<Tensor>();
            var state = Keras.Ops.Zeros(new Shape((int)inputs.shape[0], Units));
            for (var t = 0; t < inputs.shape[1]; t++)
            {
                var x = inputs[.., t, ..];
                var h = _projection1.Apply(x);
                var y = h + _projection2.Apply(state);
                state = y;
                outputs.Add(y);
            }

            var features = Keras.Ops.Stack(outputs, axis: 1);
            PrintedShapes.Add(features.shape);
            return Classifier.Apply(features);
        }
    }

    [Fact]
    public void Cell31_FunctionalModel_InsideACustomLayer()
    {
        var inputs = Keras.Input(shape: new Shape(null, Units));
        var x = new GlobalAveragePooling1D().Apply(inputs);
        var model = Keras.Model(inputs, new Dense(1).Apply(x));

        var rnnModel = new CustomRNN(model);
        var y = rnnModel.Apply(Keras.Ops.Zeros(new Shape(1, 10, 5)));
        Assert.Equal([1L, 10, 32], Assert.Single(rnnModel.PrintedShapes));
        Assert.Equal([1L, 1], y.shape);
        Assert.Equal((5 * 32) + 32 + (32 * 32) + 32 + 33, rnnModel.CountParams());
    }

    [Fact]
    public void Cell32_CustomRNN_InAFunctionalModel_WithAStaticBatch()
    {
        var inputs = Keras.Input(shape: new Shape(10, 5), batchSize: 16);
        var x = new Conv1D(32, 3).Apply(inputs);
        var outputs = new CustomRNN(new Dense(1)).Apply(x);
        var model = Keras.Model(inputs, outputs);
        Assert.Equal(new Shape(16, 8, 1), outputs.Shape);
        Assert.Equal([16L, 8, 1], model.Predict(zeros(16, 10, 5), verbose: 0).shape.Select(d => (long)d));

        var rnnModel = new CustomRNN(new Dense(1));
        var y = rnnModel.Apply(Keras.Ops.Zeros(new Shape(1, 10, 5)));
        Assert.Equal([1L, 10, 1], y.shape);
    }

    [Fact]
    public void Cell10_11_PlotModel_GraphNamesEveryLayer_AndShapesOnRequest()
    {
        var model = MnistModel();
        var dot = Keras.Utils.ModelToDot(model);
        var withShapes = Keras.Utils.ModelToDot(model, showShapes: true);
        Assert.All(model.Layers, layer => Assert.Contains(layer.Name, dot));
        Assert.DoesNotContain("784", dot);
        Assert.Contains("784", withShapes);
    }

    /// <summary>
    /// A summary with each layer's auto-generated name blanked out: names count up per process (other tests build
    /// layers first), in the layer column and in "Connected to", so only the types, shapes, parameter counts and totals are compared.
    /// </summary>
    private static string WithoutLayerNames(string summary) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(summary.TrimEnd('\n'), @"│ [A-Za-z0-9_]+ \((\w+)\)\s*│", "│ ($1) │"),
            @"[A-Za-z0-9_]+(\[\d+\]\[\d+\])[ ,]*", "$1 ");

    private static string[] ShapesAndTotals(string summary) =>
        System.Text.RegularExpressions.Regex.Matches(summary, @"\(None[^)]*\)|\d[\d,]* │|params: .*").Select(m => m.Value).ToArray();

    [Fact]
    public void Cell09_22_Summaries_MatchKeras()
    {
        var g = KerasGolden.Case("guide_functional_summaries");
        Assert.Equal(WithoutLayerNames(g.Text("mnist_model")), WithoutLayerNames(MnistModel().ToSummaryString(lineLength: 88)));
        // toy_resnet's longer auto names (max_pooling2d_1, ...) wrap onto two rows: compare its shapes and totals.
        Assert.Equal(ShapesAndTotals(g.Text("toy_resnet")), ShapesAndTotals(ToyResNet().Model.ToSummaryString(lineLength: 88)));
    }
    /// <summary>Cells 26–28: every layer's output of VGG19 (random weights; the guide loads "imagenet") as one model.</summary>
    [Fact]
    public void Cell26To28_Vgg19FeatureExtractor_ReturnsEveryLayersActivation()
    {
        var vgg19 = global::DeepKeras.Applications.VGG19(weights: null);
        var featuresList = vgg19.Layers.Select(layer => layer.Output).ToArray();
        var featExtractionModel = Keras.Model(vgg19.Inputs.ToArray(), featuresList);

        using var img = rand(1, 224, 224, 3) * 255f;
        var extractedFeatures = featExtractionModel.ApplyAll([img]);

        Assert.Equal(143_667_240, vgg19.CountParams());
        Assert.Equal(vgg19.Layers.Count, extractedFeatures.Length);
        Assert.Equal([1L, 224, 224, 64], extractedFeatures[1].shape);
        Assert.Equal([1L, 1000], extractedFeatures[^1].shape);
        Assert.Equal(1.0, extractedFeatures[^1].sum().item<float>(), 1e-4);
        vgg19.Dispose();
    }
}
