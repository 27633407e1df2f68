using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;
using Image = DeepKeras.Keras.Ops.Image;

namespace DeepKeras.Tests.Layers.Preprocessing;

/// <summary>What the golden files do not show: the layers inside Fit, the transforms they draw, the global seed and bad arguments.</summary>
public sealed class ImageAugmentationBehaviourTests
{
    [Fact]
    public void RandomLayers_AugmentInsideFit_AndNotInEvaluate()
    {
        Keras.Utils.SetRandomSeed(3);
        var x = rand(16, 4, 5, 1);
        var y = rand(16, 1);
        var model = new Sequential([Keras.Input(shape: (4, 5, 1)), Keras.Layers.RandomFlip("horizontal", seed: 9), Keras.Layers.Flatten(), Keras.Layers.Dense(1)]);
        model.Compile(optimizer: new SGD(0.0), loss: "mse");

        var history = model.Fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0);
        var evaluated = model.Evaluate(x, y, batchSize: 16, verbose: 0).Loss;

        // The weights do not move (learning rate 0): the training loss differs only because Fit saw flipped images.
        var flipped = Keras.Layers.RandomFlip("horizontal", seed: 9).Apply(x, training: true);
        var expected = (model.PredictTensors(flipped)[0] - y).square().mean().item<float>();
        TestData.Near(expected, history["loss"][0], 1e-5, "training loss on the flipped batch");
        Assert.NotEqual(evaluated, history["loss"][0], 4);
    }

    [Fact]
    public void RandomRotation_IsAffineTransformWithTheDrawnAngle_AndHalfATurnFlipsBothAxes()
    {
        var x = rand(2, 5, 5, 3);
        var halfTurn = RandomRotation.RotationTransforms(tensor(new float[] { 180, 180 }), 5, 5);
        KerasGolden.AssertClose(x.flip(1, 2), Image.AffineTransform(x, halfTurn), 1e-5, "180 degrees");

        // A factor (0.5, 0.5) draws exactly 180 degrees.
        var layer = Keras.Layers.RandomRotation((0.5, 0.5), seed: 1);
        KerasGolden.AssertClose(x.flip(1, 2), layer.Apply(x, training: true), 1e-5, "RandomRotation((0.5, 0.5))");
    }

    [Fact]
    public void UnseededLayers_FollowTheGlobalSeed()
    {
        var x = rand(3, 4, 4, 2);
        Layer[] Make() => [Keras.Layers.RandomZoom(0.3), Keras.Layers.RandomTranslation(0.2, 0.2), Keras.Layers.RandomContrast(0.4, valueRange: [0, 1])];
        Keras.Utils.SetRandomSeed(11);
        var first = Make().Select(l => l.Apply(x, training: true)).ToArray();
        Keras.Utils.SetRandomSeed(11);
        var second = Make().Select(l => l.Apply(x, training: true)).ToArray();

        for (var i = 0; i < first.Length; i++)
        {
            KerasGolden.AssertClose(first[i], second[i], 0, $"layer {i}");
            Assert.False(first[i].allclose(x), $"layer {i} changed the images");
        }
    }

    [Fact]
    public void ChannelsFirst_GivesTheChannelsLastResultTransposed()
    {
        var x = rand(2, 5, 6, 3);
        var last = Keras.Layers.RandomTranslation(0.3, 0.3, seed: 4).Apply(x, training: true);
        var first = Keras.Layers.RandomTranslation(0.3, 0.3, seed: 4, dataFormat: "channels_first").Apply(x.permute(0, 3, 1, 2), training: true);
        KerasGolden.AssertClose(last, first.permute(0, 2, 3, 1), 1e-6);
        Assert.Equal("(None, 3, 2, 4)", Keras.Layers.CenterCrop(2, 4, dataFormat: "channels_first").ComputeOutputShape(new Shape(null, 3, 5, 6)).ToString());
    }

    [Fact]
    public void BadArguments_NameLayerArgumentAndValue()
    {
        Assert.Contains("Layer \"rot\" (RandomRotation): the `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomRotation(1.5, name: "rot")).Message);
        Assert.Contains("Received: factor=(0.1, 0.2, 0.3)",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomRotation(new[] { 0.1, 0.2, 0.3 })).Message);
        Assert.Contains("`height_factor` argument should be a number (or a list of two numbers) in the range (-1.0, 1.0]. Received: height_factor=(-1, 0.5)",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomZoom((-1.0, 0.5))).Message);
        Assert.Contains("`width_factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: width_factor=1.2",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomTranslation(0.1, 1.2)).Message);
        Assert.Contains("in the range [0, 1]. Received: factor=-0.2",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomContrast(-0.2)).Message);
        Assert.Contains("`valueRange` must be two numbers [low, high]. Received: valueRange=[1]",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomContrast(0.2, valueRange: [1.0])).Message);
        Assert.Contains("unknown `fill_mode` mirror",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomZoom(0.2, fillMode: "mirror")).Message);
        Assert.Contains("(RandomTranslation): unknown `interpolation` bicubic",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomTranslation(0.1, 0.1, interpolation: "bicubic")).Message);
        Assert.Contains("(RandomFlip): `mode` must be one of 'horizontal', 'vertical', 'horizontal_and_vertical'. Received: mode=diagonal",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomFlip("diagonal")).Message);
        Assert.Contains("Layer \"r\" (Resizing): invalid `interpolation`",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Resizing(4, 4, interpolation: "area", name: "r")).Message);
        Assert.Contains("(Resizing): `size` must have positive height and width. Received: size=(0, 4)",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Resizing(0, 4)).Message);
        Assert.Contains("(CenterCrop): `height` and `width` must be positive. Received: height=3, width=-1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Layers.CenterCrop(3, -1)).Message);
        Assert.Contains("The `data_format` argument must be one of",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomFlip(dataFormat: "nhwc")).Message);
        Assert.Contains("(RandomFlip) expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape=(2, 3)",
            Assert.Throws<ArgumentException>(() => Keras.Layers.RandomFlip().Apply(zeros(2, 3), training: true)).Message);
    }
}
