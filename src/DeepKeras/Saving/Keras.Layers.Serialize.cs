using DeepKeras.Saving;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>
        /// Serializes a layer (or model) to Keras's dictionary form <c>{"module", "class_name", "config",
        /// "registered_name", …}</c> (Keras <c>keras.layers.serialize</c>; the same as
        /// <see cref="Saving.SerializeKerasObject"/> for a layer).
        /// </summary>
        /// <param name="layer">The layer.</param>
        /// <returns>The serialized dictionary of plain JSON values.</returns>
        public static Dictionary<string, object?> Serialize(L.Layer layer)
        {
            ArgumentNullException.ThrowIfNull(layer);
            return KerasSerializer.Serialize(layer);
        }

        /// <summary>
        /// Recreates a layer (or model) from its serialized dictionary (Keras <c>keras.layers.deserialize</c>), without
        /// its weights.
        /// </summary>
        /// <param name="config">The dictionary from <see cref="Serialize"/> (or parsed from JSON).</param>
        /// <param name="customObjects">Class or function name → custom <see cref="Type"/>, function or factory.</param>
        /// <returns>The new, unbuilt layer.</returns>
        /// <exception cref="KerasFileException">The config names an unknown class, holds invalid values or describes no layer.</exception>
        public static L.Layer Deserialize(IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null) =>
            Saving.DeserializeKerasObject<L.Layer>(config as Dictionary<string, object?> ?? new Dictionary<string, object?>(config), customObjects);
    }
}
