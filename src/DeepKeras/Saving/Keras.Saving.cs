using DeepKeras.Saving;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>Object registration and (de)serialization (Keras <c>keras.saving</c>).</summary>
    public static partial class Saving
    {
        /// <summary>
        /// Registers a custom layer, model, initializer, regularizer, optimizer, schedule, loss or metric so saved
        /// models that use it can be loaded (Keras <c>@register_keras_serializable(package, name)</c>). It is recreated
        /// through its public constructor from its <c>GetConfig()</c> keys (camelCase parameters ← snake_case keys).
        /// </summary>
        /// <typeparam name="T">The class.</typeparam>
        /// <param name="package">The package of the registered name (default <c>Custom</c>, or the one of its <see cref="KerasSerializableAttribute"/>).</param>
        /// <param name="name">The name part (default the class name, or the attribute's).</param>
        /// <returns>The registered name, <c>package&gt;Name</c>.</returns>
        public static string RegisterKerasSerializable<T>(string? package = null, string? name = null)
        {
            var attribute = (KerasSerializableAttribute?)Attribute.GetCustomAttribute(typeof(T), typeof(KerasSerializableAttribute));
            return ObjectRegistry.Register<T>($"{package ?? attribute?.Package ?? "Custom"}>{name ?? attribute?.Name ?? typeof(T).Name}");
        }

        /// <summary>Loads a <c>.keras</c> model (Keras <c>keras.saving.load_model</c>); the same as <see cref="Models.LoadModel"/>.</summary>
        /// <param name="filepath">The <c>.keras</c> file.</param>
        /// <param name="customObjects">Class or function name → custom <see cref="Type"/>, <c>Func&lt;Tensor, Tensor&gt;</c> or factory.</param>
        /// <param name="compile">Whether to compile the model from its saved compile config.</param>
        /// <param name="safeMode">Refuse configs that would need code from the file (Python lambdas).</param>
        /// <exception cref="KerasFileException">The file is damaged, hostile, or names unknown classes.</exception>
        public static DeepKeras.Models.Model LoadModel(string filepath, IReadOnlyDictionary<string, object>? customObjects = null, bool compile = true, bool safeMode = true) =>
            Models.LoadModel(filepath, customObjects, compile, safeMode);

        /// <summary>
        /// Registers a function (a Lambda body or a custom activation) under a name so models using it can be saved and
        /// loaded in safe mode; Keras registers named functions the same way.
        /// </summary>
        /// <param name="name">The registered name, e.g. <c>"my_package&gt;double_it"</c>.</param>
        /// <param name="function">The function.</param>
        public static void RegisterKerasSerializable(string name, Func<Tensor, Tensor> function) =>
            ObjectRegistry.RegisterFunction(name, function);

        /// <summary>
        /// Opens a scope in which the given custom classes and functions are resolvable by name (Keras
        /// <c>keras.saving.custom_object_scope</c>); dispose it (<c>using</c>) to close it. See
        /// <see cref="DeepKeras.Saving.CustomObjectScope"/>.
        /// </summary>
        /// <param name="customObjects">Name → custom <see cref="Type"/>, <c>Func&lt;Tensor, Tensor&gt;</c> or factory.</param>
        /// <returns>The open scope.</returns>
        /// <exception cref="ArgumentException">A value is not a custom class, function or factory.</exception>
        public static DeepKeras.Saving.CustomObjectScope CustomObjectScope(IReadOnlyDictionary<string, object> customObjects) => new(customObjects);

        /// <summary>
        /// Gets the global custom objects, registered name (<c>package&gt;Name</c>) → class (<see cref="Type"/>) or
        /// function, as a live dictionary (Keras <c>keras.saving.get_custom_objects()</c>): it shows the registrations
        /// made with <see cref="RegisterKerasSerializable{T}"/>, and setting or removing an entry registers or
        /// unregisters it. Objects of an open <see cref="DeepKeras.Saving.CustomObjectScope"/> are not in it.
        /// </summary>
        /// <returns>The live dictionary.</returns>
        public static IDictionary<string, object> GetCustomObjects() => new CustomObjectsView();

        /// <summary>
        /// Serializes a Keras object to Keras's dictionary form <c>{"module", "class_name", "config",
        /// "registered_name", …}</c> (Keras <c>serialize_keras_object</c>); values are plain JSON values.
        /// </summary>
        /// <param name="obj">A layer, model, initializer, regularizer, optimizer, schedule, loss or metric.</param>
        public static Dictionary<string, object?> SerializeKerasObject(object obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            return KerasSerializer.Serialize(obj);
        }

        /// <summary>Recreates an object from its serialized form (Keras <c>deserialize_keras_object</c>).</summary>
        /// <typeparam name="T">The expected family: Layer (or Model), Initializer, Regularizer, Optimizer, LearningRateSchedule, Loss or Metric.</typeparam>
        /// <param name="config">The serialized dictionary (as from <see cref="SerializeKerasObject"/> or parsed JSON), or an identifier such as <c>"adam"</c>.</param>
        /// <param name="customObjects">Name → custom <see cref="Type"/>, function or factory.</param>
        /// <param name="safeMode">Refuse configs that would need code from the config (Python lambdas).</param>
        /// <exception cref="KerasFileException">The config names an unknown class or holds invalid values.</exception>
        public static T DeserializeKerasObject<T>(object config, IReadOnlyDictionary<string, object>? customObjects = null, bool safeMode = true)
            where T : class
        {
            var kind = ObjectKinds.Of(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not a serializable Keras family.", nameof(T));
            var ctx = new DeserializationContext("<config>", customObjects, safeMode);
            var result = KerasDeserializer.Deserialize(config, kind, ctx, ObjectKinds.Word(kind));
            return result as T ?? throw ctx.Fail($"expected a {typeof(T).Name}, the config describes a {result.GetType().Name}");
        }
    }
}
