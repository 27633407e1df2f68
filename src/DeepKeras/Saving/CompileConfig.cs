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
            ["loss"] = LossValue(args.Losses),
            ["loss_weights"] = args.LossWeights?.Select(w => (object?)w).ToList(),
            ["metrics"] = args.Metrics.Count == 0 ? null : args.Metrics.Select(m => MetricValue(m.Metric, m.Name)).ToList(),
            ["weighted_metrics"] = null,
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1L,
            ["jit_compile"] = false,
        };
    }

    private static object? LossValue(Loss?[]? losses)
    {
        if (losses is null || losses.Length == 0)
        {
            return null;
        }

        return losses.All(l => ReferenceEquals(l, losses[0]))
            ? LossValue(losses[0])
            : losses.Select(LossValue).ToList();
    }

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
        var metrics = ReadMetrics(config.GetValueOrDefault("metrics"), ctx);
        var lossWeights = ReadLossWeights(config.GetValueOrDefault("loss_weights"), model, ctx);
        try
        {
            switch (config.GetValueOrDefault("loss"))
            {
                case null:
                    model.Compile(optimizer, (Loss?)null, metrics, lossWeights);
                    break;
                case List<object?> list:
                    var losses = list.Select((l, i) => l is null ? null : (Loss)KerasDeserializer.Deserialize(l, ObjectKind.Loss, ctx, $"{where} loss {i}")).ToArray();
                    model.Compile(optimizer, losses, metrics, lossWeights);
                    break;
                case Dictionary<string, object?> d when d.ContainsKey("class_name"):
                    model.Compile(optimizer, (Loss)KerasDeserializer.Deserialize(d, ObjectKind.Loss, ctx, $"{where} loss"), metrics, lossWeights);
                    break;
                case Dictionary<string, object?> byOutput:
                    var names = model.OutputNames;
                    var perOutput = names.Select(n => byOutput.GetValueOrDefault(n) is { } l
                        ? (Loss)KerasDeserializer.Deserialize(l, ObjectKind.Loss, ctx, $"{where} loss '{n}'")
                        : null).ToArray();
                    model.Compile(optimizer, perOutput, metrics, lossWeights);
                    break;
                case var single:
                    model.Compile(optimizer, (Loss)KerasDeserializer.Deserialize(single, ObjectKind.Loss, ctx, $"{where} loss"), metrics, lossWeights);
                    break;
            }
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail($"{where}: {e.Message}", e);
        }

        return true;
    }

    private static List<Metric>? ReadMetrics(object? value, DeserializationContext ctx)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not List<object?> list)
        {
            throw ctx.Fail($"compile_config metrics: expected a list, received {ConfigConverter.Text(value)}");
        }

        // Per-output lists are applied to every output, as Compile does.
        var flat = list.SelectMany(x => x is List<object?> inner ? inner : [x]).Where(x => x is not null);
        return flat.Select((m, i) => (Metric)KerasDeserializer.Deserialize(m, ObjectKind.Metric, ctx, $"compile_config metric {i}")).ToList();
    }

    private static double[]? ReadLossWeights(object? value, Model model, DeserializationContext ctx)
    {
        try
        {
            return value switch
            {
                null => null,
                List<object?> list => list.Select(w => (double)ConfigConverter.Convert(w, typeof(double), ctx, "loss_weights")!).ToArray(),
                long or double => [(double)ConfigConverter.Convert(value, typeof(double), ctx, "loss_weights")!],
                Dictionary<string, object?> byName => model.OutputNames
                    .Select(n => byName.GetValueOrDefault(n) is { } w ? (double)ConfigConverter.Convert(w, typeof(double), ctx, "loss_weights")! : 1.0)
                    .ToArray(),
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
            [typeof(Optimizer), typeof(Loss), typeof(IEnumerable<Metric>), typeof(IReadOnlyList<double>)]);
        return method is not null && method.DeclaringType != typeof(Model);
    }
}
