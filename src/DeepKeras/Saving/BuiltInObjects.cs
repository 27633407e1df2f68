using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers.Schedules;
using DeepKeras.Regularizers;
using L = DeepKeras.Layers;
using LossFns = DeepKeras.Losses;
using MetricFns = DeepKeras.Metrics;

namespace DeepKeras.Saving;

/// <summary>
/// The built-in classes a saved config may name: every public concrete class of each serializable family (layers,
/// initializers, regularizers, optimizers, learning-rate schedules, losses, metrics) is found by reflection and
/// recreated through its public constructor (config keys ↔ camelCase parameters); the few whose config does not map
/// onto their constructor get a factory below.
/// </summary>
internal static class BuiltInObjects
{
    private static readonly (ObjectKind Kind, Type Base, string Namespace)[] Families =
    [
        (ObjectKind.Layer, typeof(L.Layer), "DeepKeras.Layers"),
        (ObjectKind.Initializer, typeof(Initializers.Initializer), "DeepKeras.Initializers"),
        (ObjectKind.Regularizer, typeof(Regularizer), "DeepKeras.Regularizers"),
        (ObjectKind.Optimizer, typeof(Optimizers.Optimizer), "DeepKeras.Optimizers"),
        (ObjectKind.Constraint, typeof(Constraints.Constraint), "DeepKeras.Constraints"),
        (ObjectKind.Schedule, typeof(LearningRateSchedule), "DeepKeras.Optimizers.Schedules"),
        (ObjectKind.Loss, typeof(LossFns.Loss), "DeepKeras.Losses"),
        (ObjectKind.Metric, typeof(MetricFns.Metric), "DeepKeras.Metrics"),
    ];

    // Wrappers of a user function: their config names a function, not constructor arguments.
    private static readonly Type[] NotFromConfig = [typeof(LossFunctionWrapper), typeof(MeanMetricWrapper)];

    public static void RegisterAll()
    {
        // Models (module "keras").
        ObjectRegistry.BuiltIn<Sequential>(ObjectKind.Layer, "Sequential", "keras", (ctx, c, w) => SequentialConfig.FromConfig(ctx, c, w));
        ObjectRegistry.BuiltIn<Functional>(ObjectKind.Layer, "Functional", "keras", (ctx, c, w) => FunctionalConfig.FromConfig(ctx, c, w));
        ObjectRegistry.BuiltIn<Functional>(ObjectKind.Layer, "Model", "keras", (ctx, c, w) => FunctionalConfig.FromConfig(ctx, c, w));

        // Layers whose config does not map onto their constructor.
        ObjectRegistry.BuiltIn<InputLayer>(ObjectKind.Layer, "InputLayer", "keras.layers", InputLayerFromConfig);
        ObjectRegistry.BuiltIn<Lambda>(ObjectKind.Layer, "Lambda", "keras.layers", LambdaFromConfig);
        ObjectRegistry.BuiltIn<Discretization>(ObjectKind.Layer, "Discretization", "keras.layers", DiscretizationFromConfig);

        // Everything else, through its constructor.
        foreach (var (kind, baseType, ns) in Families)
        {
            foreach (var type in typeof(BuiltInObjects).Assembly.GetExportedTypes()
                         .Where(t => t.Namespace == ns && !t.IsAbstract && t.IsSubclassOf(baseType) && !NotFromConfig.Contains(t))
                         .OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                if (ObjectRegistry.ForType(type) is null)
                {
                    ObjectRegistry.BuiltIn(type, kind);
                }
            }
        }
    }

    // An adapted Discretization's config holds both `bin_boundaries` and `num_bins`, which its constructor refuses together
    // (Keras's from_config sets the boundaries after construction, as here).
    private static object DiscretizationFromConfig(DeserializationContext ctx, Dictionary<string, object?> config, string where)
    {
        if (config.GetValueOrDefault("bin_boundaries") is not List<object?> boundaries || config.GetValueOrDefault("num_bins") is null)
        {
            return ConfigBinder.Create(typeof(Discretization), config, ctx, where);
        }

        var rest = new Dictionary<string, object?>(config);
        rest.Remove("bin_boundaries");
        var layer = (Discretization)ConfigBinder.Create(typeof(Discretization), rest, ctx, where);
        layer.RestoreBoundaries((double[])ConfigConverter.Convert(boundaries, typeof(double[]), ctx, where)!);
        return layer;
    }

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
