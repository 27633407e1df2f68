using System.Collections;
using System.Runtime.CompilerServices;
using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Keras's <c>serialize_keras_object</c>: objects become <c>{"module", "class_name", "config", "registered_name"}</c>
/// (plus <c>build_config</c> for built layers and <c>compile_config</c> for models), configs become plain JSON values.
/// </summary>
internal static class KerasSerializer
{
    /// <summary>Serializes a layer, model, initializer, regularizer, optimizer, schedule, loss or metric.</summary>
    public static Dictionary<string, object?> Serialize(object obj)
    {
        if (obj is Delegate fn)
        {
            return SerializeFunction(fn);
        }

        // Keras writes a built-in's public module; a custom class (registered or not) gets module null, as Keras writes
        // for classes defined in a script, and its registered name, or its class name when it is not registered.
        var entry = ObjectRegistry.ForType(obj.GetType());
        var builtIn = entry is { RegisteredName: null };
        var className = entry?.ClassName ?? ClassNameOf(obj);
        var result = new Dictionary<string, object?>
        {
            ["module"] = builtIn ? entry!.Module : null,
            ["class_name"] = className,
            ["config"] = ToPlain(ConfigOf(obj)),
            ["registered_name"] = builtIn ? null : entry?.RegisteredName ?? className,
        };

        if (obj is Layer layer && BuildConfig(layer) is { } build)
        {
            result["build_config"] = build;
        }

        if (obj is Model model)
        {
            result["compile_config"] = CompileConfig.Get(model);
        }

        return result;
    }

    /// <summary>
    /// A registered function as Keras 3 writes one (<c>{"module": "builtins", "class_name": "function", "config":
    /// "package&gt;name", "registered_name": "function"}</c>: the name is in <c>config</c>), or a lambda marker for an
    /// unregistered delegate.
    /// </summary>
    public static Dictionary<string, object?> SerializeFunction(Delegate fn)
    {
        if (ObjectRegistry.ForFunction(fn) is { } entry)
        {
            return new Dictionary<string, object?>
            {
                ["module"] = "builtins",
                ["class_name"] = "function",
                ["config"] = entry.RegisteredName,
                ["registered_name"] = "function",
            };
        }

        // Keras writes a Python lambda's bytecode here; .NET code is never written to (or read from) a file.
        return new Dictionary<string, object?>
        {
            ["class_name"] = "__lambda__",
            ["config"] = new Dictionary<string, object?>
            {
                ["code"] = fn.Method.Name,
                ["defaults"] = null,
                ["closure"] = null,
            },
        };
    }

    /// <summary>The <c>build_config</c> of a built layer: the input shape(s) it was built for.</summary>
    public static Dictionary<string, object?>? BuildConfig(Layer layer)
    {
        if (layer is Sequential seq)
        {
            return seq.Built && seq.BatchInputShape is { } s ? new() { ["input_shape"] = ToPlain(s) } : null;
        }

        if (layer is MultiHeadAttention mha)
        {
            return mha.BuildShapesDict();
        }

        if (layer is InputLayer || layer is Model { IsFunctional: true } || BuiltAtInit(layer) || !layer.Built || layer.BuildShapes is not { Count: > 0 } shapes)
        {
            return null;
        }

        return new() { ["input_shape"] = shapes.Count == 1 ? ToPlain(shapes[0]) : shapes.Select(x => ToPlain(x)).ToList() };
    }

    // Keras builds these layers in their constructor (no build() of their own), so it never records a build shape.
    private static bool BuiltAtInit(Layer layer) => layer is Activation or LeakyReLU or Masking or Dropout or GaussianDropout or GaussianNoise
        or ReLU or ELU or Softmax or Identity or UnitNormalization or ActivityRegularization or AlphaDropout
        or Reshape or BasePooling or BaseGlobalPooling;

    private static string ClassNameOf(object obj) => obj switch
    {
        Layer l => l.ClassName,
        Initializers.Initializer i => i.ClassName,
        Regularizers.Regularizer r => r.ClassName,
        Constraints.Constraint c => c.ClassName,
        Optimizers.Schedules.LearningRateSchedule s => s.ClassName,
        _ => obj.GetType().Name,
    };

    private static Dictionary<string, object?> ConfigOf(object obj) => obj switch
    {
        Layer l => l.GetConfig(),
        Initializers.Initializer i => i.GetConfig(),
        Regularizers.Regularizer r => r.GetConfig(),
        Constraints.Constraint c => c.GetConfig(),
        Optimizers.Optimizer o => o.GetConfig(),
        Optimizers.Schedules.LearningRateSchedule s => s.GetConfig(),
        Losses.Loss l => l.GetConfig(),
        Metrics.Metric m => m.GetConfig(),
        _ => throw new ArgumentException(
            $"Cannot serialize object of type {obj.GetType().Name}. To be serializable, a class must be a Keras object with a `GetConfig()` method."),
    };

    /// <summary>Converts a config value to a plain JSON value (lists, string-keyed dictionaries, strings, numbers, booleans, null).</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null => null,
        string or bool or long or double or float => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        Enum e => NameScope.ToSnakeCase(e.ToString()),
        Shape s => s.ToArray().Select(d => (object?)(d is { } x ? (long)x : null)).ToList(),
        ActivationFunction a => ActivationName(a),
        Delegate d => SerializeFunction(d),
        Layer or Initializers.Initializer or Regularizers.Regularizer or Constraints.Constraint or Optimizers.Optimizer or
            Optimizers.Schedules.LearningRateSchedule or Losses.Loss or Metrics.Metric => Serialize(value),
        IDictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        ITuple t => Enumerable.Range(0, t.Length).Select(i => ToPlain(t[i])).ToList(),
        IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
        _ => throw new ArgumentException($"Cannot serialize a config value of type {value.GetType().Name}."),
    };

    private static object ActivationName(ActivationFunction a) =>
        ActivationFunction.Names.Contains(a.Name) ? a.Name : a.Delegate is { } fn && ObjectRegistry.ForFunction(fn) is not null
            ? SerializeFunction(fn)
            : a.Name;
}
