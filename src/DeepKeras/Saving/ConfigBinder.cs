using System.Reflection;
using System.Text.RegularExpressions;
using DeepKeras.Engine;

namespace DeepKeras.Saving;

/// <summary>
/// Recreates a registered type from its config through a public constructor (Keras's default
/// <c>from_config</c>: <c>cls(**config)</c>). Each parameter takes the value under its snake_case name — with an
/// underscore before digits as a second choice (<c>beta1</c> ← <c>beta_1</c>) — or keeps its default. The constructor
/// with the most parameters whose required arguments are all present and convertible wins.
/// </summary>
internal static partial class ConfigBinder
{
    /// <summary>Creates the factory for a type.</summary>
    public static Func<DeserializationContext, Dictionary<string, object?>, string, object> Factory(Type type) =>
        (ctx, config, where) => Create(type, config, ctx, where);

    /// <summary>Creates an instance of <paramref name="type"/> from <paramref name="config"/>.</summary>
    public static object Create(Type type, Dictionary<string, object?> config, DeserializationContext ctx, string where)
    {
        if (FunctionalConfig.SubclassFactory(type, config) is { } functional)
        {
            return FunctionalConfig.FromConfig(ctx, config, where, functional);
        }

        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .ToList();
        if (constructors.Count == 0)
        {
            throw ctx.Fail($"{where}: {type.Name} has no public constructor to recreate it from its config.");
        }

        string? firstProblem = null;
        foreach (var ctor in constructors)
        {
            var parameters = ctor.GetParameters();
            var args = new object?[parameters.Length];
            var used = new HashSet<string>();
            string? problem = null;
            for (var i = 0; i < parameters.Length && problem is null; i++)
            {
                var p = parameters[i];
                var key = KeyFor(p.Name!, config);
                if (key is null)
                {
                    if (p.HasDefaultValue)
                    {
                        args[i] = p.DefaultValue is DBNull ? null : p.DefaultValue;
                    }
                    else
                    {
                        problem = $"the config has no value for `{SnakeCase(p.Name!)}`, which {type.Name} requires";
                    }

                    continue;
                }

                used.Add(key);
                try
                {
                    args[i] = ConfigConverter.Convert(config[key], p.ParameterType, ctx, where);
                }
                catch (FormatException e)
                {
                    problem = $"invalid value for `{key}`: {e.Message}";
                }
            }

            if (problem is not null)
            {
                firstProblem ??= problem;
                continue;
            }

            object instance;
            try
            {
                instance = ctor.Invoke(args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw ctx.Fail($"{where}: {e.InnerException.Message}", e.InnerException);
            }

            ApplyLayerSettings(instance, config, used, ctx, where);
            return instance;
        }

        throw ctx.Fail($"{where}: {firstProblem}");
    }

    /// <summary>Sets <c>trainable</c> and <c>activity_regularizer</c> on a layer when no constructor argument took them.</summary>
    public static void ApplyLayerSettings(object instance, Dictionary<string, object?> config, ISet<string> used, DeserializationContext ctx, string where)
    {
        if (instance is not Layers.Layer layer)
        {
            return;
        }

        try
        {
            if (!used.Contains("trainable") && config.TryGetValue("trainable", out var t))
            {
                layer.Trainable = (bool)ConfigConverter.Convert(t, typeof(bool), ctx, where)!;
            }

            if (!used.Contains("activity_regularizer") && config.TryGetValue("activity_regularizer", out var r) && r is not null)
            {
                layer.ActivityRegularizer = (Regularizers.Regularizer?)ConfigConverter.Convert(r, typeof(Regularizers.Regularizer), ctx, where);
            }
        }
        catch (FormatException e)
        {
            throw ctx.Fail($"{where}: {e.Message}", e);
        }
    }

    /// <summary>The config key that feeds a parameter, or null.</summary>
    public static string? KeyFor(string parameterName, IReadOnlyDictionary<string, object?> config)
    {
        var snake = SnakeCase(parameterName);
        if (config.ContainsKey(snake))
        {
            return snake;
        }

        var digits = DigitBoundary().Replace(snake, "$1_$2");
        return config.ContainsKey(digits) ? digits : null;
    }

    /// <summary>The snake_case key for a camelCase parameter name.</summary>
    public static string SnakeCase(string parameterName) => NameScope.ToSnakeCase(parameterName);

    [GeneratedRegex("([a-z])([0-9])")]
    private static partial Regex DigitBoundary();
}
