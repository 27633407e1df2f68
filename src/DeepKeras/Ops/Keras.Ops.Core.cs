using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Tensor operations with Keras's names and semantics (Keras <c>keras.ops</c>): numpy-style axes
    /// (<c>axis: 1</c>, <c>axis: (1, 2)</c>, negative axes, <c>null</c> for all), <c>keepdims</c>, broadcasting and
    /// Keras's result dtypes (the sum of int32 is int32, the mean of int32 is float32, <c>Argmax</c> gives int32).
    /// Use them in custom layers, losses and <c>TrainStep</c> overrides instead of raw TorchSharp calls, whose
    /// overloads hide traps (<c>x.sum(0)</c> binds <c>sum(ScalarType)</c> and sums everything).
    /// </summary>
    /// <remarks>
    /// Every op takes TorchSharp tensors; C# scalars convert to 0-dimensional tensors and act as Python scalars do in
    /// Keras (<c>Ops.Add(x, 0.5)</c> keeps an int32 <c>x</c>'s result at float32). Other arrays go through
    /// <see cref="ConvertToTensor(NDArray, string?)"/>. Results are new tensors in the current dispose scope.
    /// </remarks>
    /// <example><code>
    /// var reconstruction = Ops.Mean(Ops.Sum(Ops.Square(data - decoded), axis: (1, 2)));
    /// var kl = -0.5 * (1 + zLogVar - Ops.Square(zMean) - Ops.Exp(zLogVar));
    /// </code></example>
    public static partial class Ops
    {
        /// <summary>Returns the shape of a tensor as a tuple of ints (Keras <c>ops.shape</c>), e.g. <c>(2, 3)</c>.</summary>
        /// <param name="x">The tensor.</param>
        public static DeepKeras.Shape Shape(Tensor x) => x.shape;

        /// <summary>Returns the Keras name of a tensor's dtype (Keras <c>ops.dtype</c>), e.g. <c>"float32"</c>.</summary>
        /// <param name="x">The tensor.</param>
        /// <exception cref="ArgumentException">A torch dtype Keras has no name for (complex types).</exception>
        public static string Dtype(Tensor x) => KerasDtypes.Name(x.dtype);

        /// <summary>Casts a tensor to a dtype (Keras <c>ops.cast</c>); floats cast to integers truncate toward zero.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="dtype">A Keras dtype name: <c>float16</c>, <c>bfloat16</c>, <c>float32</c>, <c>float64</c>,
        /// <c>uint8</c>, <c>int8</c>, <c>int16</c>, <c>int32</c>, <c>int64</c> or <c>bool</c>.</param>
        /// <returns>The tensor itself when it has the dtype already, else a converted copy.</returns>
        /// <exception cref="ArgumentException">An unknown dtype name.</exception>
        public static Tensor Cast(Tensor x, string dtype) => OpArgs.Cast(x, KerasDtypes.ToTorch(dtype, "Ops.Cast"));

        /// <summary>
        /// Converts a NumSharp array to a tensor on the backend device (Keras <c>ops.convert_to_tensor</c>), keeping its
        /// dtype as Keras keeps a numpy array's (int32 stays int32, float64 stays float64).
        /// </summary>
        /// <param name="x">The array.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        /// <exception cref="ArgumentException">An unsupported NDArray dtype or an unknown dtype name.</exception>
        public static Tensor ConvertToTensor(NDArray x, string? dtype = null) =>
            Placed(TensorConvert.ToTensorExact(x, nameof(x)), dtype);

        /// <summary>
        /// Converts a .NET array (<c>float[]</c>, <c>int[,]</c>, <c>double[][]</c>, …) to a tensor on the backend device,
        /// keeping its element type: <c>float</c> → float32, <c>double</c> → float64, <c>int</c> → int32,
        /// <c>long</c> → int64, <c>byte</c> → uint8, <c>bool</c> → bool.
        /// </summary>
        /// <param name="x">The array; a jagged array needs rows of one length.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        /// <exception cref="ArgumentException">An unsupported element type, ragged rows or an unknown dtype name.</exception>
        public static Tensor ConvertToTensor(Array x, string? dtype = null) =>
            Placed(x is Array[] rows && x.Rank == 1
                ? TensorConvert.StackRows(rows, nameof(x), TensorConvert.ToTensorExact)
                : TensorConvert.ToTensorExact(x, nameof(x)), dtype);

        /// <summary>A float32 tensor of a <c>float[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(float[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>A float64 tensor of a <c>double[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(double[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>An int32 tensor of an <c>int[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(int[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>An int64 tensor of a <c>long[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(long[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>A bool tensor of a <c>bool[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(bool[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>A uint8 tensor of a <c>byte[]</c> (see <see cref="ConvertToTensor(Array, string?)"/>).</summary>
        /// <param name="x">The values.</param>
        /// <param name="dtype">An optional Keras dtype name to cast to.</param>
        public static Tensor ConvertToTensor(byte[] x, string? dtype = null) => ConvertToTensor((Array)x, dtype);

        /// <summary>Moves a tensor to the backend device and casts it when <paramref name="dtype"/> is given.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(Tensor x, string? dtype = null) => Placed(x, dtype);

        /// <summary>A 0-dimensional tensor of a C# <c>double</c>: float32, as Keras makes a Python float.</summary>
        /// <param name="x">The value.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(double x, string? dtype = null) => Placed(tensor(x, ScalarType.Float32), dtype);

        /// <summary>A 0-dimensional float32 tensor.</summary>
        /// <param name="x">The value.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(float x, string? dtype = null) => Placed(tensor(x), dtype);

        /// <summary>A 0-dimensional int32 tensor, as Keras makes a Python int.</summary>
        /// <param name="x">The value.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(int x, string? dtype = null) => Placed(tensor(x), dtype);

        /// <summary>A 0-dimensional integer tensor: int32 when the value fits, else int64 (as Keras does for Python ints).</summary>
        /// <param name="x">The value.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(long x, string? dtype = null) =>
            Placed(x is >= int.MinValue and <= int.MaxValue ? tensor((int)x) : tensor(x), dtype);

        /// <summary>A 0-dimensional bool tensor.</summary>
        /// <param name="x">The value.</param>
        /// <param name="dtype">An optional Keras dtype name.</param>
        public static Tensor ConvertToTensor(bool x, string? dtype = null) => Placed(tensor(x), dtype);

        /// <summary>
        /// Copies a tensor into a NumSharp array (Keras <c>ops.convert_to_numpy</c>): float32, float64, int32, int64,
        /// uint8 and bool keep their dtype, other types become float32. The copy is detached and on the CPU.
        /// </summary>
        /// <param name="x">The tensor.</param>
        public static NDArray ConvertToNumpy(Tensor x) => TensorConvert.ToNDArray(x);

        /// <summary>
        /// Returns the values of <paramref name="x"/> cut off from autograd (Keras <c>ops.stop_gradient</c>): no gradient
        /// flows back through the result.
        /// </summary>
        /// <param name="x">The tensor.</param>
        public static Tensor StopGradient(Tensor x) => x.detach();

        /// <summary>Whether a value is a tensor (Keras <c>ops.is_tensor</c>).</summary>
        /// <param name="x">Any value.</param>
        public static bool IsTensor(object? x) => x is Tensor;

        private static Tensor Placed(Tensor x, string? dtype)
        {
            var device = Backend.TorchDevice;
            var placed = x.device == device ? x : x.to(device);
            return dtype is null ? placed : OpArgs.Cast(placed, KerasDtypes.ToTorch(dtype, "Ops.ConvertToTensor"));
        }
    }
}
