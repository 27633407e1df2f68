using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Regularizers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// <c>GetConfig()</c> against Keras's <c>get_config()</c> for the same constructor arguments (golden files written by
/// scripts/keras-golden/gen_config.py in the real Keras 3), and <c>FromConfig</c> round trips of every case.
/// </summary>
public sealed class ConfigGoldenTests
{
    /// <summary>
    /// Every case: the oracle's (<see cref="OracleCases"/>) and the lookup layers' hand-derived ones
    /// (<see cref="SourceDerivedCases"/>).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, Func<Layer>> Cases =
        OracleCases.Concat(SourceDerivedCases).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The layers of gen_config.py's LAYERS table, built with the same arguments and names.</summary>
    private static IReadOnlyDictionary<string, Func<Layer>> OracleCases => new Dictionary<string, Func<Layer>>
    {
        ["dense_default"] = () => new Dense(3, name: "dense_default"),
        ["dense"] = () => new Dense(5, activation: "relu", useBias: false, kernelInitializer: "he_normal", biasInitializer: "ones",
            kernelRegularizer: new L2(0.02), biasRegularizer: new L1(0.01), activityRegularizer: new L1L2(0.1, 0.2), name: "dense_cfg"),
        ["dense_frozen"] = () => new Dense(2, activation: "softmax", kernelInitializer: new RandomNormal(0.1f, 0.2f, seed: 5),
            trainable: false, name: "dense_frozen"),
        ["dense_registered_activation"] = () => new Dense(2, activation: ConfigTestObjects.DoubleIt, name: "dense_fn"),
        ["activation"] = () => new Activation("tanh", name: "act"),
        ["dropout"] = () => new Dropout(0.3, seed: 7, name: "drop"),
        ["flatten"] = () => new Flatten(name: "flat"),
        ["reshape"] = () => new Reshape([2, -1], name: "reshape"),
        ["concatenate"] = () => new Concatenate(axis: 1, name: "concat"),
        ["add"] = () => new Add(name: "add"),
        ["subtract"] = () => new Subtract(name: "sub"),
        ["multiply"] = () => new Multiply(name: "mul"),
        ["average"] = () => new Average(name: "avg"),
        ["maximum"] = () => new Maximum(name: "max"),
        ["minimum"] = () => new Minimum(name: "min"),
        ["dot"] = () => new Dot((1, 2), normalize: true, name: "dot"),
        ["embedding"] = () => new Embedding(50, 8, embeddingsInitializer: "random_uniform", maskZero: true, name: "emb"),
        ["masking"] = () => new Masking(maskValue: -1.0, name: "mask"),
        ["lambda"] = () => new Lambda(ConfigTestObjects.DoubleIt, name: "lam"),
        ["input_layer"] = () => new InputLayer((4, 3), batchSize: 2, name: "inp"),
        ["leaky_relu"] = () => new LeakyReLU(negativeSlope: 0.2, name: "lrelu"),
        ["relu"] = () => new ReLU(maxValue: 6.0, negativeSlope: 0.1, threshold: 0.5, name: "relu"),
        ["prelu"] = () => new PReLU(alphaInitializer: new Constant(0.25f), alphaRegularizer: new L2(0.001), sharedAxes: [1, 2], name: "prelu"),
        ["conv1d"] = () => new Conv1D(4, 3, strides: 2, padding: "same", activation: "relu", useBias: false, kernelInitializer: "he_uniform",
            name: "conv1d"),
        ["conv2d"] = () => new Conv2D(6, (3, 2), strides: (2, 1), padding: "same", dilationRate: 1, groups: 2, activation: "sigmoid",
            biasInitializer: new Constant(0.1f), name: "conv2d"),
        ["conv3d"] = () => new Conv3D(2, 2, dilationRate: (1, 2, 1), activation: "elu", name: "conv3d"),
        ["conv2d_transpose"] = () => new Conv2DTranspose(3, 3, strides: 2, padding: "same", outputPadding: 1, kernelInitializer: "lecun_normal",
            name: "deconv"),
        ["separable_conv2d"] = () => new SeparableConv2D(4, 3, padding: "same", depthMultiplier: 2, activation: "relu",
            depthwiseInitializer: "glorot_normal", pointwiseInitializer: "orthogonal", name: "sep"),
        ["depthwise_conv2d"] = () => new DepthwiseConv2D(3, strides: 2, depthMultiplier: 2, useBias: false,
            depthwiseInitializer: new TruncatedNormal(stddev: 0.02f, seed: 1), name: "dw"),
        ["conv1d_transpose"] = () => new Conv1DTranspose(2, 3, strides: 2, padding: "same", outputPadding: 1, name: "deconv1"),
        ["conv3d_transpose"] = () => new Conv3DTranspose(3, (2, 2, 1), dilationRate: 2, useBias: false, kernelRegularizer: new L2(0.01),
            name: "deconv3"),
        ["separable_conv1d"] = () => new SeparableConv1D(3, 2, depthMultiplier: 2, dataFormat: "channels_first",
            pointwiseRegularizer: new L1(0.01), name: "sep1"),
        ["depthwise_conv1d"] = () => new DepthwiseConv1D(3, padding: "same", depthMultiplier: 2, depthwiseInitializer: "he_normal", name: "dw1"),
        ["max_pooling1d"] = () => new MaxPooling1D(3, strides: 2, padding: "same", name: "mp1"),
        ["max_pooling2d"] = () => new MaxPooling2D((2, 3), name: "mp2"),
        ["max_pooling3d"] = () => new MaxPooling3D(2, strides: 1, name: "mp3"),
        ["average_pooling1d"] = () => new AveragePooling1D(2, name: "ap1"),
        ["average_pooling2d"] = () => new AveragePooling2D((3, 3), strides: 1, padding: "same", name: "ap2"),
        ["average_pooling3d"] = () => new AveragePooling3D(2, name: "ap3"),
        ["global_max_pooling1d"] = () => new GlobalMaxPooling1D(keepdims: true, name: "gmp1"),
        ["global_max_pooling2d"] = () => new GlobalMaxPooling2D(name: "gmp2"),
        ["global_max_pooling3d"] = () => new GlobalMaxPooling3D(name: "gmp3"),
        ["global_average_pooling1d"] = () => new GlobalAveragePooling1D(name: "gap1"),
        ["global_average_pooling2d"] = () => new GlobalAveragePooling2D(keepdims: true, name: "gap2"),
        ["global_average_pooling3d"] = () => new GlobalAveragePooling3D(name: "gap3"),
        ["batch_normalization"] = () => new BatchNormalization(momentum: 0.9, epsilon: 1e-5, center: false,
            gammaInitializer: new RandomUniform(0.9f, 1.1f, seed: 2), movingVarianceInitializer: "zeros", name: "bn"),
        ["layer_normalization"] = () => new LayerNormalization(epsilon: 1e-5, scale: false, betaInitializer: "ones", name: "ln"),
        ["spatial_dropout2d"] = () => new SpatialDropout2D(0.2, seed: 3, name: "sdrop"),
        ["spatial_dropout1d"] = () => new SpatialDropout1D(0.1, name: "sdrop1"),
        ["spatial_dropout3d"] = () => new SpatialDropout3D(0.3, dataFormat: "channels_first", seed: 5, name: "sdrop3"),
        ["gaussian_noise"] = () => new GaussianNoise(0.5, seed: 2, name: "gnoise"),
        ["gaussian_dropout"] = () => new GaussianDropout(0.25, seed: 4, name: "gdrop"),
        ["zero_padding2d"] = () => new ZeroPadding2D(((1, 2), (3, 4)), name: "zpad"),
        ["cropping2d"] = () => new Cropping2D(((1, 0), (2, 1)), name: "crop"),
        ["up_sampling2d"] = () => new UpSampling2D((2, 3), interpolation: "bilinear", name: "up"),
        ["zero_padding1d"] = () => new ZeroPadding1D((2, 0), name: "zpad1"),
        ["zero_padding3d"] = () => new ZeroPadding3D((1, 2, 3), dataFormat: "channels_first", name: "zpad3"),
        ["cropping1d"] = () => new Cropping1D((0, 3), name: "crop1"),
        ["cropping3d"] = () => new Cropping3D(((1, 2), (0, 1), (3, 0)), name: "crop3"),
        ["up_sampling1d"] = () => new UpSampling1D(4, name: "up1"),
        ["up_sampling3d"] = () => new UpSampling3D((1, 2, 3), dataFormat: "channels_first", name: "up3"),
        ["repeat_vector"] = () => new RepeatVector(4, name: "repeat"),
        ["simple_rnn"] = () => new SimpleRNN(4, activation: "relu", returnSequences: true, goBackwards: true, dropout: 0.1, name: "srnn"),
        ["lstm"] = () => new LSTM(5, recurrentActivation: "hard_sigmoid", unitForgetBias: false, recurrentDropout: 0.2, returnState: true,
            recurrentInitializer: "glorot_uniform", name: "lstm"),
        ["gru"] = () => new GRU(3, activation: "relu", resetAfter: false, stateful: true, biasInitializer: "ones", name: "gru"),
        ["bidirectional"] = () => new Bidirectional(new LSTM(4, returnSequences: true, name: "enc"), mergeMode: "sum", name: "bidi"),
        ["time_distributed"] = () => new TimeDistributed(new Dense(2, activation: "relu", name: "inner"), name: "td"),
        ["simple_rnn_cell"] = () => new SimpleRNNCell(4, activation: "relu", dropout: 0.1, seed: 3, name: "srcell"),
        ["lstm_cell"] = () => new LSTMCell(5, recurrentActivation: "hard_sigmoid", unitForgetBias: false, name: "lcell"),
        ["gru_cell"] = () => new GRUCell(3, resetAfter: false, biasInitializer: "ones", name: "gcell"),
        ["stacked_rnn_cells"] = () => new StackedRNNCells([new LSTMCell(4, name: "s0"), new GRUCell(2, name: "s1")], name: "stack"),
        ["rnn"] = () => new RNN(new LSTMCell(3, name: "inner_cell"), returnSequences: true, goBackwards: true, name: "rnn"),
        ["elu"] = () => new ELU(alpha: 0.4, name: "elu"),
        ["softmax"] = () => new Softmax([1, 2], name: "softmax"),
        ["identity"] = () => new Identity(name: "ident"),
        ["permute"] = () => new Permute((3, 1, 2), name: "perm"),
        ["rescaling"] = () => new Rescaling(0.5, offset: 0.25, name: "rescale"),
        ["unit_normalization"] = () => new UnitNormalization([1, 2], name: "unit"),
        ["group_normalization"] = () => new GroupNormalization(groups: 4, axis: 1, epsilon: 1e-5, scale: false, betaInitializer: new Ones(),
            betaRegularizer: new L2(0.01), name: "gn"),
        ["activity_regularization"] = () => new ActivityRegularization(l1: 0.1, l2: 0.2, name: "actreg"),
        ["alpha_dropout"] = () => new AlphaDropout(0.2, noiseShape: new Shape(null, 1, 4), seed: 3, name: "adrop"),
        ["category_encoding"] = () => new CategoryEncoding(numTokens: 6, outputMode: "one_hot", name: "cat"),
        ["normalization"] = () => new Normalization([1, 2], name: "norm"),
        ["normalization_given"] = () => new Normalization(mean: [1.0, 2.0], variance: [3.0, 4.0], invert: true, name: "norm_given"),
        ["resizing"] = () => new Resizing(8, 6, interpolation: "nearest", padToAspectRatio: true, fillValue: 0.5, name: "resize"),
        ["center_crop"] = () => new CenterCrop(4, 5, dataFormat: "channels_first", name: "ccrop"),
        ["random_flip"] = () => new RandomFlip("vertical", seed: 3, name: "flip"),
        ["random_rotation"] = () => new RandomRotation((-0.1, 0.3), fillMode: "constant", interpolation: "nearest", seed: 4, fillValue: 0.5, name: "rot"),
        ["random_zoom"] = () => new RandomZoom((-0.2, 0.3), widthFactor: 0.1, fillMode: "wrap", seed: 5, name: "zoom"),
        ["random_translation"] = () => new RandomTranslation(0.1, (-0.2, 0.1), fillMode: "nearest", name: "shift"),
        ["random_contrast"] = () => new RandomContrast((0.1, 0.4), valueRange: [0.0, 1.0], seed: 6, name: "contrast"),
        ["discretization"] = () => new Discretization(binBoundaries: [0.0, 1.5], outputMode: "count", name: "disc"),
        ["discretization_bins"] = () => new Discretization(numBins: 4, epsilon: 0.05, name: "disc_bins"),
        ["attention"] = () => new Attention(useScale: true, scoreMode: "concat", dropout: 0.1, seed: 2, name: "attn"),
        ["additive_attention"] = () => new AdditiveAttention(useScale: false, dropout: 0.2, name: "add_attn"),
        ["multi_head_attention"] = () => new MultiHeadAttention(2, 3, valueDim: 4, dropout: 0.1, useBias: false, outputShape: new Shape(5),
            attentionAxes: [1], kernelInitializer: new HeNormal(), kernelRegularizer: new L2(0.01), seed: 4, name: "mha"),
        ["einsum_dense"] = () => new EinsumDense("abc,cd->abd", new int?[] { null, 5 }, "relu", "d", name: "ed"),
    };

