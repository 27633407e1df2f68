using System.Reflection;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// The explicit table of classes that saved configs may name (Keras's object registration). Loading a model only
/// ever creates objects of the types in this table (built-ins, and custom types registered here or passed as
/// <c>customObjects</c>); a file cannot name an arbitrary .NET type, and no code is ever read from a file.
/// </summary>
/// <remarks>
/// A registered type is recreated from its config by its public constructor: each parameter takes the config value
/// under its snake_case name (<c>useBias</c> ← <c>use_bias</c>, <c>beta1</c> ← <c>beta_1</c>), nested configs become
/// initializers, regularizers, layers, … and missing keys keep the parameter defaults. Keys without a parameter are
/// ignored, except <c>trainable</c> and <c>activity_regularizer</c>, which are set on the layer afterwards. Types whose
/// constructor does not follow this can register a factory instead.
/// </remarks>
public static class ObjectRegistry
{
    private static readonly object Gate = new();
    private static readonly List<RegistryEntry> Entries = [];

    static ObjectRegistry() => BuiltInObjects.RegisterAll();

    /// <summary>
    /// Registers a custom class under <c>package&gt;Name</c> (taken from its <see cref="KerasSerializableAttribute"/>,
    /// else <c>Custom&gt;ClassName</c>), recreated through its constructor.
    /// </summary>
    /// <typeparam name="T">A layer, model, initializer, regularizer, optimizer, schedule, loss or metric type.</typeparam>
    /// <param name="registeredName">Overrides the registered name, e.g. <c>"my_package&gt;MyLayer"</c>.</param>
    /// <returns>The registered name.</returns>
    /// <exception cref="ArgumentException">The type is not one of the serializable families, or is abstract.</exception>
    public static string Register<T>(string? registeredName = null) => Register(typeof(T), registeredName);

