using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        public static partial class Image
        {
            /// <summary>
            /// Applies affine transforms to images (Keras <c>ops.image.affine_transform</c>, sampled as Keras's torch
            /// backend samples them). Each transform is <c>[a0, a1, a2, b0, b1, b2, c0, c1]</c>: the output pixel at
            /// column x, row y takes the input at <c>((a0·x + a1·y + a2)/k, (b0·x + b1·y + b2)/k)</c> with
            /// <c>k = c0·x + c1·y + 1</c> (k = 1 for the affine transforms the augmentation layers build).
            /// </summary>
            /// <param name="images">A batch of images (rank 4) or one image (rank 3).</param>
            /// <param name="transform">One transform of 8 values (rank 1) or one per image <c>(batch, 8)</c>.</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
            /// <param name="fillMode">
            /// How points outside the image are sampled: <c>"constant"</c> (default; <paramref name="fillValue"/>),
            /// <c>"nearest"</c> (the edge pixel), <c>"wrap"</c>, <c>"mirror"</c> or <c>"reflect"</c>.
            /// </param>
            /// <param name="fillValue">The value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
            /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
            /// <returns>The transformed images, with the shape and dtype of <paramref name="images"/>.</returns>
            /// <exception cref="ArgumentException">
            /// An unknown interpolation, fill mode or data format, images not of rank 3 or 4, or a transform that is not
            /// <c>(8)</c> or <c>(batch, 8)</c>.
            /// </exception>
            /// <example><code>
            /// // shift every image 2 pixels to the right (the output at x samples the input at x − 2)
            /// var shifted = Keras.Ops.Image.AffineTransform(images, tensor(new float[] { 1, 0, -2, 0, 1, 0, 0, 0 }));
            /// </code></example>
            public static Tensor AffineTransform(Tensor images, Tensor transform, string interpolation = "bilinear",
                string fillMode = "constant", double fillValue = 0.0, string? dataFormat = null)
            {
                const string op = "Ops.Image.AffineTransform";
                var linear = interpolation switch
                {
                    "bilinear" => true,
                    "nearest" => false,
                    _ => throw new ArgumentException(
                        $"{op}: invalid `interpolation`. Expected one of {{'nearest', 'bilinear'}}. Received: interpolation={interpolation}",
                        nameof(interpolation)),
                };
                if (fillMode is not ("constant" or "nearest" or "wrap" or "mirror" or "reflect"))
                {
                    throw new ArgumentException(
                        $"{op}: invalid `fillMode`. Expected one of {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}. Received: fillMode={fillMode}",
                        nameof(fillMode));
                }

                var channelsLast = ConvArgs.DataFormat(dataFormat) == "channels_last";
                CheckImagesRank(images, op);
                if (transform.dim() is not (1 or 2) || transform.shape[^1] != 8)
                {
                    throw new ArgumentException(
                        $"{op}: invalid transform shape: expected (8) for one transform or (batch, 8) for one per image. Received: transform.shape={Shape(transform)}",
                        nameof(transform));
                }

                var x = images.dim() == 3 ? images.unsqueeze(0) : images;
                x = channelsLast ? x : x.permute(0, 2, 3, 1);
                var t = (transform.dim() == 1 ? transform.unsqueeze(0) : transform).to(x.device);
                t = t.is_floating_point() ? t : t.to_type(ScalarType.Float32);
                if (t.shape[0] != x.shape[0] && t.shape[0] != 1)
                {
                    throw new ArgumentException(
                        $"{op}: expected one transform or one per image ({x.shape[0]}). Received: transform.shape={Shape(transform)}",
                        nameof(transform));
                }

                var y = AffineSample(x, t, linear, fillMode, fillValue);
                y = channelsLast ? y : y.permute(0, 3, 1, 2);
                return images.dim() == 3 ? y.squeeze(0) : y;
            }

            /// <summary>
            /// Samples NHWC images at the points the transforms give (Keras's torch <c>map_coordinates</c> of order 0 or
            /// 1): nearest takes the rounded point, bilinear weighs the four neighbours; each neighbour's index is fixed
            /// up by the fill mode, and with <c>"constant"</c> a neighbour outside the image counts as the fill value.
            /// </summary>
            private static Tensor AffineSample(Tensor images, Tensor t, bool linear, string fillMode, double fillValue)
            {
                long n = images.shape[0], h = images.shape[1], w = images.shape[2], c = images.shape[3];
                Tensor Coef(int i) => t[.., i].reshape(-1, 1, 1);
                var ys = arange(h, t.dtype, t.device).reshape(1, h, 1);
                var xs = arange(w, t.dtype, t.device).reshape(1, 1, w);
                var k = (Coef(6) * xs) + (Coef(7) * ys) + 1;
                var yIn = ((Coef(4) * ys) + (Coef(3) * xs) + Coef(5)) / k;
                var xIn = ((Coef(1) * ys) + (Coef(0) * xs) + Coef(2)) / k;
                var flat = images.reshape(n, h * w, c);
                var isInt = !images.is_floating_point();
                var source = isInt ? flat.to_type(ScalarType.Float32) : flat;
                Tensor? result = null;
                foreach (var (yi, yw) in Nodes(yIn, linear))
                {
                    foreach (var (xi, xw) in Nodes(xIn, linear))
                    {
                        var index = (Fix(yi, h, fillMode) * w) + Fix(xi, w, fillMode);
                        index = index.expand(n, h, w).reshape(n, h * w, 1).expand(n, h * w, c);
                        var value = source.gather(1, index);
                        if (fillMode == "constant")
                        {
                            var valid = (yi >= 0) & (yi < h) & (xi >= 0) & (xi < w);
                            valid = valid.expand(n, h, w).reshape(n, h * w, 1);
                            value = where(valid, value, tensor(fillValue, value.dtype, value.device));
                        }

                        var weight = yw is null ? xw : xw is null ? yw : yw * xw;
                        var term = weight is null ? value : weight.expand(n, h, w).reshape(n, h * w, 1) * value;
                        result = result is null ? term : result + term;
                    }
                }

                result = result!.reshape(n, h, w, c);
                return isInt ? result.round().to_type(images.dtype) : result.to_type(images.dtype);
            }

            /// <summary>The integer neighbours of sampling points and their weights (null: weight 1).</summary>
            private static IEnumerable<(Tensor Index, Tensor? Weight)> Nodes(Tensor coordinate, bool linear)
            {
                if (!linear)
                {
                    yield return (coordinate.round().to_type(ScalarType.Int64), null);
                    yield break;
                }

                var lower = coordinate.floor();
                var upperWeight = coordinate - lower;
                var index = lower.to_type(ScalarType.Int64);
                yield return (index, 1 - upperWeight);
                yield return (index + 1, upperWeight);
            }

            /// <summary>Keras's index fix-up per fill mode: clip, wrap (modulo), mirror or reflect (triangle waves).</summary>
            private static Tensor Fix(Tensor index, long size, string fillMode) => fillMode switch
            {
                "wrap" => index.remainder(size),
                "mirror" => Mirror(index, size),
                "reflect" => (Mirror((2 * index) + 1, (2 * size) + 1) - 1).div(2, RoundingMode.floor),
                _ => index.clamp(0, size - 1),
            };

            private static Tensor Mirror(Tensor index, long size)
            {
                var s = size - 1;
                return s == 0 ? zeros_like(index) : ((index + s).remainder(2 * s) - s).abs();
            }
        }
    }
}
