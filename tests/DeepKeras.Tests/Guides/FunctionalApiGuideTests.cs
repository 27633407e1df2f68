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
}
