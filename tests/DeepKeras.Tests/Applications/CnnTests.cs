using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Applications;

public class CnnTests
{
    [Fact]
    public void MnistConvnet_IsTheKerasTutorialModel()
    {
        var model = DeepKeras.Applications.Cnn.MnistConvnet();

        Assert.Equal(["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dropout", "Dense"], model.Layers.Select(l => l.ClassName));
        // conv 3·3·1·32 + 32 = 320; conv 3·3·32·64 + 64 = 18,496; 28 → 26 → 13 → 11 → 5, so Flatten gives 5·5·64 = 1,600
        // and Dense 1,600·10 + 10 = 16,010. Total 34,826.
        Assert.Equal([320L, 0L, 18_496L, 0L, 0L, 0L, 16_010L], model.Layers.Select(l => l.CountParams()));
        Assert.Equal(34_826L, model.CountParams());
        Assert.Equal(
            [new Shape(null, 26, 26, 32), new Shape(null, 13, 13, 32), new Shape(null, 11, 11, 64), new Shape(null, 5, 5, 64),
             new Shape(null, 1_600), new Shape(null, 1_600), new Shape(null, 10)],
            model.LayerOutputShapes().Select(s => s!.Value));
        Assert.Equal(0.5, ((Dropout)model.Layers[5]).Rate);
        Assert.Equal("softmax", ((Dense)model.Layers[^1]).Activation.Name);
    }

    [Fact]
    public void MnistConvnet_OtherInputAndClasses_SizesFollow()
    {
        // 32×32×3: 30 → 15 → 13 → 6, Flatten 6·6·64 = 2,304; conv1 3·3·3·32 + 32 = 896; Dense 2,304·5 + 5 = 11,525.
        var model = DeepKeras.Applications.Cnn.MnistConvnet((32, 32, 3), classes: 5);

        Assert.Equal(896L + 18_496L + 11_525L, model.CountParams());
        Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Cnn.MnistConvnet((9, 9, 1)));
        Assert.Equal(new Shape(null, 1, 1, 64), DeepKeras.Applications.Cnn.MnistConvnet((10, 10, 1)).LayerOutputShapes()[3]);
    }

    [Fact]
    public void SmallImageClassifier_Defaults_ConvBnReluBlocksAndDenseHead()
    {
        var model = DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10);

        string[] block = ["Conv2D", "BatchNormalization", "Activation", "Conv2D", "BatchNormalization", "Activation", "MaxPooling2D", "Dropout"];
        Assert.Equal([.. block, .. block, "Flatten", "Dense", "Dropout", "Dense"], model.Layers.Select(l => l.ClassName));
        // Convolutions before batch norm have no bias: 3·3·1·32 = 288, 3·3·32·32 = 9,216, 3·3·32·64 = 18,432,
        // 3·3·64·64 = 36,864; each BatchNormalization has 4·C weights (gamma, beta, moving mean and variance).
        // 28 → 14 → 7 with "same" convolutions, so Flatten gives 7·7·64 = 3,136 → Dense 3,136·128 + 128 = 401,536;
        // output 128·10 + 10 = 1,290.
        Assert.Equal(
            [288L, 128L, 0L, 9_216L, 128L, 0L, 0L, 0L, 18_432L, 256L, 0L, 36_864L, 256L, 0L, 0L, 0L, 0L, 401_536L, 0L, 1_290L],
            model.Layers.Select(l => l.CountParams()));
        Assert.Equal(468_394L, model.CountParams());
        // The moving statistics: 2·(32 + 32 + 64 + 64) = 384.
        Assert.Equal(384L, model.NonTrainableWeights.Sum(w => w.Count));
        Assert.All(model.Layers.OfType<Conv2D>(), c =>
        {
            Assert.False(c.UseBias);
            Assert.Equal("same", c.Padding);
        });
        Assert.Equal(0.25, ((Dropout)model.Layers[7]).Rate);
        Assert.Equal(0.5, ((Dropout)model.Layers[^2]).Rate);
        Assert.Equal(new Shape(null, 7, 7, 64), model.LayerOutputShapes()[14]!.Value);
    }

    [Fact]
    public void SmallImageClassifier_WithoutBatchNormDropoutOrHiddenDense_IsAPlainStack()
    {
        var model = DeepKeras.Applications.Cnn.SmallImageClassifier((32, 32, 3), classes: 10, filters: [32, 64], convsPerBlock: 1,
            batchNorm: false, dropout: 0, denseUnits: 0, denseDropout: 0, activation: "tanh");

        Assert.Equal(["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense"], model.Layers.Select(l => l.ClassName));
        // 3·3·3·32 + 32 = 896; 3·3·32·64 + 64 = 18,496; 32 → 16 → 8: 8·8·64 = 4,096 → 4,096·10 + 10 = 40,970.
        Assert.Equal(896L + 18_496L + 40_970L, model.CountParams());
        Assert.Equal("tanh", ((Conv2D)model.Layers[0]).Activation.Name);
    }

    [Fact]
    public void SmallImageClassifier_InvalidArguments_NameTheArgument()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), 10, filters: [32, 0]));
        Assert.Equal("filters", e1.ParamName);
        Assert.Contains("filters=[32, 0]", e1.Message);

        var e2 = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), 10, filters: []));
        Assert.Equal("filters", e2.ParamName);

        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), 10, dropout: 1));
        Assert.Contains("dropout=1", e3.Message);

        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), 0));
        Assert.Equal("classes", e4.ParamName);

        // Four halvings of 8 pixels leave nothing.
        var e5 = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier((8, 8, 1), 10, filters: [8, 8, 8, 8]));
        Assert.Contains("too small", e5.Message);

        var e6 = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Cnn.SmallImageClassifier(784, 10));
        Assert.Contains("(height, width, channels)", e6.Message);
    }

    [Fact]
    public void SmallImageClassifier_LearnsBarOrientation()
    {
        // 8×8 images with one bright bar: horizontal (class 0) or vertical (class 1), at a random position, plus noise.
        Keras.Utils.SetRandomSeed(11);
        var random = new Random(11);
        const int n = 256;
        var x = new float[n, 8, 8, 1];
        var y = new long[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % 2;
            var at = random.Next(8);
            for (var a = 0; a < 8; a++)
            {
                for (var b = 0; b < 8; b++)
                {
                    var onBar = y[i] == 0 ? a == at : b == at;
                    x[i, a, b, 0] = (onBar ? 1f : 0f) + (float)(random.NextDouble() * 0.2);
                }
            }
        }

        var model = DeepKeras.Applications.Cnn.SmallImageClassifier((8, 8, 1), classes: 2, filters: [8], convsPerBlock: 1, denseUnits: 16, denseDropout: 0);
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

        var history = model.Fit(x, y, batchSize: 32, epochs: 15, verbose: 0);
        var (_, accuracy) = model.Evaluate(x, y, verbose: 0);

        Assert.True(history.HistoryData["loss"][^1] < history.HistoryData["loss"][0] / 4,
            $"loss should fall to a quarter: {string.Join(", ", history.HistoryData["loss"])}");
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy}");
    }
}
