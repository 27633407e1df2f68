using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Optimizers.Schedules;
using DeepKeras.Regularizers;
using L = DeepKeras.Layers;
using LossFns = DeepKeras.Losses;
using MetricFns = DeepKeras.Metrics;

namespace DeepKeras.Saving;

/// <summary>
/// The built-in classes a saved config may name, one line each. A class whose public constructor takes its config
/// keys as camelCase parameters (the convention of every DeepKeras layer) needs only <c>Layer&lt;T&gt;()</c>; the
/// others get a factory below.
/// </summary>
internal static class BuiltInObjects
{
    public static void RegisterAll()
    {
        // Models (module "keras").
        ObjectRegistry.BuiltIn<Sequential>(ObjectKind.Layer, "Sequential", "keras", (ctx, c, w) => SequentialConfig.FromConfig(ctx, c, w));
        ObjectRegistry.BuiltIn<Functional>(ObjectKind.Layer, "Functional", "keras", (ctx, c, w) => FunctionalConfig.FromConfig(ctx, c, w));
        ObjectRegistry.BuiltIn<Functional>(ObjectKind.Layer, "Model", "keras", (ctx, c, w) => FunctionalConfig.FromConfig(ctx, c, w));

        // Layers.
        ObjectRegistry.BuiltIn<InputLayer>(ObjectKind.Layer, "InputLayer", "keras.layers", InputLayerFromConfig);
        ObjectRegistry.BuiltIn<Lambda>(ObjectKind.Layer, "Lambda", "keras.layers", LambdaFromConfig);
        Layer<Dense>();
        Layer<Activation>();
        Layer<Dropout>();
        Layer<Flatten>();
        Layer<Reshape>();
        Layer<Concatenate>();
        Layer<Add>();
        Layer<Embedding>();
        Layer<Masking>();
        Layer<Sampling>();

        // Activation layers.
        Layer<LeakyReLU>();
        Layer<PReLU>();

        // Convolution.
        Layer<Conv1D>();
        Layer<Conv2D>();
        Layer<Conv3D>();
        Layer<Conv2DTranspose>();
        Layer<SeparableConv2D>();
        Layer<DepthwiseConv2D>();

        // Pooling (MinPooling is a DeepKeras addition; Python Keras has no such class).
        Layer<MaxPooling1D>();
        Layer<MaxPooling2D>();
        Layer<MaxPooling3D>();
        Layer<AveragePooling1D>();
        Layer<AveragePooling2D>();
        Layer<AveragePooling3D>();
        Layer<MinPooling1D>();
        Layer<MinPooling2D>();
        Layer<MinPooling3D>();
        Layer<GlobalMaxPooling1D>();
        Layer<GlobalMaxPooling2D>();
        Layer<GlobalMaxPooling3D>();
        Layer<GlobalAveragePooling1D>();
        Layer<GlobalAveragePooling2D>();
        Layer<GlobalAveragePooling3D>();

        // Normalization and regularization.
        Layer<BatchNormalization>();
        Layer<LayerNormalization>();
        Layer<SpatialDropout2D>();
        Layer<GaussianNoise>();
        Layer<GaussianDropout>();

        // Reshaping.
        Layer<ZeroPadding2D>();
        Layer<Cropping2D>();
        Layer<UpSampling2D>();
        Layer<RepeatVector>();

        // Recurrent layers and wrappers.
        Layer<SimpleRNN>();
        Layer<LSTM>();
        Layer<GRU>();
        Layer<RNN>();
        Layer<SimpleRNNCell>();
        Layer<LSTMCell>();
        Layer<GRUCell>();
        Layer<StackedRNNCells>();
        Layer<Bidirectional>();
        Layer<TimeDistributed>();

        // Initializers.
        Initializer<Zeros>();
        Initializer<Ones>();
        Initializer<Constant>();
        Initializer<RandomNormal>();
        Initializer<RandomUniform>();
        Initializer<TruncatedNormal>();
        Initializer<Orthogonal>();
        Initializer<VarianceScaling>();
        Initializer<GlorotUniform>();
        Initializer<GlorotNormal>();
        Initializer<HeUniform>();
        Initializer<HeNormal>();
        Initializer<LecunUniform>();
        Initializer<LecunNormal>();

        // Regularizers.
        ObjectRegistry.BuiltIn<L1>(ObjectKind.Regularizer);
        ObjectRegistry.BuiltIn<L2>(ObjectKind.Regularizer);
        ObjectRegistry.BuiltIn<L1L2>(ObjectKind.Regularizer);
        ObjectRegistry.BuiltIn<OrthogonalRegularizer>(ObjectKind.Regularizer);

        // Optimizers and learning-rate schedules.
        Optimizer<SGD>();
        Optimizer<RMSprop>();
        Optimizer<Adam>();
        Optimizer<AdamW>();
        Optimizer<Adagrad>();
        Optimizer<Adadelta>();
        Optimizer<Adamax>();
        Optimizer<Nadam>();
        Schedule<ExponentialDecay>();
        Schedule<InverseTimeDecay>();
        Schedule<PiecewiseConstantDecay>();
        Schedule<PolynomialDecay>();
        Schedule<CosineDecay>();
        Schedule<CosineDecayRestarts>();

        // Losses.
        Loss<LossFns.MeanSquaredError>();
        Loss<LossFns.BinaryCrossentropy>();
        Loss<LossFns.CategoricalCrossentropy>();
        Loss<LossFns.SparseCategoricalCrossentropy>();

        // Metrics.
        Metric<Accuracy>();
        Metric<BinaryAccuracy>();
        Metric<CategoricalAccuracy>();
        Metric<SparseCategoricalAccuracy>();
        Metric<MetricFns.MeanAbsoluteError>();
        Metric<MetricFns.MeanSquaredError>();
        Metric<Mean>();
    }

