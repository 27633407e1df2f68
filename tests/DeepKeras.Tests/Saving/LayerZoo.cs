using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// One small model per built-in layer type (and per application factory) for the saving round trips: each is built
/// (weights exist) and, where the layer has state that training changes (batch-normalization statistics), fitted a
/// little so the saved values are not the initial ones.
/// </summary>
internal static class LayerZoo
{
    /// <summary>Every built-in layer type in at least one small model, with inputs to predict on.</summary>
    public static IEnumerable<(string Name, Model Model, Tensor[] Inputs)> Layers()
    {
        Keras.Utils.SetRandomSeed(71);
        yield return ("conv1d", Keras.Sequential(Keras.Input(shape: (9, 3)), Keras.Layers.Conv1D(4, 3, padding: "same", activation: "relu"),
            Keras.Layers.MaxPooling1D(2), Keras.Layers.AveragePooling1D(2), Keras.Layers.MinPooling1D(1),
            Keras.Layers.GlobalMaxPooling1D()), [randn(2, 9, 3)]);
        yield return ("conv1d_gap", Keras.Sequential(Keras.Input(shape: (8, 3)), Keras.Layers.Conv1D(2, 2, strides: 2),
            Keras.Layers.GlobalAveragePooling1D(keepdims: true)), [randn(2, 8, 3)]);
        yield return ("conv2d", Keras.Sequential(Keras.Input(shape: (8, 8, 2)), Keras.Layers.ZeroPadding2D(((1, 0), (2, 1))),
            Keras.Layers.Conv2D(3, (3, 2), strides: (1, 2), activation: "tanh"), Keras.Layers.Cropping2D(((1, 0), (0, 1))),
            Keras.Layers.UpSampling2D((2, 1)), Keras.Layers.MaxPooling2D(2), Keras.Layers.AveragePooling2D(2, padding: "same"),
            Keras.Layers.MinPooling2D(1), Keras.Layers.GlobalMaxPooling2D()), [randn(2, 8, 8, 2)]);
        yield return ("conv2d_variants", Keras.Sequential(Keras.Input(shape: (6, 6, 2)),
            Keras.Layers.SeparableConv2D(4, 3, padding: "same", depthMultiplier: 2),
            Keras.Layers.DepthwiseConv2D(2, depthMultiplier: 2, activation: "relu"),
            Keras.Layers.Conv2DTranspose(3, 3, strides: 2, padding: "same"),
            Keras.Layers.SpatialDropout2D(0.3), Keras.Layers.GlobalAveragePooling2D()), [randn(2, 6, 6, 2)]);
        yield return ("conv1d_variants", Keras.Sequential(Keras.Input(shape: (8, 3)), Keras.Layers.ZeroPadding1D((1, 2)),
            Keras.Layers.SeparableConv1D(4, 3, depthMultiplier: 2), Keras.Layers.DepthwiseConv1D(2, depthMultiplier: 2, activation: "relu"),
            Keras.Layers.Conv1DTranspose(3, 3, strides: 2, padding: "same"), Keras.Layers.Cropping1D((1, 0)), Keras.Layers.UpSampling1D(2),
            Keras.Layers.SpatialDropout1D(0.3), Keras.Layers.GlobalAveragePooling1D()), [randn(2, 8, 3)]);
        yield return ("conv3d_variants", Keras.Sequential(Keras.Input(shape: (3, 3, 3, 2)), Keras.Layers.ZeroPadding3D(1),
            Keras.Layers.Conv3DTranspose(2, 2, strides: 2, padding: "same"), Keras.Layers.Cropping3D(((1, 0), (0, 1), (1, 1))),
            Keras.Layers.UpSampling3D((1, 2, 1)), Keras.Layers.SpatialDropout3D(0.2), Keras.Layers.GlobalMaxPooling3D()), [randn([2, 3, 3, 3, 2])]);
        yield return ("conv3d", Keras.Sequential(Keras.Input(shape: (4, 4, 4, 1)), Keras.Layers.Conv3D(2, 2, activation: "relu"),
            Keras.Layers.MaxPooling3D(1), Keras.Layers.AveragePooling3D(1), Keras.Layers.MinPooling3D(1),
            Keras.Layers.GlobalMaxPooling3D()), [randn([2, 4, 4, 4, 1])]);
        yield return ("conv3d_gap", Keras.Sequential(Keras.Input(shape: (3, 3, 3, 2)), Keras.Layers.GlobalAveragePooling3D()), [randn([2, 3, 3, 3, 2])]);

        var bn = Keras.Sequential(Keras.Input(shape: 5), Keras.Layers.Dense(6), Keras.Layers.BatchNormalization(momentum: 0.5),
            Keras.Layers.LayerNormalization(), Keras.Layers.LeakyReLU(0.1), Keras.Layers.ReLU(maxValue: 6.0, negativeSlope: 0.05), Keras.Layers.PReLU(alphaInitializer: new Initializers.Constant(0.2f)),
            Keras.Layers.GaussianNoise(0.1), Keras.Layers.GaussianDropout(0.2), Keras.Layers.Dense(1));
        bn.Compile(optimizer: "sgd", loss: "mse");
        bn.Fit(randn(16, 5), randn(16, 1), batchSize: 8, epochs: 1, verbose: 0);
        yield return ("normalization", bn, [randn(3, 5)]);

        yield return ("embedding_lstm", Keras.Sequential(Keras.Input(shape: 6), Keras.Layers.Embedding(20, 4, maskZero: true),
            Keras.Layers.LSTM(5, returnSequences: true), Keras.Layers.GRU(3), Keras.Layers.Dense(2, activation: "softmax")),
            [tensor(new float[] { 1, 4, 7, 0, 0, 0, 3, 19, 2, 5, 8, 1 }, [2, 6])]);
        yield return ("simple_rnn_masking", Keras.Sequential(Keras.Input(shape: (5, 3)), Keras.Layers.Masking(0.0),
            Keras.Layers.SimpleRNN(4, returnSequences: true), Keras.Layers.TimeDistributed(Keras.Layers.Dense(2))),
            [randn(2, 5, 3)]);
        yield return ("bidirectional", Keras.Sequential(Keras.Input(shape: (5, 3)),
            Keras.Layers.Bidirectional(Keras.Layers.LSTM(4, returnSequences: true)),
            Keras.Layers.Bidirectional(Keras.Layers.GRU(3, resetAfter: false), mergeMode: "sum"), Keras.Layers.Dense(1)),
            [randn(2, 5, 3)]);
        yield return ("repeat_vector", Keras.Sequential(Keras.Input(shape: 3), Keras.Layers.RepeatVector(4),
            Keras.Layers.SimpleRNN(2, returnSequences: true, goBackwards: true)), [randn(2, 3)]);
        yield return ("rnn_cells", Keras.Sequential(Keras.Input(shape: (5, 3)),
            Keras.Layers.RNN([Keras.Layers.LSTMCell(4), Keras.Layers.GRUCell(3, resetAfter: false)], returnSequences: true),
            Keras.Layers.RNN(Keras.Layers.StackedRNNCells([Keras.Layers.SimpleRNNCell(2)]), goBackwards: true)), [randn(2, 5, 3)]);

        var a = Keras.Input(shape: 6);
        var b = Keras.Input(shape: (2, 3));
        var shared = Keras.Layers.Dense(6, activation: "elu");
        var sum = Keras.Layers.Add().Apply(shared.Apply(a), Keras.Layers.Flatten().Apply(b));
        var both = Keras.Layers.Concatenate().Apply(Keras.Layers.Dropout(0.4).Apply(sum), a);
        var reshaped = Keras.Layers.Reshape((3, 4)).Apply(Keras.Layers.Activation("tanh").Apply(both));
        yield return ("core", Keras.Model([a, b], [Keras.Layers.Flatten().Apply(reshaped), shared.Apply(a)]), [randn(3, 6), randn(3, 2, 3)]);

        var m1 = Keras.Input(shape: 4);
        var m2 = Keras.Input(shape: 4);
        var mixed = Keras.Layers.Average(Keras.Layers.Subtract(m1, m2), Keras.Layers.Multiply(m1, m2));
        var clipped = Keras.Layers.Minimum(Keras.Layers.Maximum(mixed, m1), m2);
        var cosine = Keras.Layers.Dot(new[] { clipped, m1 }, axes: 1, normalize: true);
        yield return ("merging", Keras.Model([m1, m2], [clipped, cosine]), [randn(3, 4), randn(3, 4)]);

        var norm = Keras.Layers.Normalization();
        var issue14 = Keras.Sequential(Keras.Input(shape: 4), norm, Keras.Layers.Rescaling(0.5, offset: 1),
            Keras.Layers.ReLU(maxValue: 2, negativeSlope: 0.1), Keras.Layers.ELU(alpha: 0.5), Keras.Layers.Identity(),
            Keras.Layers.ActivityRegularization(l1: 0.01), Keras.Layers.AlphaDropout(0.2), Keras.Layers.UnitNormalization(),
            Keras.Layers.Reshape((2, 2)), Keras.Layers.Permute((2, 1)),
            Keras.Layers.GroupNormalization(groups: 2, axis: 1, gammaInitializer: new Initializers.Constant(0.5f)),
            Keras.Layers.Softmax([-2, -1]));
        norm.Adapt(randn(10, 4) * 3 + 1);
        yield return ("issue14_layers", issue14, [randn(3, 4)]);
        yield return ("category_encoding", Keras.Sequential(Keras.Input(shape: 3, dtype: "int32"),
            Keras.Layers.CategoryEncoding(numTokens: 5, outputMode: "count"), Keras.Layers.Dense(2)),
            [tensor(new long[] { 0, 1, 1, 4, 2, 3 }, [2, 3])]);

        yield return ("image_preprocessing", Keras.Sequential(Keras.Input(shape: (6, 8, 2)), Keras.Layers.Resizing(5, 6, interpolation: "bicubic"),
            Keras.Layers.CenterCrop(4, 4), Keras.Layers.RandomFlip("horizontal", seed: 1), Keras.Layers.RandomRotation(0.1, seed: 2),
            Keras.Layers.RandomZoom((-0.2, 0.1), widthFactor: 0.1, seed: 3), Keras.Layers.RandomTranslation(0.1, (-0.1, 0.2), fillMode: "constant", seed: 4),
            Keras.Layers.RandomContrast(0.2, valueRange: [0, 1], seed: 5), Keras.Layers.Flatten(), Keras.Layers.Dense(2)), [rand(2, 6, 8, 2)]);
        var quantiles = Keras.Layers.Discretization(numBins: 3, outputMode: "count");
        quantiles.Adapt(randn(40));
        yield return ("discretization", Keras.Sequential(Keras.Input(shape: 3), quantiles), [randn(2, 3)]);
        yield return ("discretization_one_hot", Keras.Sequential(Keras.Input(shape: 3),
            Keras.Layers.Discretization(binBoundaries: [-0.5, 0, 0.5], outputMode: "one_hot"), Keras.Layers.Flatten(), Keras.Layers.Dense(2)), [randn(2, 3)]);

        // Lookup layers on integer data: a vocabulary given in the config (an adapted one is an asset; StringInputs has one).
        yield return ("integer_lookup_hashing", Keras.Sequential(Keras.Input(shape: 3, dtype: "int64"),
            Keras.Layers.IntegerLookup(vocabulary: [12, 1138, 42, 36], maskToken: 0), Keras.Layers.Hashing(numBins: 5, salt: [3, 9]),
            Keras.Layers.Embedding(5, 2), Keras.Layers.Flatten(), Keras.Layers.Dense(2)),
            [tensor(new long[] { 12, 42, 0, 7, 1138, 36 }, [2, 3])]);

        var attnQuery = Keras.Input(shape: (3, 4));
        var attnValue = Keras.Input(shape: (5, 4));
        var attended = new Attention(useScale: true).Apply(attnQuery, attnValue, useCausalMask: true);
        var (additive, weights) = new AdditiveAttention().ApplyWithScores(attnQuery, attnValue);
        yield return ("attention", Keras.Model([attnQuery, attnValue], [attended, additive, weights]), [randn(2, 3, 4), randn(2, 5, 4)]);
        var (mhaOut, mhaScores) = new MultiHeadAttention(2, 3, valueDim: 2, useGate: true).ApplyWithScores(attnQuery, attnValue, attnValue);
        var projected = new EinsumDense("abc,cd->abd", new int?[] { 3, 6 }, "relu", "d").Apply(mhaOut);
        yield return ("multi_head_attention", Keras.Model([attnQuery, attnValue], [projected, mhaScores]), [randn(2, 3, 4), randn(2, 5, 4)]);

        var x = Keras.Input(shape: 4);
        var h = Keras.Layers.Dense(6, activation: "relu").Apply(x);
        var zMean = Keras.Layers.Dense(2).Apply(h);
        var zLogVar = Keras.Layers.Dense(2).Apply(h);
        var z = Keras.Layers.Sampling(seed: 3).Apply(zMean, zLogVar);
        yield return ("sampling", Keras.Model([x], [zMean, zLogVar, z]), [randn(3, 4)]);
    }

