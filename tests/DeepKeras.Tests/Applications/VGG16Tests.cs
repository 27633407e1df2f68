using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class VGG16Tests
{
    private static readonly string[] ConvNames =
    [
        "block1_conv1", "block1_conv2", "block1_pool",
        "block2_conv1", "block2_conv2", "block2_pool",
        "block3_conv1", "block3_conv2", "block3_conv3", "block3_pool",
        "block4_conv1", "block4_conv2", "block4_conv3", "block4_pool",
        "block5_conv1", "block5_conv2", "block5_conv3", "block5_pool",
    ];

    // A 3×3 convolution has 3·3·in·out weights plus `out` biases.
    private static long Conv(long inChannels, long filters) => (3 * 3 * inChannels * filters) + filters;

    private static readonly long[] ConvParams =
    [
        Conv(3, 64), Conv(64, 64), 0,                       // 1,792; 36,928
        Conv(64, 128), Conv(128, 128), 0,                   // 73,856; 147,584
        Conv(128, 256), Conv(256, 256), Conv(256, 256), 0,  // 295,168; 590,080 ×2
        Conv(256, 512), Conv(512, 512), Conv(512, 512), 0,  // 1,180,160; 2,359,808 ×2
        Conv(512, 512), Conv(512, 512), Conv(512, 512), 0,  // 2,359,808 ×3
    ];

    [Fact]
    public void VGG16_WithTop_KerasLayerNamesAndParamCounts()
    {
        var model = DeepKeras.Applications.VGG16();

        Assert.Equal("vgg16", model.Name);
        Assert.IsType<InputLayer>(model.Layers[0]);
        Assert.Equal([.. ConvNames, "flatten", "fc1", "fc2", "predictions"], model.Layers.Skip(1).Select(l => l.Name));
        Assert.Equal([1_792L, 36_928L, 0L, 73_856L, 147_584L, 0L, 295_168L, 590_080L, 590_080L, 0L,
            1_180_160L, 2_359_808L, 2_359_808L, 0L, 2_359_808L, 2_359_808L, 2_359_808L, 0L], ConvParams);
        // flatten: 7·7·512 = 25,088 → fc1 25,088·4096 + 4096 = 102,764,544; fc2 4096·4096 + 4096 = 16,781,312;
        // predictions 4096·1000 + 1000 = 4,097,000.
        Assert.Equal([.. ConvParams, 0L, 102_764_544L, 16_781_312L, 4_097_000L], model.Layers.Skip(1).Select(l => l.CountParams()));
        Assert.Equal(138_357_544L, model.CountParams());
        Assert.Equal(new Shape(null, 224, 224, 3), model.Inputs[0].Shape);
        Assert.Equal(new Shape(null, 7, 7, 512), model.GetLayer("block5_pool").ComputeOutputShape(new Shape(null, 14, 14, 512)));
        Assert.Equal(new Shape(null, 1000), model.Outputs[0].Shape);
        Assert.Equal("softmax", ((Dense)model.GetLayer("predictions")).Activation.Name);
        Assert.All(model.Layers.OfType<Conv2D>(), c =>
        {
            Assert.Equal([3, 3], c.KernelSize);
            Assert.Equal("same", c.Padding);
            Assert.Equal("relu", c.Activation.Name);
        });
        Assert.Contains("Total params: 138,357,544 (527.79 MB)", model.ToSummaryString(lineLength: 100));
    }

    [Fact]
    public void VGG16_WithoutTop_HasTheConvBaseParamsForAnyInputSize()
    {
        var model = DeepKeras.Applications.VGG16(includeTop: false);

        Assert.Equal(ConvNames, model.Layers.Skip(1).Select(l => l.Name));
        // The sum of the 13 convolutions above.
        Assert.Equal(ConvParams.Sum(), model.CountParams());
        Assert.Equal(14_714_688L, model.CountParams());
        Assert.Equal(new Shape(null, null, null, 3), model.Inputs[0].Shape);
        Assert.Equal(new Shape(null, null, null, 512), model.Outputs[0].Shape);

        // Five 2×2 poolings: 64 → 32 → 16 → 8 → 4 → 2.
        var output = model.Predict(new float[2, 64, 64, 3]);
        Assert.Equal(new long[] { 2, 2, 2, 512 }, output.shape);
    }

    [Fact]
    public void VGG16_SmallInput_EndsInOneByOneMaps()
    {
        var model = DeepKeras.Applications.VGG16(includeTop: false, inputShape: (32, 32, 3));

        // 32 / 2⁵ = 1.
        Assert.Equal(new Shape(null, 1, 1, 512), model.Outputs[0].Shape);
        Assert.Equal(new Shape(null, 2, 2, 512), model.GetLayer("block4_pool").ComputeOutputShape(new Shape(null, 4, 4, 512)));
        Assert.Equal(14_714_688L, model.CountParams());
    }

    [Theory]
    [InlineData("avg", "GlobalAveragePooling2D")]
    [InlineData("max", "GlobalMaxPooling2D")]
    public void VGG16_Pooling_AddsGlobalPoolingWithoutTop(string pooling, string className)
    {
        var model = DeepKeras.Applications.VGG16(includeTop: false, inputShape: (48, 48, 3), pooling: pooling);

        Assert.Equal(className, model.Layers[^1].ClassName);
        Assert.Equal(new Shape(null, 512), model.Outputs[0].Shape);
        Assert.Equal(14_714_688L, model.CountParams());
    }

    [Fact]
    public void VGG16_TopWithOtherSizeAndClasses_FcSizesFollow()
    {
        // Random weights allow any static size with the top: 64×64 → 2×2×512 = 2,048 features into fc1.
        var model = DeepKeras.Applications.VGG16(inputShape: (64, 64, 3), classes: 5, classifierActivation: null, name: "small_vgg");

        Assert.Equal("small_vgg", model.Name);
        Assert.Equal((2_048L * 4_096) + 4_096, model.GetLayer("fc1").CountParams());
        Assert.Equal((4_096L * 5) + 5, model.GetLayer("predictions").CountParams());
        Assert.Equal("linear", ((Dense)model.GetLayer("predictions")).Activation.Name);
    }

    [Fact]
    public void VGG16_InputTensor_IsUsedAndItsSourceInputBecomesTheModelInput()
    {
        var source = Keras.Input((40, 40, 1));
        var rgb = new Conv2D(3, 1, name: "to_rgb").Apply(source);

        var model = DeepKeras.Applications.VGG16(includeTop: false, inputTensor: rgb);

        Assert.Same(source, model.Inputs[0]);
        Assert.Equal("to_rgb", model.Layers[1].Name);
        // 40 → 20 → 10 → 5 → 2 → 1.
        Assert.Equal(new Shape(null, 1, 1, 512), model.Outputs[0].Shape);
        Assert.Equal(14_714_688L + 6, model.CountParams());
    }

    [Fact]
    public void VGG16_InvalidArguments_FollowKerasRules()
    {
        var small = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(includeTop: false, inputShape: (31, 64, 3)));
        Assert.Contains("at least 32x32", small.Message);

        var rank = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(includeTop: false, inputShape: (64, 64)));
        Assert.Contains("three integers", rank.Message);

        var dynamic = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(inputShape: new Shape(null, null, 3)));
        Assert.Contains("static `inputShape`", dynamic.Message);

        var pooling = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(includeTop: false, pooling: "sum"));
        Assert.Contains("pooling=sum", pooling.Message);

        var classes = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(weights: "imagenet", classes: 10));
        Assert.Contains("`classes` should be 1000", classes.Message);

        var shape = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(weights: "imagenet", inputShape: (64, 64, 3)));
        Assert.Contains("should be (224, 224, 3)", shape.Message);

        var channels = Assert.Throws<ArgumentException>(() =>
            DeepKeras.Applications.VGG16(includeTop: false, weights: "imagenet", inputShape: (64, 64, 1)));
        Assert.Contains("3 channels", channels.Message);

        var missing = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(weights: "/no/such/vgg16.weights.h5"));
        Assert.Contains("weights=/no/such/vgg16.weights.h5", missing.Message);

        var activation = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16(weights: "imagenet", classifierActivation: "relu"));
        Assert.Contains("Only `null` and `softmax`", activation.Message);
    }

    [Fact]
    public void VGG16_ImagenetWeightsOffline_SayWhereToPutTheKerasFile()
    {
        using var home = new DeepKeras.Tests.Datasets.KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");

        var e = Assert.Throws<FileNotFoundException>(() => DeepKeras.Applications.VGG16(includeTop: false, weights: "imagenet"));

        // Keras's cache layout for application weights: ~/.keras/models/<file>.
        Assert.Equal(Path.Combine(home.Root, "models", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"), e.FileName);
        Assert.Contains("weights: null", e.Message);
    }

    [Fact]
    public void VGG16_WeightsPath_LoadsTheFile()
    {
        Keras.Utils.SetRandomSeed(21);
        var trained = DeepKeras.Applications.VGG16(includeTop: false, inputShape: (32, 32, 3));
        var file = Path.Combine(Path.GetTempPath(), $"vgg16-{Guid.NewGuid():N}.weights.h5");
        var wrong = Path.Combine(Path.GetTempPath(), $"convnet-{Guid.NewGuid():N}.weights.h5");
        try
        {
            trained.SaveWeights(file);
            Keras.Utils.SetRandomSeed(22);

            var loaded = DeepKeras.Applications.VGG16(includeTop: false, inputShape: (32, 32, 3), weights: file);

            var expected = trained.GetWeights();
            var actual = loaded.GetWeights();
            Assert.Equal(26, actual.Count);
            foreach (var i in new[] { 0, 1, 12, 25 })
            {
                Assert.Equal(expected[i].ToArray<float>(), actual[i].ToArray<float>());
            }

            // A file for another architecture is refused.
            DeepKeras.Applications.Cnn.MnistConvnet().SaveWeights(wrong);
            var e = Assert.Throws<DeepKeras.Saving.KerasFileException>(() =>
                DeepKeras.Applications.VGG16(includeTop: false, inputShape: (32, 32, 3), weights: wrong));
            Assert.Contains(wrong, e.Message);
        }
        finally
        {
            File.Delete(file);
            File.Delete(wrong);
        }
    }

    [Fact]
    public void VGG16_FrozenBaseWithNewHead_TrainsOnlyTheHead()
    {
        Keras.Utils.SetRandomSeed(3);
        var baseModel = DeepKeras.Applications.VGG16(includeTop: false, inputShape: (32, 32, 3));
        baseModel.Trainable = false;
        var inputs = Keras.Input((32, 32, 3));
        var features = new GlobalAveragePooling2D().Apply(baseModel.Apply(inputs));
        var outputs = new Dense(2, activation: "softmax").Apply(features);
        var model = Keras.Model(inputs, outputs, name: "vgg16_transfer");
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

        // Only the head trains: 512·2 + 2 = 1,026 parameters.
        Assert.Equal(1_026L, model.TrainableWeights.Sum(w => w.Count));
        Assert.Equal(14_714_688L, model.NonTrainableWeights.Sum(w => w.Count));

        // Class 1 images are bright, class 0 dark: even random frozen features separate them.
        var n = 32;
        var x = new float[n, 32, 32, 3];
        var y = new long[n];
        var random = new Random(5);
        for (var i = 0; i < n; i++)
        {
            y[i] = i % 2;
            for (var h = 0; h < 32; h++)
            {
                for (var w = 0; w < 32; w++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        x[i, h, w, c] = (float)((y[i] == 1 ? 100 : -100) + (random.NextDouble() * 40));
                    }
                }
            }
        }

        var baseBefore = baseModel.GetWeights().Select(a => a.ToArray<float>()).ToList();
        var headBefore = model.Layers[^1].Weights[0].Numpy().ToArray<float>();

        var history = model.Fit(x, y, batchSize: 8, epochs: 5, verbose: 0);

        var baseAfter = baseModel.GetWeights().Select(a => a.ToArray<float>()).ToList();
        Assert.All(Enumerable.Range(0, baseBefore.Count), i => Assert.Equal(baseBefore[i], baseAfter[i]));
        Assert.NotEqual(headBefore, model.Layers[^1].Weights[0].Numpy().ToArray<float>());
        Assert.True(history.HistoryData["loss"][^1] < history.HistoryData["loss"][0],
            $"loss should drop: {string.Join(", ", history.HistoryData["loss"])}");
        Assert.True(history.HistoryData["accuracy"][^1] >= 0.9, $"accuracy {history.HistoryData["accuracy"][^1]}");
    }

    [Fact]
    public void VGG16PreprocessInput_CaffeMode_SwapsToBgrAndSubtractsTheImagenetMeans()
    {
        // One 1×2 RGB image: pixels (10, 20, 30) and (255, 0, 128).
        var rgb = np.array(new byte[] { 10, 20, 30, 255, 0, 128 }).reshape(1, 1, 2, 3);

        var x = DeepKeras.Applications.VGG16PreprocessInput(rgb);

        Assert.Equal(new long[] { 1, 1, 2, 3 }, x.shape);
        Assert.Equal(NPTypeCode.Single, x.typecode);
        // BGR minus (103.939, 116.779, 123.68): (30 − 103.939, 20 − 116.779, 10 − 123.68), (128 − 103.939, 0 − 116.779, 255 − 123.68).
        var expected = new[] { -73.939, -96.779, -113.68, 24.061, -116.779, 131.32 };
        var actual = x.ToArray<float>();
        Assert.All(Enumerable.Range(0, 6), i => TestData.Near(expected[i], actual[i], 1e-4, $"value {i}"));
        // The input is not changed.
        Assert.Equal(new byte[] { 10, 20, 30, 255, 0, 128 }, rgb.ToArray<byte>());
    }

    [Fact]
    public void VGG16PreprocessInput_ChannelsFirst_UsesAxisOne()
    {
        var rgb = tensor(new float[] { 10, 20, 30 }).reshape(1, 3, 1, 1);

        var x = DeepKeras.Applications.VGG16PreprocessInput(rgb, dataFormat: "channels_first");

        Tensors.Near([30 - 103.939, 20 - 116.779, 10 - 123.68], x.flatten(), 1e-4);
    }

    [Fact]
    public void VGG16PreprocessInput_NotThreeChannels_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.VGG16PreprocessInput(zeros(2, 8, 8, 1)));
        Assert.Contains("3 channels", e.Message);
        Assert.Contains("(2, 8, 8, 1)", e.Message);
    }
}