    /// <summary>
    /// The lookup layers, whose Keras classes need TensorFlow to be built: the oracle has none, so their expected configs
    /// (Data/keras3/config_layers_from_source/layers.json) are worked out by hand from the Keras 3.15.1 source (its README
    /// says from which lines). Move them to gen_config.py if the oracle gets TensorFlow.
    /// </summary>
    private static IReadOnlyDictionary<string, Func<Layer>> SourceDerivedCases => new Dictionary<string, Func<Layer>>
    {
        ["string_lookup"] = () => new StringLookup(maxTokens: 8, numOovIndices: 2, maskToken: "", vocabulary: ["a", "b", "c"], name: "slookup"),
        ["string_lookup_default"] = () => new StringLookup(name: "slookup_default"),
        ["string_lookup_tf_idf"] = () => new StringLookup(outputMode: "tf_idf", vocabulary: ["x", "y"], idfWeights: [0.5, 1.5], name: "slookup_tfidf"),
        ["integer_lookup"] = () => new IntegerLookup(maxTokens: 10, maskToken: 0, vocabulary: [12, 36, 1138], name: "ilookup"),
        ["integer_lookup_default"] = () => new IntegerLookup(name: "ilookup_default"),
        ["integer_lookup_invert"] = () => new IntegerLookup(invert: true, numOovIndices: 0, oovToken: -7, vocabulary: [4, 5], name: "ilookup_inv"),
        ["hashing"] = () => new Hashing(5, maskValue: "", salt: [1, 2], outputMode: "one_hot", name: "hash"),
        ["hashing_default"] = () => new Hashing(3, name: "hash_int"),
        ["text_vectorization_default"] = () => new TextVectorization(name: "tv"),
        ["text_vectorization"] = () => new TextVectorization(maxTokens: 20, standardize: "lower", split: "character", ngrams: 2, outputMode: "multi_hot",
            padToMaxTokens: true, vocabulary: ["a", "b"], name: "tv_cfg"),
    };

