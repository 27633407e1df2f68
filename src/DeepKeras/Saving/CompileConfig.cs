using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;

namespace DeepKeras.Saving;

/// <summary>
/// The <c>compile_config</c> of a saved model (Keras <c>get_compile_config</c>/<c>compile_from_config</c>):
/// <c>{"optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly", "steps_per_execution",
/// "jit_compile"}</c>, or <c>{}</c> for a model that was not compiled.
/// </summary>
internal static class CompileConfig
{
    /// <summary>Returns the compile config of a model.</summary>
    public static Dictionary<string, object?> Get(Model model)
    {
        if (!model.Compiled || model.CompileArgs is not { } args)
        {
            return [];
        }

        return new Dictionary<string, object?>
        {
            ["optimizer"] = KerasSerializer.Serialize(args.Optimizer),
            ["loss"] = LossValue(args.Loss),
            ["loss_weights"] = WeightsValue(args.LossWeights),
            ["metrics"] = args.Metrics is null ? null : MetricsValue(args.Metrics),
            ["weighted_metrics"] = args.WeightedMetrics is null ? null : MetricsValue(args.WeightedMetrics),
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1L,
            ["jit_compile"] = false,
        };
    }

    private static object? LossValue(LossArg? loss) => loss switch
    {
        null => null,
        { List: { } list } => list.Select(LossValue).ToList(),
        { ByName: { } byName } => byName.ToDictionary(kv => kv.Key, kv => LossValue(kv.Value)),
        _ => LossValue(loss.Single),
    };

    private static object? WeightsValue(LossWeightsArg? weights) => weights switch
    {
        null => null,
        { IsSingle: true } => weights.List![0],
        { List: { } list } => list.Select(w => (object?)w).ToList(),
        _ => weights.ByName!.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
    };

    private static object? MetricsValue(MetricsArg? metrics) => metrics switch
    {
        null => null,
        { Leaf: { } leaf } => MetricValue(leaf, leaf.CompiledName ?? leaf.Name),
        { List: { } list } => list.Select(MetricsValue).ToList(),
        _ => metrics.ByName!.ToDictionary(kv => kv.Key, kv => MetricsValue(kv.Value)),
    };

    // Keras keeps the argument as given: an identifier stays a string.
    private static object? LossValue(Loss? loss) => loss?.Identifier ?? KerasSerializer.ToPlain(loss);

    private static object MetricValue(Metric metric, string name)
    {
        if (metric.Identifier is { } identifier)
        {
            return identifier;
        }

        if (metric is AutoAccuracy)
        {
            return name;
        }

        var serialized = KerasSerializer.Serialize(metric);
        if (serialized["config"] is Dictionary<string, object?> config)
        {
            config["name"] = name;
        }

        return serialized;
    }

    /// <summary>Compiles <paramref name="model"/> from a saved compile config (no-op for <c>{}</c>).</summary>
    /// <returns>Whether the model was compiled.</returns>
    public static bool Restore(Model model, object? plain, DeserializationContext ctx)
    {
        if (plain is null || plain is Dictionary<string, object?> { Count: 0 })
        {
            return false;
        }

        if (plain is not Dictionary<string, object?> config)
        {
            throw ctx.Fail($"compile_config: expected an object, received {ConfigConverter.Text(plain)}");
        }

        if (HasCustomCompile(model))
        {
            Console.Error.WriteLine(
                $"UserWarning: `Compile()` was not called as part of model loading because the model's `Compile()` method is custom. " +
                "Call `Compile()` manually after loading.");
            return false;
        }

        const string where = "compile_config";
        var optimizer = config.GetValueOrDefault("optimizer") is { } o
            ? (Optimizer)KerasDeserializer.Deserialize(o, ObjectKind.Optimizer, ctx, $"{where} optimizer")
            : null;
        var metrics = ReadMetrics(config.GetValueOrDefault("metrics"), ctx, "compile_config metrics");
        var weightedMetrics = ReadMetrics(config.GetValueOrDefault("weighted_metrics"), ctx, "compile_config weighted_metrics");
        var lossWeights = ReadLossWeights(config.GetValueOrDefault("loss_weights"), ctx);
        var loss = ReadLoss(config.GetValueOrDefault("loss"), ctx, $"{where} loss");
        try
        {
            model.Compile(optimizer, loss, metrics, lossWeights, weightedMetrics);
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail($"{where}: {e.Message}", e);
        }

        return true;
    }

    private static LossArg? ReadLoss(object? value, DeserializationContext ctx, string where)
    {
        Loss? One(object? plain, string at) => plain is null ? null : (Loss)KerasDeserializer.Deserialize(plain, ObjectKind.Loss, ctx, at);
        return value switch
        {
            null => null,
            List<object?> list => list.Select((l, i) => One(l, $"{where} {i}")).ToArray(),
            Dictionary<string, object?> d when !d.ContainsKey("class_name") =>
                d.ToDictionary(kv => kv.Key, kv => One(kv.Value, $"{where} '{kv.Key}'")),
            _ => One(value, where)!,
        };
    }

    private static MetricsArg? ReadMetrics(object? value, DeserializationContext ctx, string where) => value switch
    {
        null => null,
        List<object?> list => MetricsArg.Create(list.Select((m, i) => ReadMetrics(m, ctx, $"{where} {i}")).ToArray()),
        Dictionary<string, object?> d when !d.ContainsKey("class_name") =>
            d.ToDictionary(kv => kv.Key, kv => ReadMetrics(kv.Value, ctx, $"{where} '{kv.Key}'")),
        _ => (Metric)KerasDeserializer.Deserialize(value, ObjectKind.Metric, ctx, where),
    };

    private static LossWeightsArg? ReadLossWeights(object? value, DeserializationContext ctx)
    {
        double Number(object? w) => (double)ConfigConverter.Convert(w, typeof(double), ctx, "loss_weights")!;
        try
        {
            return value switch
            {
                null => null,
                List<object?> list => list.Select(Number).ToArray(),
                long or double => Number(value),
                Dictionary<string, object?> byName => byName.ToDictionary(kv => kv.Key, kv => Number(kv.Value)),
                _ => throw new FormatException($"expected a list of numbers, received {ConfigConverter.Text(value)}"),
            };
        }
        catch (FormatException e)
        {
            throw ctx.Fail($"compile_config loss_weights: {e.Message}", e);
        }
    }

    private static bool HasCustomCompile(Model model)
    {
        var method = model.GetType().GetMethod(nameof(Model.Compile),
            [typeof(Optimizer), typeof(LossArg), typeof(MetricsArg), typeof(LossWeightsArg), typeof(MetricsArg)]);
        return method is not null && method.DeclaringType != typeof(Model);
    }
}
