using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Applications;

public class DnnTests
{
    [Fact]
    public void CourseModel_HasTheCourseParamCountAndShapes()
    {
        var model = DeepKeras.Applications.Dnn.CourseModel();

        // 784·32+32 = 25,120; 32·10+10 = 330; 10·20+20 = 220 → 25,670.
        Assert.Equal(25_670, model.CountParams());
        Assert.Equal([25_120L, 330L, 220L], model.Layers.Select(l => l.CountParams()));
        Assert.All(model.Layers, l => Assert.IsType<Dense>(l));
        Assert.Equal(new Shape(null, 20), model.ComputeOutputShape(new Shape(null, 784)));
    }

    [Fact]
    public void Classifier_Defaults_DenseDropoutStackWithSoftmax()
    {
        var model = DeepKeras.Applications.Dnn.Classifier();

        // 784·256+256 = 200,960; 256·128+128 = 32,896; 128·10+10 = 1,290 → 235,146.
        Assert.Equal(235_146, model.CountParams());
        Assert.Equal(["Dense", "Dropout", "Dense", "Dropout", "Dense"], model.Layers.Select(l => l.ClassName));
        Assert.Equal(0.2, ((Dropout)model.Layers[1]).Rate);
        Assert.Equal("relu", ((Dense)model.Layers[0]).Activation.Name);
        Assert.Equal("softmax", ((Dense)model.Layers[^1]).Activation.Name);

        var probabilities = model.Predict(new float[4, 784]);
        Assert.Equal(new long[] { 4, 10 }, probabilities.shape);
        // Softmax rows sum to 1.
        Assert.All(Enumerable.Range(0, 4), i => TestData.Near(1.0, probabilities[i].ToArray<float>().Sum(), 1e-5, $"row {i} sum"));
    }

    [Fact]
    public void Classifier_NoDropoutCustomSizes_OmitsDropoutLayers()
    {
        var model = DeepKeras.Applications.Dnn.Classifier(inputDim: 20, hidden: [8], classes: 3, dropout: 0, activation: "tanh");

        // 20·8+8 = 168; 8·3+3 = 27 → 195.
        Assert.Equal(195, model.CountParams());
        Assert.Equal(["Dense", "Dense"], model.Layers.Select(l => l.ClassName));
        Assert.Equal("tanh", ((Dense)model.Layers[0]).Activation.Name);
    }

    [Fact]
    public void Classifier_InvalidArguments_NameTheArgument()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Dnn.Classifier(hidden: [16, 0]));
        Assert.Equal("hidden", e1.ParamName);
        Assert.Contains("hidden=[16, 0]", e1.Message);

        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Dnn.Classifier(dropout: 1.0));
        Assert.Contains("dropout=1", e2.Message);

        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Dnn.Classifier(classes: 0));
        Assert.Equal("classes", e3.ParamName);
    }

    [Fact]
    public void Classifier_SeparableBlobs_LearnsPast90PercentAccuracy()
    {
        var (x, y) = TestData.Blobs(n: 600, features: 8, classes: 3, seed: 3);
        var model = DeepKeras.Applications.Dnn.Classifier(inputDim: 8, hidden: [32, 16], classes: 3, dropout: 0.1);
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

        var history = model.Fit(x, y, batchSize: 32, epochs: 15, verbose: 0);
        var accuracy = model.Evaluate(x, y, verbose: 0)["accuracy"];

        Assert.True(history["loss"][^1] < history["loss"][0] * 0.5, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }
}
