using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.ZeroPadding2D"/> layer padding every side by the same amount.</summary>
        /// <param name="padding">Cells added on each side (default 1).</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.ZeroPadding2D ZeroPadding2D(int padding = 1, string? dataFormat = null, string? name = null) =>
            new(padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.ZeroPadding2D"/> layer padding <c>(rows, columns)</c> symmetrically.</summary>
        /// <param name="padding">Rows at top and bottom, columns at left and right.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.ZeroPadding2D ZeroPadding2D((int Rows, int Columns) padding, string? dataFormat = null, string? name = null) =>
            new(padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.ZeroPadding2D"/> layer padding <c>((top, bottom), (left, right))</c>.</summary>
        /// <param name="padding">The four amounts.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.ZeroPadding2D ZeroPadding2D(((int Top, int Bottom) Rows, (int Left, int Right) Columns) padding,
            string? dataFormat = null, string? name = null) => new(padding, dataFormat, name);

        /// <summary>Creates a <see cref="L.Cropping2D"/> layer cropping every side by the same amount.</summary>
        /// <param name="cropping">Cells removed on each side (default 0).</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.Cropping2D Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null) =>
            new(cropping, dataFormat, name);

        /// <summary>Creates a <see cref="L.Cropping2D"/> layer cropping <c>(rows, columns)</c> symmetrically.</summary>
        /// <param name="cropping">Rows at top and bottom, columns at left and right.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.Cropping2D Cropping2D((int Rows, int Columns) cropping, string? dataFormat = null, string? name = null) =>
            new(cropping, dataFormat, name);

        /// <summary>Creates a <see cref="L.Cropping2D"/> layer cropping <c>((top, bottom), (left, right))</c>.</summary>
        /// <param name="cropping">The four amounts.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.Cropping2D Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Columns) cropping,
            string? dataFormat = null, string? name = null) => new(cropping, dataFormat, name);

        /// <summary>Creates an <see cref="L.UpSampling2D"/> layer.</summary>
        /// <param name="size">Factors for rows and columns; null means (2, 2).</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="interpolation"><c>nearest</c> (default) or <c>bilinear</c>.</param>
        /// <param name="name">Layer name.</param>
        public static L.UpSampling2D UpSampling2D(L.IntTuple? size = null, string? dataFormat = null, string interpolation = "nearest",
            string? name = null) => new(size, dataFormat, interpolation, name);
    }
}
