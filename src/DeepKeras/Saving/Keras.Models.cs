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
    }
}
