using DeepKeras.Layers;
using DeepKeras.Utils.Images;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Loads an image file (Keras <c>keras.utils.load_img</c>): PNG, JPEG, BMP, GIF (first frame) or WebP, converted
        /// to <paramref name="colorMode"/> and optionally resized as PIL resizes.
        /// </summary>
        /// <remarks>Images are read as 8 bits per channel; 16-bit PNGs are reduced to 8 bits (PIL would keep them).</remarks>
        /// <param name="path">The image file.</param>
        /// <param name="colorMode"><c>"grayscale"</c>, <c>"rgb"</c> (default) or <c>"rgba"</c>.</param>
        /// <param name="targetSize"><c>(height, width)</c> to resize to; null keeps the file's size.</param>
        /// <param name="interpolation">How to resize: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>,
        /// <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c> (PIL's filters; all but nearest antialias when shrinking).</param>
        /// <param name="keepAspectRatio">Whether to crop the centre of the image to the target aspect ratio before resizing.</param>
        /// <returns>The image.</returns>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">The file is not an image that can be decoded.</exception>
        /// <exception cref="ArgumentException">An unknown colour mode or interpolation, or a non-positive target size.</exception>
        /// <example><code>
        /// var img = Keras.Utils.LoadImg("cat.jpg", targetSize: (224, 224));
        /// var x = Keras.Utils.ImgToArray(img);   // (224, 224, 3) float32, 0–255
        /// </code></example>
        public static ImageData LoadImg(string path, string colorMode = "rgb", (int Height, int Width)? targetSize = null,
            string interpolation = "nearest", bool keepAspectRatio = false)
        {
            ArgumentNullException.ThrowIfNull(path);
            var mode = ModeOf(colorMode, "color_mode must be \"grayscale\", \"rgb\", or \"rgba\"");
            if (targetSize is { } t && (t.Height < 1 || t.Width < 1))
            {
                throw new ArgumentException($"Expected a positive `target_size` (height, width). Received: target_size=({t.Height}, {t.Width})", nameof(targetSize));
            }

            var img = ImageCodec.Load(path, mode);
            if (targetSize is not { } size || (img.Width == size.Width && img.Height == size.Height))
            {
                return img;
            }

            if (!PilResample.Methods.Contains(interpolation))
            {
                throw new ArgumentException(
                    $"Invalid interpolation method {interpolation} specified. Supported methods are {string.Join(", ", PilResample.Methods)}",
                    nameof(interpolation));
            }

            var box = (0, 0, img.Width, img.Height);
            if (keepAspectRatio)
            {
                var cropHeight = Math.Min(img.Height, img.Width * size.Height / size.Width);
                var cropWidth = Math.Min(img.Width, img.Height * size.Width / size.Height);
                var top = (img.Height - cropHeight) / 2;
                var left = (img.Width - cropWidth) / 2;
                box = (left, top, left + cropWidth, top + cropHeight);
            }

            return PilResample.Resize(img, size.Width, size.Height, interpolation, box);
        }

        /// <summary>
        /// Converts an image to a 3-D array (Keras <c>keras.utils.img_to_array</c>): <c>(height, width, channels)</c>,
        /// or <c>(channels, height, width)</c> with <c>channels_first</c>; values 0–255 unscaled.
        /// </summary>
        /// <param name="img">The image.</param>
        /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
        /// <param name="dtype"><c>"float32"</c> (default, null), <c>"float64"</c>, <c>"int32"</c> or <c>"uint8"</c>.</param>
        /// <returns>The pixels as an array.</returns>
        /// <exception cref="ArgumentException">An unknown data format or dtype.</exception>
        public static NDArray ImgToArray(ImageData img, string? dataFormat = null, string? dtype = null)
        {
            ArgumentNullException.ThrowIfNull(img);
            var first = ConvArgs.DataFormat(dataFormat) == "channels_first";
            var bytes = img.GetPixels();
            var x = np.array(bytes).reshape(img.Height, img.Width, img.Channels);
            if (first)
            {
                x = np.transpose(x, [2, 0, 1]);
            }

            return x.astype(DTypeOf(dtype));
        }

        /// <summary>
        /// Converts a 3-D array to an image (Keras <c>keras.utils.array_to_img</c>): 1 channel gives a grayscale (<c>L</c>)
        /// image, 3 an <c>RGB</c> one, 4 an <c>RGBA</c> one. With <paramref name="scale"/> the values are first mapped
        /// linearly so that the minimum becomes 0 and the maximum 255; then each is truncated to a byte.
        /// </summary>
        /// <param name="x">An array of shape <c>(height, width, channels)</c> (or <c>(channels, height, width)</c> with channels_first).</param>
        /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
        /// <param name="scale">Whether to rescale the values to 0–255 (default true).</param>
        /// <returns>The image.</returns>
        /// <exception cref="ArgumentException">Not rank 3, or a channel count other than 1, 3 or 4 (Keras's messages).</exception>
        /// <exception cref="NotSupportedException">Unscaled grayscale values above 255 (PIL's 32-bit mode <c>I</c>).</exception>
        public static ImageData ArrayToImg(NDArray x, string? dataFormat = null, bool scale = true)
        {
            ArgumentNullException.ThrowIfNull(x);
            var first = ConvArgs.DataFormat(dataFormat) == "channels_first";
            if (x.ndim != 3)
            {
                throw new ArgumentException($"Expected image array to have rank 3 (single image). Got array with shape: ({string.Join(", ", x.shape)})", nameof(x));
            }

            var a = x.astype(NPTypeCode.Double);
            if (first)
            {
                a = np.transpose(a, [1, 2, 0]);
            }

            var (h, w, c) = ((int)a.shape[0], (int)a.shape[1], (int)a.shape[2]);
            var values = a.ToArray<double>();
            if (scale && values.Length > 0)
            {
                var min = values.Min();
                var max = values.Max() - min;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (values[i] - min) / (max != 0 ? max : 1) * 255;
                }
            }

            var mode = c switch
            {
                4 => "RGBA",
                3 => "RGB",
                1 => values.Length > 0 && values.Max() > 255
                    ? throw new NotSupportedException("Grayscale values above 255 would need PIL's 32-bit mode \"I\", which is not supported: pass scale: true or values in 0–255.")
                    : "L",
                _ => throw new ArgumentException($"Unsupported channel number: {c}", nameof(x)),
            };
            var bytes = values.Select(v => unchecked((byte)(long)v)).ToArray();
            return new ImageData(w, h, mode, bytes);
        }

        /// <summary>
        /// Saves a 3-D array as an image file (Keras <c>keras.utils.save_img</c>): <see cref="ArrayToImg"/>, then
        /// <see cref="ImageData.Save"/>. An RGBA array saved as JPEG loses its alpha channel, with a warning.
        /// </summary>
        /// <param name="path">The file to write.</param>
        /// <param name="x">An array of shape <c>(height, width, channels)</c> (or channels first).</param>
        /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
        /// <param name="fileFormat"><c>"png"</c>, <c>"jpeg"</c>/<c>"jpg"</c> or <c>"webp"</c>; null: from the extension of <paramref name="path"/>.</param>
        /// <param name="scale">Whether to rescale the values to 0–255 (default true).</param>
        /// <exception cref="NotSupportedException">A format that cannot be written.</exception>
        public static void SaveImg(string path, NDArray x, string? dataFormat = null, string? fileFormat = null, bool scale = true) =>
            ArrayToImg(x, dataFormat, scale).Save(path, fileFormat);

        internal static string ModeOf(string colorMode, string message) => colorMode switch
        {
            "grayscale" => "L",
            "rgb" => "RGB",
            "rgba" => "RGBA",
            _ => throw new ArgumentException($"{message}. Received: color_mode={colorMode}", nameof(colorMode)),
        };

        private static NPTypeCode DTypeOf(string? dtype) => dtype switch
        {
            null or "float32" => NPTypeCode.Single,
            "float64" => NPTypeCode.Double,
            "int32" => NPTypeCode.Int32,
            "uint8" => NPTypeCode.Byte,
            _ => throw new ArgumentException($"Expected `dtype` \"float32\", \"float64\", \"int32\" or \"uint8\". Received: dtype={dtype}", nameof(dtype)),
        };
    }
}