    private static void Layer<T>()
        where T : L.Layer => ObjectRegistry.BuiltIn<T>(ObjectKind.Layer);

    private static void Initializer<T>()
        where T : Initializers.Initializer => ObjectRegistry.BuiltIn<T>(ObjectKind.Initializer);

    private static void Optimizer<T>()
        where T : Optimizers.Optimizer => ObjectRegistry.BuiltIn<T>(ObjectKind.Optimizer);

    private static void Schedule<T>()
        where T : LearningRateSchedule => ObjectRegistry.BuiltIn<T>(ObjectKind.Schedule);

    private static void Loss<T>()
        where T : LossFns.Loss => ObjectRegistry.BuiltIn<T>(ObjectKind.Loss);

    private static void Metric<T>()
        where T : MetricFns.Metric => ObjectRegistry.BuiltIn<T>(ObjectKind.Metric);

    // Keras writes the full batch shape; the constructor takes the shape without the batch axis.
    private static object InputLayerFromConfig(DeserializationContext ctx, Dictionary<string, object?> config, string where)
    {
        var batchShape = config.GetValueOrDefault("batch_shape") ?? config.GetValueOrDefault("batch_input_shape")
            ?? throw ctx.Fail($"{where}: an InputLayer config needs \"batch_shape\"");
        Shape shape;
        try
        {
            shape = ConfigConverter.ToShape(batchShape);
        }
        catch (FormatException e)
        {
            throw ctx.Fail($"{where}: invalid batch_shape: {e.Message}", e);
        }

        if (shape.Rank < 1)
        {
            throw ctx.Fail($"{where}: batch_shape must include the batch axis, received {ConfigConverter.Text(batchShape)}");
        }

        var dtype = config.GetValueOrDefault("dtype") switch
        {
            string s => s,
            Dictionary<string, object?> policy => (policy.GetValueOrDefault("config") as Dictionary<string, object?>)?.GetValueOrDefault("name") as string ?? "float32",
            _ => "float32",
        };
        return new InputLayer(shape.WithoutBatch(), shape[0], dtype, config.GetValueOrDefault("name") as string);
    }

    private static object LambdaFromConfig(DeserializationContext ctx, Dictionary<string, object?> config, string where)
    {
        var name = config.GetValueOrDefault("name") as string;
        var function = KerasDeserializer.ResolveFunction(config.GetValueOrDefault("function"), ctx, where, fallbackName: name);
        Shape? outputShape = null;
        if (config.GetValueOrDefault("output_shape") is { } shape)
        {
            try
            {
                outputShape = ConfigConverter.ToShape(shape);
            }
            catch (FormatException e)
            {
                throw ctx.Fail($"{where}: `output_shape` must be a list of sizes (a function is not supported): {e.Message}", e);
            }
        }

        var layer = new Lambda(function, outputShape, name);
        ConfigBinder.ApplyLayerSettings(layer, config, new HashSet<string>(), ctx, where);
        return layer;
    }
}