    /// <summary>
    /// Models with string inputs (<c>Keras.Input(dtype: "string")</c>) feeding the string layers, with string arrays to predict
    /// on: tensors cannot hold strings, so these models are run with <c>PredictTensors</c> on the arrays, not with <c>Forward</c>.
    /// </summary>
    public static IEnumerable<(string Name, Model Model, Array[] Inputs)> StringInputs()
    {
        Keras.Utils.SetRandomSeed(73);
        var vectorizer = Keras.Layers.TextVectorization(maxTokens: 12, ngrams: 2, outputSequenceLength: 5);
        vectorizer.Adapt(["the cat sat", "The dog sat on the mat!", "a cat and a dog", "mat mat mat"]);
        var adaptedLookup = Keras.Layers.StringLookup(numOovIndices: 2, maskToken: "");
        adaptedLookup.Adapt(new[] { "red", "green", "red", "blue", "red", "green" });
        var text = Keras.Input(shape: 1, dtype: "string", name: "text");
        var tokens = Keras.Input(shape: 2, dtype: "string", name: "tokens");
        var sentence = Keras.Layers.Dense(2).Apply(Keras.Layers.GlobalAveragePooling1D().Apply(
            Keras.Layers.Embedding(vectorizer.VocabularySize(), 3).Apply(vectorizer.Apply(text))));
        var looked = Keras.Layers.Flatten().Apply(Keras.Layers.Embedding(adaptedLookup.VocabularySize(), 2).Apply(adaptedLookup.Apply(tokens)));
        var counted = Keras.Layers.StringLookup(vocabulary: ["red", "blue"], outputMode: "count").Apply(tokens);
        var hashed = Keras.Layers.Hashing(numBins: 4, outputMode: "one_hot").Apply(tokens);
        var tfidf = Keras.Layers.TextVectorization(outputMode: "tf_idf", vocabulary: ["cat", "dog", "mat"], idfWeights: [0.5, 1.5, 2.0]).Apply(text);
        yield return ("string_layers", Keras.Model([text, tokens], [sentence, looked, counted, Keras.Layers.Flatten().Apply(hashed), tfidf]),
            [new[,] { { "The cat sat on the mat" }, { "a dog!" }, { "unknown words only" } },
                new[,] { { "red", "blue" }, { "purple", "" }, { "green", "red" } }]);
    }

