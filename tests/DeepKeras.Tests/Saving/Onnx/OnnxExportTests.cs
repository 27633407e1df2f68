using DeepKeras.Layers;
using DeepKeras.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace DeepKeras.Tests.Saving.Onnx;

/// <summary>
/// Models exported with <c>Model.Export(path, "onnx")</c> run in ONNX Runtime and give Predict's outputs within 1e-4,
/// for batch sizes 1 and 7 (the batch dimension is symbolic).
/// </summary>
public class OnnxExportTests
{
    private const double Tolerance = 1e-4;

    /// <summary>Exports, runs ONNX Runtime for each input batch, and returns the largest |ONNX − Predict|.</summary>
    internal static double MaxDifference(Model model, params Tensor[][] batches)
    {
        using var dir = new TempDir();
        var path = dir.File("model.onnx");
        model.Export(path, format: "onnx");
        using var session = new InferenceSession(path);
        var worst = 0.0;
        foreach (var inputs in batches)
        {
            var expected = SavingTestUtil.Outputs(model, inputs);
            var feeds = session.InputMetadata.Keys.Select((name, i) =>
            {
                var t = inputs[i].contiguous();
                return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(t.data<float>().ToArray(), t.shape.Select(d => (int)d).ToArray()));
            }).ToList();
            using var results = session.Run(feeds);
            var actual = results.Select(r => r.AsTensor<float>()).ToList();
            Assert.Equal(expected.Length, actual.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                var a = actual[i].ToArray();
                Assert.Equal(expected[i].Length, a.Length);
                Assert.Equal(inputs[0].shape[0], actual[i].Dimensions[0]);
                worst = Math.Max(worst, expected[i].Zip(a, (p, q) => (double)Math.Abs(p - q)).DefaultIfEmpty(0).Max());
            }
        }

