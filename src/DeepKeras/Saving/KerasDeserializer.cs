using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Keras's <c>deserialize_keras_object</c>: turns <c>{"module", "class_name", "config", "registered_name",
/// "build_config"}</c> dictionaries back into objects, using only the caller's custom objects and the
/// <see cref="ObjectRegistry"/>. Python lambdas are refused in safe mode and never executed otherwise.
/// </summary>
internal static class KerasDeserializer
{
    /// <summary>Creates the object a serialized dictionary describes.</summary>
    /// <param name="plain">The serialized object (or, for some kinds, a string identifier such as <c>"adam"</c>).</param>
    /// <param name="kind">The family the caller expects.</param>
    /// <param name="ctx">The deserialization context.</param>
    /// <param name="where">Where the object is in the file, for messages.</param>
    /// <exception cref="KerasFileException">Unknown class, invalid config, or a refused lambda.</exception>
    public static object Deserialize(object? plain, ObjectKind kind, DeserializationContext ctx, string where)
    {
        if (plain is string identifier)
        {
            return FromIdentifier(identifier, kind, ctx, where);
        }

        if (plain is not Dictionary<string, object?> d || d.GetValueOrDefault("class_name") is not string className)
        {
            throw ctx.Fail($"{where}: expected a serialized {ObjectKinds.Word(kind)} (an object with \"class_name\" and \"config\"), received {ConfigConverter.Text(plain)}");
        }

        if (kind == ObjectKind.Function || className is "function" or "__lambda__")
        {
            if (kind != ObjectKind.Function)
            {
                throw ctx.Fail($"{where}: expected a serialized {ObjectKinds.Word(kind)}, received a function");
            }

            return ResolveFunction(d, ctx, where);
        }

        var registeredName = d.GetValueOrDefault("registered_name") as string;
        var config = d.GetValueOrDefault("config") switch
        {
            Dictionary<string, object?> c => c,
            null => [],
            var other => throw ctx.Fail($"{where} ({className}): expected \"config\" to be an object, received {ConfigConverter.Text(other)}"),
        };
        var label = Label(where, className, config);
        var result = Checked(() => Create(kind, className, registeredName, config, ctx, label), kind, ctx, label);

        if (result is Layer layer && d.GetValueOrDefault("build_config") is Dictionary<string, object?> build)
        {
            ApplyBuildConfig(layer, build, ctx, label);
        }

        return result;
    }

    /// <summary>
    /// Creates an object of a known class from its config (Keras <c>cls.from_config(config)</c>): through the class's
    /// registered factory if it has one, else through its public constructor. The config is first normalized to plain
    /// JSON values, so objects in it are recreated, not shared.
    /// </summary>
    public static object FromConfig(Type type, ObjectKind kind, IReadOnlyDictionary<string, object?> config, DeserializationContext ctx)
    {
        var plain = config.ToDictionary(kv => kv.Key, kv => KerasSerializer.ToPlain(kv.Value));
        var className = ObjectRegistry.ForType(type)?.ClassName ?? type.Name;
        var label = Label(ObjectKinds.Word(kind), className, plain);
        var factory = ObjectRegistry.ForType(type)?.Factory ?? ConfigBinder.Factory(type);
        return Checked(() => factory(ctx, plain, label), kind, ctx, label);
    }

    private static string Label(string where, string className, Dictionary<string, object?> config) =>
        config.GetValueOrDefault("name") is string n ? $"{where} '{n}' ({className})" : $"{where} ({className})";

    // Runs a factory, turning the argument errors of constructors into file errors that say where the object is.
    private static object Checked(Func<object> create, ObjectKind kind, DeserializationContext ctx, string label)
    {
        object result;
        try
        {
            result = create();
        }
        catch (KerasFileException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or NotSupportedException
                                      or IndexOutOfRangeException or KeyNotFoundException or InvalidCastException or OverflowException)
        {
            throw ctx.Fail($"{label}: {e.Message}", e);
        }

        return ObjectKinds.BaseType(kind).IsInstanceOfType(result)
            ? result
            : throw ctx.Fail($"{label}: expected a {ObjectKinds.Word(kind)}, but the class creates a {result.GetType().Name}");
    }

    private static object Create(ObjectKind kind, string className, string? registeredName, Dictionary<string, object?> config,
        DeserializationContext ctx, string label)
    {
        switch (ctx.Custom(registeredName, className))
        {
            case Type type:
                if (!ObjectKinds.BaseType(kind).IsAssignableFrom(type))
                {
                    throw ctx.Fail($"{label}: the custom object '{className}' is a {type.Name}, not a {ObjectKinds.Word(kind)}");
                }

                return ConfigBinder.Create(type, config, ctx, label);
            case Func<IReadOnlyDictionary<string, object?>, object> factory:
                var created = factory(config);
                if (created is Layer l)
                {
                    ConfigBinder.ApplyLayerSettings(l, config, new HashSet<string>(), ctx, label);
                }

                return created;
            case { } other:
                throw ctx.Fail($"{label}: the custom object '{className}' must be a Type or a factory, received a {other.GetType().Name}");
        }

        var entry = ObjectRegistry.Find(kind, className, registeredName) ?? throw ctx.Fail(
            $"{label}: could not locate class '{className}'" +
            (registeredName is null ? "" : $" (registered name '{registeredName}')") +
            ". Make sure custom classes are registered with `Keras.Saving.RegisterKerasSerializable<T>()` " +
            "or passed in `customObjects`. Known built-in " + ObjectKinds.Word(kind) + " classes: " +
            string.Join(", ", ObjectRegistry.BuiltInNames(kind)) + ".");
        return entry.Factory(ctx, config, label);
    }

