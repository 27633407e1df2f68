using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// Image operations (Keras <c>keras.ops.image</c>) on batches of images <c>(batch, height, width, channels)</c> or
        /// single images <c>(height, width, channels)</c> (channels first with <c>dataFormat: "channels_first"</c>).
        /// </summary>
        public static partial class Image
        {
            /// <summary>
            /// Resizes images to <paramref name="size"/> (Keras <c>ops.image.resize</c>, computed as Keras's torch backend
            /// does with libtorch's <c>interpolate</c>: half-pixel centers, <c>"nearest"</c> as <c>nearest-exact</c>).
            /// Integer images are resized in float32, rounded and cast back to their dtype.
            /// </summary>
            /// <param name="images">A batch of images (rank 4) or one image (rank 3).</param>
            /// <param name="size">The output size <c>(height, width)</c>.</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>.</param>
            /// <param name="antialias">Whether to low-pass filter when downsampling (bilinear and bicubic only).</param>
            /// <param name="cropToAspectRatio">
            /// Whether to first crop the largest centered window with the target's aspect ratio, so nothing is distorted.
            /// </param>
            /// <param name="padToAspectRatio">
            /// Whether to first pad the short side evenly with <paramref name="fillValue"/> to the target's aspect ratio.
            /// </param>
            /// <param name="fillMode">How padded areas are filled; only <c>"constant"</c>.</param>
            /// <param name="fillValue">The value of padded areas when <paramref name="padToAspectRatio"/> is set.</param>
            /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
            /// <returns>The resized images, with the dtype of <paramref name="images"/>.</returns>
            /// <exception cref="ArgumentException">
            /// A size that is not two positive ints, images that are not rank 3 or 4, both aspect-ratio options, or an
            /// unknown interpolation, fill mode or data format.
            /// </exception>
            /// <example><code>var thumbs = Keras.Ops.Image.Resize(photos, (64, 64), cropToAspectRatio: true);</code></example>
            public static Tensor Resize(Tensor images, IntTuple size, string interpolation = "bilinear", bool antialias = false,
                bool cropToAspectRatio = false, bool padToAspectRatio = false, string fillMode = "constant",
                double fillValue = 0.0, string? dataFormat = null)
            {
                const string op = "Ops.Image.Resize";
                if (size.Values.Count != 2)
                {
                    throw new ArgumentException($"{op}: expected `size` to be a tuple of 2 integers. Received: size={size}", nameof(size));
                }

                var (th, tw) = (size.Values[0], size.Values[1]);
                if (th <= 0 || tw <= 0)
                {
                    throw new ArgumentException($"{op}: `size` must have positive height and width. Received: size={size}", nameof(size));
                }

                CheckImagesRank(images, op);
                if (padToAspectRatio && cropToAspectRatio)
                {
                    throw new ArgumentException($"{op}: only one of `padToAspectRatio` & `cropToAspectRatio` can be true.", nameof(padToAspectRatio));
                }

                var mode = interpolation switch
                {
                    "bilinear" => InterpolationMode.Bilinear,
                    "nearest" => InterpolationMode.NearestExact,
                    "bicubic" => InterpolationMode.Bicubic,
                    "lanczos3" or "lanczos5" => throw new ArgumentException(
                        $"{op}: Lanczos interpolation is not supported by the torch backend. Received: interpolation={interpolation}", nameof(interpolation)),
                    _ => throw new ArgumentException(
                        $"{op}: invalid `interpolation`. Expected one of {{'bilinear', 'nearest', 'bicubic'}}. Received: interpolation={interpolation}",
                        nameof(interpolation)),
                };
                if (fillMode != "constant")
                {
                    throw new ArgumentException($"{op}: invalid `fillMode`. Only 'constant' is supported. Received: fillMode={fillMode}", nameof(fillMode));
                }

                var channelsLast = ConvArgs.DataFormat(dataFormat) == "channels_last";
                var outDtype = images.dtype;
                var needCast = outDtype is not (ScalarType.Float32 or ScalarType.Float64);
                var x = images.dim() == 3 ? images.unsqueeze(0) : images;
                x = needCast ? x.to_type(ScalarType.Float32) : x;
                x = channelsLast ? x.permute(0, 3, 1, 2) : x;
                if (cropToAspectRatio)
                {
                    x = CropToAspect(x, th, tw);
                }
                else if (padToAspectRatio)
                {
                    x = PadToAspect(x, th, tw, fillValue);
                }

                var smooth = mode != InterpolationMode.NearestExact;
                var y = nn.functional.interpolate(x, [th, tw], mode: mode, align_corners: smooth ? false : null,
                    antialias: antialias && smooth);
                if (mode == InterpolationMode.Bicubic && outDtype == ScalarType.Byte)
                {
                    y = y.clamp(0, 255);
                }

                y = channelsLast ? y.permute(0, 2, 3, 1) : y;
                y = images.dim() == 3 ? y.squeeze(0) : y;
                if (!needCast)
                {
                    return y;
                }

                return (is_integral(outDtype) ? y.round() : y).to_type(outDtype);
            }

            /// <summary>Keras's centered crop to the aspect ratio th:tw of NCHW images (sizes truncated as Python's int()).</summary>
            private static Tensor CropToAspect(Tensor x, int th, int tw)
            {
                long h = x.shape[2], w = x.shape[3];
                var cropH = Math.Max(Math.Min(h, (long)((double)(w * th) / tw)), 1);
                var cropW = Math.Max(Math.Min(w, (long)((double)(h * tw) / th)), 1);
                var h0 = (long)((h - cropH) / 2.0);
                var w0 = (long)((w - cropW) / 2.0);
                return x.narrow(2, h0, cropH).narrow(3, w0, cropW);
            }

            /// <summary>
            /// Keras's even padding to the aspect ratio th:tw of NCHW images: the same band of <paramref name="fill"/> on
            /// both sides of the short axis.
            /// </summary>
            private static Tensor PadToAspect(Tensor x, int th, int tw, double fill)
            {
                long h = x.shape[2], w = x.shape[3];
                var padH = Math.Max(h, (long)((double)(w * th) / tw));
                var padW = Math.Max(w, (long)((double)(h * tw) / th));
                var h0 = (long)((padH - h) / 2.0);
                var w0 = (long)((padW - w) / 2.0);
                if (h0 > 0)
                {
                    var band = full([x.shape[0], x.shape[1], h0, x.shape[3]], fill, x.dtype, x.device);
                    x = cat([band, x, band], 2);
                }

                if (w0 > 0)
                {
                    var band = full([x.shape[0], x.shape[1], x.shape[2], w0], fill, x.dtype, x.device);
                    x = cat([band, x, band], 3);
                }

                return x;
            }

            private static void CheckImagesRank(Tensor images, string op)
            {
                if (images.dim() is not (3 or 4))
                {
                    throw new ArgumentException(
                        $"{op}: invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={Shape(images)}",
                        nameof(images));
                }
            }
        }
    }
}