    /// <summary>Registers a custom class with an explicit factory that recreates it from its config.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="fromConfig">
    /// Creates the object from its config: plain values (string, long, double, bool, null, lists and string-keyed
    /// dictionaries); nested Keras objects can be turned into objects with <c>Keras.Saving.DeserializeKerasObject</c>.
    /// </param>
    /// <param name="registeredName">The registered name; default from the attribute or <c>Custom&gt;ClassName</c>.</param>
    /// <returns>The registered name.</returns>
    public static string Register<T>(Func<IReadOnlyDictionary<string, object?>, T> fromConfig, string? registeredName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fromConfig);
        var kind = KindOf(typeof(T));
        var name = registeredName ?? DefaultRegisteredName(typeof(T));
        Add(new RegistryEntry(kind, typeof(T).Name, typeof(T).Namespace ?? "", name, typeof(T),
            (_, config, _) => fromConfig(config)));
        return name;
    }

    /// <summary>
    /// Registers a function (a Lambda layer body or a custom activation) under a name, so models that use it can be
    /// saved and loaded in safe mode (Keras registers named functions the same way).
    /// </summary>
    /// <param name="registeredName">The name saved in configs, e.g. <c>"my_package&gt;double_it"</c>.</param>
    /// <param name="function">The function.</param>
    public static void RegisterFunction(string registeredName, Func<Tensor, Tensor> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredName);
        ArgumentNullException.ThrowIfNull(function);
        Add(new RegistryEntry(ObjectKind.Function, registeredName, "", registeredName, null, (_, _, _) => function)
        {
            Function = function,
        });
    }

    /// <summary>Registers a type recreated through its constructor (used by the generic overload).</summary>
    internal static string Register(Type type, string? registeredName)
    {
        var kind = KindOf(type);
        if (type.IsAbstract)
        {
            throw new ArgumentException($"Cannot register abstract type {type.Name}: it cannot be created from a config.", nameof(type));
        }

        var name = registeredName ?? DefaultRegisteredName(type);
        Add(new RegistryEntry(kind, type.Name, type.Namespace ?? "", name, type, ConfigBinder.Factory(type)));
        return name;
    }

    /// <summary>Registers a built-in class (module <c>keras.*</c>, no registered name) with the constructor binder.</summary>
    internal static void BuiltIn(Type type, ObjectKind kind) =>
        Add(new RegistryEntry(kind, type.Name, ObjectKinds.Module(kind), null, type, ConfigBinder.Factory(type)));

    /// <summary>Registers a built-in class with its own factory.</summary>
    internal static void BuiltIn<T>(ObjectKind kind, string className, string module,
        Func<DeserializationContext, Dictionary<string, object?>, string, object> factory) =>
        Add(new RegistryEntry(kind, className, module, null, typeof(T), factory));

    /// <summary>The entry for an object's exact type, if registered.</summary>
    internal static RegistryEntry? ForType(Type type)
    {
        lock (Gate)
        {
            return Entries.LastOrDefault(e => e.Type == type && e.Kind != ObjectKind.Function);
        }
    }

    /// <summary>The registered function entry for a delegate, if any.</summary>
    internal static RegistryEntry? ForFunction(Delegate function)
    {
        lock (Gate)
        {
            return Entries.LastOrDefault(e => e.Kind == ObjectKind.Function && Equals(e.Function, function));
        }
    }

    /// <summary>Finds an entry by registered name (custom objects) or by class name within a kind (built-ins first).</summary>
    internal static RegistryEntry? Find(ObjectKind kind, string className, string? registeredName)
    {
        lock (Gate)
        {
            if (registeredName is not null)
            {
                var byRegistered = Entries.LastOrDefault(e => e.RegisteredName == registeredName && Compatible(e.Kind, kind));
                if (byRegistered is not null)
                {
                    return byRegistered;
                }
            }

            return Entries.FirstOrDefault(e => e.RegisteredName is null && e.ClassName == className && Compatible(e.Kind, kind))
                ?? Entries.LastOrDefault(e => e.ClassName == className && Compatible(e.Kind, kind));
        }
    }

    /// <summary>The custom registrations, registered name → <see cref="Type"/> or function (the latest registration of each name).</summary>
    internal static IReadOnlyDictionary<string, object> CustomObjects()
    {
        lock (Gate)
        {
            var result = new Dictionary<string, object>();
            foreach (var e in Entries.Where(e => e.RegisteredName is not null))
            {
                result[e.RegisteredName!] = (object?)e.Type ?? e.Function!;
            }

            return result;
        }
    }

    /// <summary>Removes the custom registrations under a registered name (all of them when null).</summary>
    /// <returns>Whether anything was removed.</returns>
    internal static bool Unregister(string? registeredName)
    {
        lock (Gate)
        {
            return Entries.RemoveAll(e => e.RegisteredName is not null && (registeredName is null || e.RegisteredName == registeredName)) > 0;
        }
    }

    /// <summary>Gets the built-in class names of a kind (for messages and tests).</summary>
    internal static IReadOnlyList<string> BuiltInNames(ObjectKind kind)
    {
        lock (Gate)
        {
            return Entries.Where(e => e.Kind == kind && e.RegisteredName is null).Select(e => e.ClassName).ToList();
        }
    }

    private static bool Compatible(ObjectKind entry, ObjectKind wanted) => entry == wanted;

    private static void Add(RegistryEntry entry)
    {
        lock (Gate)
        {
            Entries.RemoveAll(e => e.Kind == entry.Kind && e.ClassName == entry.ClassName && e.RegisteredName == entry.RegisteredName);
            Entries.Add(entry);
        }
    }

    private static ObjectKind KindOf(Type type) => ObjectKinds.Of(type) is { } k && k != ObjectKind.Function
        ? k
        : throw new ArgumentException(
            $"Cannot register {type.Name}: expected a Layer, Model, Initializer, Regularizer, Optimizer, LearningRateSchedule, Loss or Metric subclass.",
            nameof(type));

    private static string DefaultRegisteredName(Type type)
    {
        var attribute = type.GetCustomAttribute<KerasSerializableAttribute>();
        return $"{attribute?.Package ?? "Custom"}>{attribute?.Name ?? type.Name}";
    }
}

/// <summary>One registered class or function.</summary>
/// <param name="Kind">The family.</param>
/// <param name="ClassName">The Keras class name written as <c>class_name</c>.</param>
/// <param name="Module">The module written as <c>module</c>.</param>
/// <param name="RegisteredName">The <c>package&gt;Name</c> of a custom object; null for built-ins.</param>
/// <param name="Type">The .NET type (null for functions).</param>
/// <param name="Factory">Creates the object from (context, config, description of where it is in the file).</param>
internal sealed record RegistryEntry(
    ObjectKind Kind,
    string ClassName,
    string Module,
    string? RegisteredName,
    Type? Type,
    Func<DeserializationContext, Dictionary<string, object?>, string, object> Factory)
{
    /// <summary>Gets the function of a function entry.</summary>
    public Func<Tensor, Tensor>? Function { get; init; }
}