    /// <summary>Built-in layer classes that Keras does not have, so no golden config exists for them.</summary>
    private static readonly HashSet<string> DeepKerasOnly = ["MinPooling1D", "MinPooling2D", "MinPooling3D", "Sampling"];

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GetConfig_EqualsKerasGetConfig(string name)
    {
        var expected = GoldenLayers()[name];
        var actual = ConfigDiff.Json(Cases[name]().GetConfig());
        ConfigDiff.AssertEqual(expected, actual, name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GetConfig_IsPlainJsonValues(string name)
    {
        var config = Cases[name]().GetConfig();
        Assert.Null(ConfigDiff.FirstNonPlain(config, name));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromConfig_RecreatesTheSameLayer(string name)
    {
        var layer = Cases[name]();
        var config = layer.GetConfig();
        var copy = Layer.FromConfig(layer.GetType(), config);
        Assert.IsType(layer.GetType(), copy);
        Assert.NotSame(layer, copy);
        ConfigDiff.AssertEqual(ConfigDiff.Json(config), ConfigDiff.Json(copy.GetConfig()), name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromConfig_OfKerasConfig_GivesKerasConfigBack(string name)
    {
        var expected = GoldenLayers()[name];
        var layer = Layer.FromConfig(Cases[name]().GetType(), (Dictionary<string, object?>)expected!);
        ConfigDiff.AssertEqual(expected, ConfigDiff.Json(layer.GetConfig()), name);
    }

    [Fact]
    public void Cases_CoverEveryBuiltInKerasLayerClass()
    {
        var covered = Cases.Values.Select(make => make().ClassName).ToHashSet();
        var missing = ObjectRegistry.BuiltInNames(ObjectKind.Layer)
            .Where(c => c is not ("Sequential" or "Functional" or "Model") && !DeepKerasOnly.Contains(c) && !covered.Contains(c))
            .ToList();
        Assert.True(missing.Count == 0, $"no config case for: {string.Join(", ", missing)}");
        Assert.Equal(Cases.Keys.Order(), GoldenLayers().Keys.Order());
    }

    [Fact]
    public void GetConfig_OfDeepKerasOnlyLayers_IsPlainAndRoundTrips()
    {
        Layer[] layers = [new MinPooling2D((2, 1), strides: 1, padding: "same", name: "minp"), new Sampling(seed: 4, name: "sample")];
        foreach (var layer in layers)
        {
            var config = layer.GetConfig();
            Assert.Null(ConfigDiff.FirstNonPlain(config, layer.Name));
            var copy = Layer.FromConfig(layer.GetType(), config);
            ConfigDiff.AssertEqual(ConfigDiff.Json(config), ConfigDiff.Json(copy.GetConfig()), layer.Name);
        }
    }

    // The oracle's configs and the hand-derived ones of the lookup layers (see SourceDerivedCases).
    private static Dictionary<string, object?> GoldenLayers() =>
        new[] { "config_layers", "config_layers_from_source" }
            .SelectMany(c => (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(KerasGolden.Case(c).File("layers.json")))!)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
}
