using DeepKeras.Models;
using DeepKeras.Saving;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>Loading models (Keras <c>keras.models</c>).</summary>
    public static partial class Models
    {
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
