using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.MaxPooling1D"/> layer (max over each window).</summary>
        /// <param name="poolSize">Window size; null means 2.</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MaxPooling1D MaxPooling1D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.MinPooling1D"/> layer (min over each window).</summary>
        /// <param name="poolSize">Window size; null means 2.</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MinPooling1D MinPooling1D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.AveragePooling1D"/> layer (average over each window).</summary>
        /// <param name="poolSize">Window size (required).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.AveragePooling1D AveragePooling1D(L.IntTuple poolSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.GlobalMaxPooling1D"/> layer (max over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalMaxPooling1D GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.GlobalAveragePooling1D"/> layer (average over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalAveragePooling1D GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.MaxPooling2D"/> layer (max over each window).</summary>
        /// <param name="poolSize">Window size; null means (2, 2).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MaxPooling2D MaxPooling2D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.MinPooling2D"/> layer (min over each window).</summary>
        /// <param name="poolSize">Window size; null means (2, 2).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MinPooling2D MinPooling2D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.AveragePooling2D"/> layer (average over each window).</summary>
        /// <param name="poolSize">Window size (required).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.AveragePooling2D AveragePooling2D(L.IntTuple poolSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.GlobalMaxPooling2D"/> layer (max over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalMaxPooling2D GlobalMaxPooling2D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.GlobalAveragePooling2D"/> layer (average over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalAveragePooling2D GlobalAveragePooling2D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.MaxPooling3D"/> layer (max over each window).</summary>
        /// <param name="poolSize">Window size; null means (2, 2, 2).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MaxPooling3D MaxPooling3D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.MinPooling3D"/> layer (min over each window).</summary>
        /// <param name="poolSize">Window size; null means (2, 2, 2).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.MinPooling3D MinPooling3D(L.IntTuple? poolSize = null, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.AveragePooling3D"/> layer (average over each window).</summary>
        /// <param name="poolSize">Window size (required).</param>
        /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.AveragePooling3D AveragePooling3D(L.IntTuple poolSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, string? name = null) => new(poolSize, strides, padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.GlobalMaxPooling3D"/> layer (max over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalMaxPooling3D GlobalMaxPooling3D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);

        /// <summary>Creates a <see cref="L.GlobalAveragePooling3D"/> layer (average over all positions, per channel).</summary>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="keepdims">Whether to keep the spatial axes with size 1.</param>
        /// <param name="name">Layer name.</param>
        public static L.GlobalAveragePooling3D GlobalAveragePooling3D(string? dataFormat = null, bool keepdims = false, string? name = null) =>
            new(dataFormat, keepdims, name);
    }
}
