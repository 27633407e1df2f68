using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.GlobalAveragePooling1D"/> layer.</summary>
        /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
        /// <param name="keepdims">Whether to keep the time axis with length 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalAveragePooling1D GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.GlobalMaxPooling1D"/> layer.</summary>
        /// <param name="dataFormat"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
        /// <param name="keepdims">Whether to keep the time axis with length 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalMaxPooling1D GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);
    }
}