    /// <summary>Models made by the application factories (small inputs so they stay fast).</summary>
    public static IEnumerable<(string Name, Model Model, Tensor[] Inputs)> Applications()
    {
        Keras.Utils.SetRandomSeed(72);
        yield return ("dnn_course", DeepKeras.Applications.Dnn.CourseModel(), [rand(2, 784)]);
        yield return ("dnn_classifier", DeepKeras.Applications.Dnn.Classifier(inputDim: 12, hidden: [8, 6], classes: 3), [rand(2, 12)]);
        yield return ("cnn_mnist", DeepKeras.Applications.Cnn.MnistConvnet(), [rand(2, 28, 28, 1)]);
        var small = DeepKeras.Applications.Cnn.SmallImageClassifier((8, 8, 1), 3, filters: [4, 6], convsPerBlock: 1, denseUnits: 8);
        small.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        small.Fit(rand(8, 8, 8, 1), tensor(new float[] { 0, 1, 2, 0, 1, 2, 0, 1 }), batchSize: 4, epochs: 1, verbose: 0);
        yield return ("cnn_small", small, [rand(2, 8, 8, 1)]);
        yield return ("vgg16_notop", DeepKeras.Applications.VGG16(includeTop: false, weights: null, inputShape: (32, 32, 3)), [rand(1, 32, 32, 3)]);
        yield return ("mobilenetv2_notop", DeepKeras.Applications.MobileNetV2(inputShape: (32, 32, 3), alpha: 0.35, includeTop: false),
            [rand(1, 32, 32, 3)]);
        yield return ("rnn_stacked", DeepKeras.Applications.Rnn.StackedClassifier(RnnInput.Tokens(30, 4, maskZero: true), units: [5, 3], cell: "gru", classes: 3),
            [tensor(new float[] { 1, 2, 3, 0, 4, 29, 7, 0 }, [2, 4])]);
        yield return ("rnn_bidirectional", DeepKeras.Applications.Rnn.BidirectionalClassifier(RnnInput.Sequence(5, 3), units: [4], cell: "lstm", classes: 2),
            [randn(2, 5, 3)]);
        yield return ("rnn_regressor", DeepKeras.Applications.Rnn.SequenceRegressor(6, features: 2, units: [3], cell: "simple_rnn"), [randn(2, 6, 2)]);
    }
}
