using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>Loading models (Keras <c>keras.models</c>).</summary>
    public static partial class Models
    {
        /// <summary>
        /// Loads a model saved with <see cref="Model.Save"/> or by Keras 3 (<c>.keras</c>), compiled as it was saved
        /// (optimizer state included) unless <paramref name="compile"/> is false (Keras <c>keras.models.load_model</c>).
        /// Loading never runs code from the file; damaged or hostile files raise <see cref="KerasFileException"/>.
        /// </summary>
        /// <param name="filepath">The <c>.keras</c> file.</param>
        /// <param name="customObjects">Class or function name → custom <see cref="Type"/>, <c>Func&lt;Tensor, Tensor&gt;</c> or factory.</param>
        /// <param name="compile">Whether to compile the model from its saved compile config.</param>
        /// <param name="safeMode">Refuse configs that would need code from the file (Python lambdas).</param>
        /// <exception cref="ArgumentException">The path does not end with <c>.keras</c>.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="KerasFileException">The file is damaged, hostile, or names unknown classes.</exception>
        public static Model LoadModel(string filepath, IReadOnlyDictionary<string, object>? customObjects = null, bool compile = true, bool safeMode = true) =>
            ModelFiles.Load(filepath, customObjects, compile, safeMode);

        /// <summary>
        /// Recreates a model (untrained, not compiled) from the JSON of <see cref="Model.ToJson"/> or Keras's
        /// <c>model.to_json()</c> (Keras <c>keras.models.model_from_json</c>).
        /// </summary>
        /// <param name="json">The JSON text.</param>
        /// <param name="customObjects">Name → custom <see cref="Type"/>, function or factory.</param>
        /// <param name="safeMode">Refuse configs that would need code from the JSON (Python lambdas).</param>
        /// <exception cref="KerasFileException">Invalid JSON, unknown classes or invalid configs.</exception>
        public static Model ModelFromJson(string json, IReadOnlyDictionary<string, object>? customObjects = null, bool safeMode = true)
        {
            ArgumentNullException.ThrowIfNull(json);
            var ctx = new DeserializationContext("<json>", customObjects, safeMode);
            object? plain;
            try
            {
                plain = KerasJson.Parse(json);
            }
            catch (FormatException e)
            {
                throw ctx.Fail(e.Message, e);
            }

            return KerasDeserializer.Deserialize(plain, ObjectKind.Layer, ctx, "model") as Model
                ?? throw ctx.Fail("the JSON describes a layer, not a model");
        }

        /// <summary>
        /// Recreates a model (untrained, not compiled) from its serialized form <c>{"class_name", "config", ...}</c>, as
        /// <c>Keras.Saving.SerializeKerasObject(model)</c> returns it or as parsed from Keras's JSON (Keras
        /// <c>keras.models.model_from_config</c>).
        /// </summary>
        /// <param name="config">The serialized model.</param>
        /// <param name="customObjects">Name → custom <see cref="Type"/>, function or factory.</param>
        /// <exception cref="KerasFileException">Unknown classes or invalid configs.</exception>
        public static Model ModelFromConfig(IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null)
        {
            ArgumentNullException.ThrowIfNull(config);
            var ctx = new DeserializationContext("<config>", customObjects, safeMode: true);
            return KerasDeserializer.Deserialize(KerasSerializer.ToPlain(config.ToDictionary()), ObjectKind.Layer, ctx, "model") as Model
                ?? throw ctx.Fail("the config describes a layer, not a model");
        }

        /// <summary>
        /// Copies a model's architecture with new layers, hence new, freshly initialized weights (Keras
        /// <c>keras.models.clone_model</c>). A Sequential model gets its layers cloned in order; a functional model is
        /// rebuilt by calling the cloned layers on new inputs (a shared layer is cloned once and stays shared); other
        /// models are recreated from their config. A compiled model's clone is compiled the same way.
        /// </summary>
        /// <param name="model">The model to clone.</param>
        /// <param name="inputTensors">Inputs to build the clone on (from <c>Keras.Input</c>; one for a Sequential model, one per input for a functional model); default new inputs like the model's.</param>
        /// <param name="cloneFunction">
        /// Makes the layer used in place of each layer (input layers excepted); default
        /// <c>layer =&gt; Layer.FromConfig(layer.GetType(), layer.GetConfig())</c>. Return the layer itself to share it,
        /// or another layer to change the architecture.
        /// </param>
        /// <param name="callFunction">
        /// Functional models only: calls each cloned layer on its inputs (default <c>layer.ApplySymbolic(inputs)</c>),
        /// e.g. to insert layers after some of them; must return as many tensors as the original call.
        /// </param>
        /// <param name="recursive">Whether inner Sequential and functional models are cloned with <see cref="CloneModel"/> (true) or with <paramref name="cloneFunction"/> (false).</param>
        /// <returns>The clone, with the model's name.</returns>
        /// <exception cref="ArgumentException">Arguments that do not fit the model (see Keras's rules).</exception>
        /// <example><code>
        /// var copy = Keras.Models.CloneModel(model);
        /// var frozenCopy = Keras.Models.CloneModel(model, cloneFunction: l =&gt;
        /// {
        ///     var config = l.GetConfig();
        ///     config["trainable"] = false;
        ///     return Layer.FromConfig(l.GetType(), config);
        /// });
        /// </code></example>
        public static Model CloneModel(Model model, IReadOnlyList<KerasTensor>? inputTensors = null, Func<Layer, Layer>? cloneFunction = null,
            Func<Layer, KerasTensor[], KerasTensor[]>? callFunction = null, bool recursive = false) =>
            ModelCloning.Clone(model, inputTensors, cloneFunction, callFunction, recursive);
    }
}