    /// <summary>Resolves a string identifier (<c>"adam"</c>, <c>"mse"</c>, <c>"glorot_uniform"</c>, <c>"l2"</c>, <c>"accuracy"</c>).</summary>
    public static object FromIdentifier(string identifier, ObjectKind kind, DeserializationContext ctx, string where)
    {
        try
        {
            return kind switch
            {
                ObjectKind.Initializer => Initializers.Initializer.Get(identifier),
                ObjectKind.Regularizer => Regularizers.Regularizers.Get(identifier),
                ObjectKind.Optimizer => Optimizers.Optimizers.Get(identifier),
                ObjectKind.Loss => Losses.Losses.Get(identifier),
                ObjectKind.Metric => (Metrics.Metric)identifier,
                ObjectKind.Function => ResolveFunction(identifier, ctx, where),
                _ => throw ctx.Fail($"{where}: expected a serialized {ObjectKinds.Word(kind)}, received the string '{identifier}'"),
            };
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail($"{where}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Finds the function a config names: a registered function (<c>{"class_name": "function", "config": name}</c> or a
    /// bare name) or a caller-supplied one. A Python lambda is refused in safe mode; even with safe mode off, its code
    /// is never run: the function must be supplied in <c>customObjects</c>.
    /// </summary>
    public static Func<Tensor, Tensor> ResolveFunction(object? value, DeserializationContext ctx, string where, string? fallbackName = null)
    {
        string? name;
        string? registeredName = null;
        switch (value)
        {
            case string s:
                name = s;
                break;
            case Dictionary<string, object?> d when d.GetValueOrDefault("class_name") is "__lambda__":
                if (ctx.SafeMode)
                {
                    throw ctx.Fail(
                        $"{where}: requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. " +
                        "This carries a potential risk of arbitrary code execution and thus it is disallowed by default. " +
                        "If you trust the source of the file, pass `safeMode: false` to `LoadModel` and supply the function " +
                        $"in `customObjects`{(fallbackName is null ? "" : $" under the key \"{fallbackName}\"")}.");
                }

                name = fallbackName;
                if (ctx.Custom(fallbackName, (d.GetValueOrDefault("config") as Dictionary<string, object?>)?.GetValueOrDefault("code") as string)
                    is Func<Tensor, Tensor> supplied)
                {
                    return supplied;
                }

                throw ctx.Fail(
                    $"{where}: the file holds a lambda, whose code DeepKeras never runs. Supply the function in `customObjects`" +
                    $"{(fallbackName is null ? "" : $" under the key \"{fallbackName}\"")}.");
            case Dictionary<string, object?> d:
                // Keras 3 writes the function's name in "config" and "function" (its class) as the registered name.
                name = d.GetValueOrDefault("config") as string;
                registeredName = d.GetValueOrDefault("registered_name") is string r and not "function" ? r : null;
                break;
            default:
                throw ctx.Fail($"{where}: expected a function name, received {ConfigConverter.Text(value)}");
        }

        if (ctx.Custom(registeredName, name) is { } custom)
        {
            return custom as Func<Tensor, Tensor>
                ?? throw ctx.Fail($"{where}: the custom object '{name}' must be a Func<Tensor, Tensor>, received a {custom.GetType().Name}");
        }

        if (name is not null && ObjectRegistry.Find(ObjectKind.Function, name, registeredName ?? name)?.Function is { } registered)
        {
            return registered;
        }

        throw ctx.Fail(
            $"{where}: unknown function '{name}'. Register it with `Keras.Saving.RegisterKerasSerializable(\"{name}\", function)` " +
            "or pass it in `customObjects`.");
    }

    /// <summary>Builds a layer from its <c>build_config</c> (Keras <c>build_from_config</c>) so its weights exist before loading.</summary>
    private static void ApplyBuildConfig(Layer layer, Dictionary<string, object?> build, DeserializationContext ctx, string where)
    {
        if (layer.Built || !build.TryGetValue("input_shape", out var shapeValue) || shapeValue is null)
        {
            return;
        }

        try
        {
            var shapes = shapeValue is List<object?> list && list.Count > 0 && list.All(x => x is List<object?> or null) && list.Any(x => x is List<object?>)
                ? list.Select(ConfigConverter.ToShape).ToArray()
                : [ConfigConverter.ToShape(shapeValue)];
            if (layer is Model model && shapes.Length == 1)
            {
                if (model is Sequential)
                {
                    model.MaybeBuild(shapes);
                }
                else
                {
                    model.Build(shapes[0]);
                }
            }
            else
            {
                layer.MaybeBuild(shapes);
            }
        }
        catch (FormatException e)
        {
            throw ctx.Fail($"{where}: invalid build_config: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw ctx.Fail($"{where}: could not build the layer from its build_config ({e.Message})", e);
        }
    }
}
