using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>A tensor of ones on the backend device (Keras <c>ops.ones</c>).</summary>
        /// <param name="shape">The shape, e.g. <c>(2, 3)</c>.</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        /// <exception cref="ArgumentException">An unknown dtype or an unknown (None) size.</exception>
        public static Tensor Ones(DeepKeras.Shape shape, string? dtype = null) =>
            ones(Sizes(shape, "Ops.Ones"), TorchType(dtype, "float32", "Ops.Ones"), Backend.TorchDevice);

        /// <summary>A tensor of zeros on the backend device (Keras <c>ops.zeros</c>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        /// <exception cref="ArgumentException">An unknown dtype or an unknown (None) size.</exception>
        public static Tensor Zeros(DeepKeras.Shape shape, string? dtype = null) =>
            zeros(Sizes(shape, "Ops.Zeros"), TorchType(dtype, "float32", "Ops.Zeros"), Backend.TorchDevice);

        /// <summary>Ones with the shape (and, by default, the dtype and device) of <paramref name="x"/> (Keras <c>ops.ones_like</c>).</summary>
        /// <param name="x">The tensor whose shape is used.</param>
        /// <param name="dtype">A Keras dtype name; <paramref name="x"/>'s dtype when null.</param>
        public static Tensor OnesLike(Tensor x, string? dtype = null) => ones_like(x, TorchType(dtype, Dtype(x), "Ops.OnesLike"));

        /// <summary>Zeros with the shape (and, by default, the dtype and device) of <paramref name="x"/> (Keras <c>ops.zeros_like</c>).</summary>
        /// <param name="x">The tensor whose shape is used.</param>
        /// <param name="dtype">A Keras dtype name; <paramref name="x"/>'s dtype when null.</param>
        public static Tensor ZerosLike(Tensor x, string? dtype = null) => zeros_like(x, TorchType(dtype, Dtype(x), "Ops.ZerosLike"));

        /// <summary>A tensor filled with one value (Keras <c>ops.full</c>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="fillValue">The value.</param>
        /// <param name="dtype">A Keras dtype name; float32 when null, as in Keras.</param>
        public static Tensor Full(DeepKeras.Shape shape, double fillValue, string? dtype = null) =>
            full(Sizes(shape, "Ops.Full"), fillValue, TorchType(dtype, "float32", "Ops.Full"), Backend.TorchDevice);

        /// <summary>A tensor shaped like <paramref name="x"/> filled with one value (Keras <c>ops.full_like</c>).</summary>
        /// <param name="x">The tensor whose shape is used.</param>
        /// <param name="fillValue">The value.</param>
        /// <param name="dtype">A Keras dtype name; <paramref name="x"/>'s dtype when null.</param>
        public static Tensor FullLike(Tensor x, double fillValue, string? dtype = null) =>
            full_like(x, fillValue, TorchType(dtype, Dtype(x), "Ops.FullLike"));

        /// <summary>The integers 0, 1, …, <paramref name="stop"/> − 1 (Keras <c>ops.arange(stop)</c>), int32 by default.</summary>
        /// <param name="stop">The end (exclusive).</param>
        /// <param name="dtype">A Keras dtype name; int32 when null.</param>
        public static Tensor Arange(int stop, string? dtype = null) => Arange(0, stop, 1, dtype);

        /// <summary>
        /// The integers from <paramref name="start"/> up to (excluding) <paramref name="stop"/> in steps (Keras <c>ops.arange</c>),
        /// int32 by default.
        /// </summary>
        /// <param name="start">The first value.</param>
        /// <param name="stop">The end (exclusive).</param>
        /// <param name="step">The spacing (default 1, not 0).</param>
        /// <param name="dtype">A Keras dtype name; int32 when null.</param>
        /// <exception cref="ArgumentException"><paramref name="step"/> is 0.</exception>
        public static Tensor Arange(int start, int stop, int step = 1, string? dtype = null) =>
            arange(start, stop, Step(step), TorchType(dtype, "int32", "Ops.Arange"), Backend.TorchDevice);

        /// <summary>The values 0, 1, 2, … below <paramref name="stop"/> as floats (Keras <c>ops.arange(2.5)</c>), float32 by default.</summary>
        /// <param name="stop">The end (exclusive).</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        public static Tensor Arange(double stop, string? dtype = null) => Arange(0.0, stop, 1.0, dtype);

        /// <summary>
        /// Evenly spaced values in [<paramref name="start"/>, <paramref name="stop"/>) (Keras <c>ops.arange</c> with floats),
        /// float32 by default.
        /// </summary>
        /// <param name="start">The first value.</param>
        /// <param name="stop">The end (exclusive).</param>
        /// <param name="step">The spacing (default 1, not 0).</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        /// <exception cref="ArgumentException"><paramref name="step"/> is 0.</exception>
        public static Tensor Arange(double start, double stop, double step = 1, string? dtype = null) =>
            arange(start, stop, Step(step), TorchType(dtype, "float32", "Ops.Arange"), Backend.TorchDevice);

        /// <summary>A 2-D tensor with ones on a diagonal and zeros elsewhere (Keras <c>ops.eye</c>).</summary>
        /// <param name="n">The number of rows.</param>
        /// <param name="m">The number of columns; <paramref name="n"/> when null.</param>
        /// <param name="k">The diagonal: 0 (default) the main one, positive above, negative below.</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        public static Tensor Eye(int n, int? m = null, int k = 0, string? dtype = null)
        {
            var cols = m ?? n;
            var rows = arange(n, device: Backend.TorchDevice).unsqueeze(1);
            var columns = arange(cols, device: Backend.TorchDevice).unsqueeze(0);
            return (columns - rows).eq(k).to(TorchType(dtype, "float32", "Ops.Eye"));
        }

        private static T Step<T>(T step) where T : System.Numerics.INumber<T> => T.IsZero(step)
            ? throw new ArgumentException("Ops.Arange: step must not be 0. Received: step=0", nameof(step))
            : step;

        private static ScalarType TorchType(string? dtype, string fallback, string op) => KerasDtypes.ToTorch(dtype ?? fallback, op);

        private static long[] Sizes(DeepKeras.Shape shape, string op) => shape.IsFullyDefined
            ? shape.ToLongArray()
            : throw new ArgumentException($"{op}: every size of the shape must be known. Received: shape={shape}", nameof(shape));
    }
}