        return worst;
    }

    private static void AssertMatches(string what, Model model, Func<long, Tensor[]> inputs)
    {
        var diff = MaxDifference(model, inputs(1), inputs(7));
        Console.WriteLine($"ONNX {what}: max |ONNX - Predict| = {diff:E2}");
        Assert.True(diff <= Tolerance, $"{what}: ONNX Runtime differs from Predict by {diff}");
    }

    [Fact]
    public void Mlp_MatchesPredict()
    {
        Keras.Utils.SetRandomSeed(101);
        var model = Keras.Sequential(Keras.Input(shape: 20), Keras.Layers.Dense(32, activation: "relu"), Keras.Layers.Dropout(0.5),
            Keras.Layers.Dense(16, activation: "gelu"), Keras.Layers.LeakyReLU(0.1), Keras.Layers.Dense(10, activation: "softmax"));
        AssertMatches("mlp", model, n => [randn(n, 20)]);
    }

    [Fact]
    public void Issue14ActivationAndReshapingLayers_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(107);
        var model = Keras.Sequential(Keras.Input(shape: (3, 4)), Keras.Layers.Rescaling(2.0, offset: -0.5), Keras.Layers.ELU(alpha: 0.7),
            Keras.Layers.ReLU(), Keras.Layers.Identity(), Keras.Layers.Permute((2, 1)), Keras.Layers.ReLU(maxValue: 1.2),
            Keras.Layers.AlphaDropout(0.3), Keras.Layers.ActivityRegularization(l2: 0.1), Keras.Layers.Softmax(axis: 1));
        AssertMatches("issue 14 layers", model, n => [randn(n, 3, 4)]);

        using var dir = new TempDir();
        var leaky = Keras.Sequential(Keras.Input(shape: 4), Keras.Layers.ReLU(negativeSlope: 0.1, name: "leaky_relu6"));
        Assert.Contains("'leaky_relu6' (ReLU)", Assert.Throws<NotSupportedException>(() => leaky.Export(dir.File("r.onnx"), format: "onnx")).Message);
    }

    [Fact]
    public void FashionMnistCnn_MatchesPredict()
    {
        Keras.Utils.SetRandomSeed(102);
        var model = DeepKeras.Applications.Cnn.SmallImageClassifier((28, 28, 1), 10, filters: [8, 16]);
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        model.Fit(rand(16, 28, 28, 1), randint(0, 10, 16).to(float32), batchSize: 8, epochs: 1, verbose: 0);
        AssertMatches("fashion-mnist cnn (SmallImageClassifier)", model, n => [rand(n, 28, 28, 1)]);
        AssertMatches("mnist convnet", DeepKeras.Applications.Cnn.MnistConvnet(), n => [rand(n, 28, 28, 1)]);
    }

    [Fact]
    public void LstmClassifier_MatchesPredict()
    {
        Keras.Utils.SetRandomSeed(103);
        var model = Keras.Sequential(Keras.Input(shape: 12), Keras.Layers.Embedding(50, 8), Keras.Layers.LSTM(16, returnSequences: true),
            Keras.Layers.LSTM(8), Keras.Layers.Dense(2, activation: "softmax"));
        AssertMatches("lstm classifier", model, n => [randint(0, 50, [n, 12]).to(float32)]);
    }

    [Fact]
    public void GruSimpleRnnAndBidirectional_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(104);
        var model = Keras.Sequential(Keras.Input(shape: (9, 4)),
            Keras.Layers.Bidirectional(Keras.Layers.LSTM(6, returnSequences: true)),
            Keras.Layers.Bidirectional(Keras.Layers.GRU(5, returnSequences: true), mergeMode: "ave"),
            Keras.Layers.GRU(4, resetAfter: false, returnSequences: true, goBackwards: true),
            Keras.Layers.SimpleRNN(3, returnSequences: true), Keras.Layers.TimeDistributed(Keras.Layers.Dense(2)),
            Keras.Layers.Bidirectional(Keras.Layers.SimpleRNN(3), mergeMode: "sum"), Keras.Layers.Dense(1, activation: "sigmoid"));
        AssertMatches("gru/simple_rnn/bidirectional", model, n => [randn(n, 9, 4)]);
        AssertMatches("bidirectional classifier (Applications.Rnn)",
            DeepKeras.Applications.Rnn.BidirectionalClassifier(RnnInput.Tokens(40, 6), units: [5], cell: "gru", classes: 3),
            n => [randint(0, 40, [n, 7]).to(float32)]);
    }

    [Fact]
    public void ConvolutionVariantsAndFunctionalGraph_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(105);
        var image = Keras.Input(shape: (10, 10, 3));
        var a = Keras.Layers.Conv2D(4, 3, padding: "same", strides: 2, activation: "swish").Apply(image);
        a = Keras.Layers.BatchNormalization().Apply(a);
        a = Keras.Layers.Conv2DTranspose(3, 3, strides: 2, padding: "same").Apply(a);
        var b = Keras.Layers.SeparableConv2D(3, 3, padding: "same", depthMultiplier: 2).Apply(image);
        b = Keras.Layers.DepthwiseConv2D(3, padding: "same", activation: "relu6").Apply(b);
        var merged = Keras.Layers.Add().Apply(a, b);
        var c = Keras.Layers.ZeroPadding2D(((1, 0), (0, 2))).Apply(merged);
        c = Keras.Layers.Cropping2D(((0, 1), (1, 1))).Apply(c);
        c = Keras.Layers.UpSampling2D(2).Apply(c);
        c = Keras.Layers.AveragePooling2D(3, strides: 2, padding: "same").Apply(c);
        c = Keras.Layers.MinPooling2D(2).Apply(c);
        c = Keras.Layers.PReLU().Apply(c);
        var pooled = Keras.Layers.Concatenate().Apply(Keras.Layers.GlobalMaxPooling2D().Apply(c), Keras.Layers.GlobalAveragePooling2D().Apply(merged));
        var head = Keras.Layers.LayerNormalization().Apply(Keras.Layers.Dense(5, activation: "tanh").Apply(pooled));
        var reshaped = Keras.Layers.Flatten().Apply(Keras.Layers.Reshape((5, 1)).Apply(head));

        var series = Keras.Input(shape: (16, 2));
        var s = Keras.Layers.Conv1D(4, 3, padding: "causal", dilationRate: 2).Apply(series);
        s = Keras.Layers.MaxPooling1D(2).Apply(s);
        s = Keras.Layers.Conv1D(3, 2, strides: 2).Apply(s);
        var flat = Keras.Layers.Flatten().Apply(s);
        var repeated = Keras.Layers.Flatten().Apply(Keras.Layers.RepeatVector(2).Apply(Keras.Layers.Dense(3).Apply(flat)));

        var model = Keras.Model([image, series], [reshaped, repeated]);
        var diff = MaxDifference(model, [randn(1, 10, 10, 3), randn(1, 16, 2)], [randn(7, 10, 10, 3), randn(7, 16, 2)]);
        Console.WriteLine($"ONNX conv/functional graph: max |ONNX - Predict| = {diff:E2}");
        Assert.True(diff <= Tolerance, $"ONNX Runtime differs from Predict by {diff}");
    }

    [Fact]
    public void Conv3DAndConvTransposeValid_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(106);
        var model = Keras.Sequential(Keras.Input(shape: (5, 5, 5, 2)), Keras.Layers.Conv3D(3, 2, activation: "elu"),
            Keras.Layers.MaxPooling3D(2, padding: "same"), Keras.Layers.GlobalAveragePooling3D(keepdims: true), Keras.Layers.Flatten());
        AssertMatches("conv3d", model, n => [randn([n, 5, 5, 5, 2])]);
        var transposed = Keras.Sequential(Keras.Input(shape: (4, 4, 2)), Keras.Layers.Conv2DTranspose(2, 2, strides: 3),
            Keras.Layers.Conv2DTranspose(2, 3, strides: 2, padding: "valid"), Keras.Layers.Flatten());
        AssertMatches("conv2d transpose (valid)", transposed, n => [randn(n, 4, 4, 2)]);
    }

    [Fact]
    public void OneAndThreeDimensionalVariants_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(107);
        var sequence = Keras.Sequential(Keras.Input(shape: (7, 3)), Keras.Layers.ZeroPadding1D((2, 1)),
            Keras.Layers.SeparableConv1D(4, 3, strides: 2, depthMultiplier: 2, activation: "relu"),
            Keras.Layers.DepthwiseConv1D(2, padding: "same", depthMultiplier: 2), Keras.Layers.Conv1DTranspose(3, 3, strides: 2),
            Keras.Layers.Conv1DTranspose(2, 2, padding: "same", dilationRate: 2),
            Keras.Layers.Cropping1D((1, 2)), Keras.Layers.UpSampling1D(3), Keras.Layers.SpatialDropout1D(0.5), Keras.Layers.Flatten());
        AssertMatches("1-D variants", sequence, n => [randn(n, 7, 3)]);
        var volume = Keras.Sequential(Keras.Input(shape: (2, 3, 2, 2)), Keras.Layers.ZeroPadding3D(((1, 0), (0, 1), (2, 1)), dataFormat: "channels_first"),
            Keras.Layers.Conv3DTranspose(3, (2, 3, 2), strides: (2, 1, 2), padding: "same", dataFormat: "channels_first"),
            Keras.Layers.Cropping3D(((0, 1), (1, 1), (1, 0)), dataFormat: "channels_first"),
            Keras.Layers.UpSampling3D((2, 1, 2), dataFormat: "channels_first"), Keras.Layers.SpatialDropout3D(0.5, dataFormat: "channels_first"),
            Keras.Layers.Conv3DTranspose(2, 2, activation: "tanh"), Keras.Layers.Flatten());
        AssertMatches("3-D variants", volume, n => [randn([n, 2, 3, 2, 2])]);
    }

    [Fact]
    public void MultiHeadAttentionAndEinsumDense_MatchPredict()
    {
        Keras.Utils.SetRandomSeed(17);
        var query = Keras.Input(shape: (4, 6));
        var value = Keras.Input(shape: (5, 8));
        var cross = new MultiHeadAttention(3, 2, valueDim: 4, useGate: true).Apply(query, value, value);
        var self = new MultiHeadAttention(2, 3, outputShape: new Shape(2, 5)).Apply(cross, cross);
        var y = new EinsumDense("abcd,cde->abe", new Shape(4, 3), "tanh", "e").Apply(self);
        var model = new Functional([query, value], [y]);

        AssertMatches("MultiHeadAttention", model, n => [randn(n, 4, 6), randn(n, 5, 8)]);
    }

    [Fact]
    public void MultiHeadAttentionWithCausalMask_ThrowsNotSupported()
    {
        using var dir = new TempDir();
        var x = Keras.Input(shape: (4, 6));
        var model = new Functional([x], [new MultiHeadAttention(2, 3, name: "causal_mha").Apply(x, x, useCausalMask: true)]);

        var e = Assert.Throws<NotSupportedException>(() => model.Export(dir.File("m.onnx"), format: "onnx"));

        Assert.Contains("Cannot export layer 'causal_mha' (MultiHeadAttention) to ONNX: calls with use_causal_mask are not supported", e.Message);
    }

    [Fact]
    public void UnsupportedLayers_ThrowNotSupportedNamingTheLayer()
    {
        using var dir = new TempDir();
        var masked = Keras.Sequential(Keras.Input(shape: (4, 2)), Keras.Layers.Masking(name: "pad_mask"), Keras.Layers.LSTM(2));
        var e = Assert.Throws<NotSupportedException>(() => masked.Export(dir.File("m.onnx"), format: "onnx"));
        Assert.Contains("'pad_mask' (Masking)", e.Message);
        var sampling = LayerZoo.Layers().Single(z => z.Name == "sampling").Model;
        e = Assert.Throws<NotSupportedException>(() => sampling.Export(dir.File("s.onnx")));
        Assert.Contains("(Sampling) to ONNX: this layer type has no ONNX conversion", e.Message);
        var format = Assert.Throws<ArgumentException>(() => masked.Export(dir.File("m.pb"), format: "tf_saved_model"));
        Assert.Contains("Unrecognized format=tf_saved_model", format.Message);
        Assert.False(File.Exists(dir.File("m.onnx")));
    }
}
