using DeepKeras.Activations;
using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary><c>max(x, 0)</c>, element-wise (Keras <c>ops.relu</c>, the <c>"relu"</c> activation).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Relu(Tensor x) => Activation("relu", x);

        /// <summary><c>min(max(x, 0), 6)</c>, element-wise (Keras <c>ops.relu6</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Relu6(Tensor x) => Activation("relu6", x);

        /// <summary><c>1 / (1 + exp(−x))</c>, element-wise (Keras <c>ops.sigmoid</c>); integer inputs give float32.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Sigmoid(Tensor x) => Activation("sigmoid", FloatInput(x));

        /// <summary><c>relu6(x + 3) / 6</c>, element-wise (Keras <c>ops.hard_sigmoid</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor HardSigmoid(Tensor x) => Activation("hard_sigmoid", FloatInput(x));

        /// <summary><c>log(1 + exp(x))</c>, element-wise and overflow-safe (Keras <c>ops.softplus</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Softplus(Tensor x) => Activation("softplus", Floating(x, "Ops.Softplus"));

        /// <summary><c>x / (1 + |x|)</c>, element-wise (Keras <c>ops.softsign</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Softsign(Tensor x) => Activation("softsign", Floating(x, "Ops.Softsign"));

        /// <summary><c>x · sigmoid(x)</c>, element-wise (Keras <c>ops.silu</c>, also called swish).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Silu(Tensor x) => Activation("silu", Floating(x, "Ops.Silu"));

        /// <summary>The scaled exponential linear unit, element-wise (Keras <c>ops.selu</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Selu(Tensor x) => Activation("selu", Floating(x, "Ops.Selu"));

        /// <summary><c>x</c> for x &gt; 0, else <c>alpha · (exp(x) − 1)</c> (Keras <c>ops.elu</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <param name="alpha">The scale of the negative part (default 1).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Elu(Tensor x, double alpha = 1.0) => nn.functional.elu(Floating(x, "Ops.Elu"), alpha);

        /// <summary><c>x</c> for x ≥ 0, else <c>negativeSlope · x</c> (Keras <c>ops.leaky_relu</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <param name="negativeSlope">The slope of the negative part (default 0.2, Keras's).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2) => nn.functional.leaky_relu(Floating(x, "Ops.LeakyRelu"), negativeSlope);

        /// <summary>The Gaussian error linear unit <c>x · Φ(x)</c> (Keras <c>ops.gelu</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <param name="approximate">Whether to use the tanh approximation (default true, as Keras's op; the <c>"gelu"</c> activation is exact).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point.</exception>
        public static Tensor Gelu(Tensor x, bool approximate = true) => approximate
            ? nn.functional.gelu(Floating(x, "Ops.Gelu"), TorchSharp.Modules.GELU.Approximate.tanh)
            : Activation("gelu", Floating(x, "Ops.Gelu"));

        /// <summary>
        /// Softmax along an axis (Keras <c>ops.softmax</c>): <c>exp(x) / sum(exp(x))</c>, computed stably; the values
        /// along the axis are positive and sum to 1.
        /// </summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <param name="axis">The axis (default −1).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point, or the axis is out of range.</exception>
        public static Tensor Softmax(Tensor x, int axis = -1) => Floating(x, "Ops.Softmax").softmax(OpArgs.One(axis, x.dim(), "Ops.Softmax"));

        /// <summary>The logarithm of <see cref="Softmax"/>, computed stably (Keras <c>ops.log_softmax</c>).</summary>
        /// <param name="x">A floating-point tensor.</param>
        /// <param name="axis">The axis (default −1).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is not floating-point, or the axis is out of range.</exception>
        public static Tensor LogSoftmax(Tensor x, int axis = -1) =>
            Floating(x, "Ops.LogSoftmax").log_softmax(OpArgs.One(axis, x.dim(), "Ops.LogSoftmax"));

        /// <summary>
        /// One-hot encodes integer class ids (Keras <c>ops.one_hot</c>): a new axis of size <paramref name="numClasses"/>
        /// holds 1 at each id; a negative id gives a row of zeros.
        /// </summary>
        /// <param name="x">Class ids of any shape; floating-point ids are truncated to integers, as Keras casts them.</param>
        /// <param name="numClasses">The number of classes.</param>
        /// <param name="axis">The position of the new axis in the result (default −1, last).</param>
        /// <param name="dtype">A Keras dtype name; float32 when null.</param>
        /// <exception cref="ArgumentException">Boolean ids, an id ≥ <paramref name="numClasses"/>, or an axis out of range.</exception>
        public static Tensor OneHot(Tensor x, int numClasses, int axis = -1, string? dtype = null)
        {
            if (x.dtype == ScalarType.Bool || x.is_complex())
            {
                throw new ArgumentException($"Ops.OneHot: class ids must be numbers. Received: dtype={Dtype(x)}", nameof(x));
            }

            var dim = OpArgs.One(axis, x.dim() + 1, "Ops.OneHot");
            var ids = x.to(ScalarType.Int64); // float ids are truncated to integers, as Keras's torch backend casts them
            if (ids.numel() > 0 && ids.max().item<long>() >= numClasses)
            {
                throw new ArgumentException(
                    $"Ops.OneHot: class ids must be smaller than numClasses={numClasses}. Received: a maximum id of {ids.max().item<long>()}", nameof(x));
            }

            var encoded = nn.functional.one_hot(ids.clamp_min(0), numClasses) * ids.ge(0).unsqueeze(-1);
            return encoded.movedim([-1L], [dim]).to(TorchType(dtype, "float32", "Ops.OneHot"));
        }

        /// <summary>
        /// Element-wise binary cross-entropy, no reduction (Keras <c>ops.binary_crossentropy</c>): probabilities are clipped
        /// to [1e-7, 1 − 1e-7]; logits go through a stable log-sigmoid.
        /// </summary>
        /// <param name="target">Targets in [0, 1], the shape of <paramref name="output"/>.</param>
        /// <param name="output">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
        /// <param name="fromLogits">Whether <paramref name="output"/> holds logits.</param>
        /// <exception cref="ArgumentException">The shapes differ.</exception>
        public static Tensor BinaryCrossentropy(Tensor target, Tensor output, bool fromLogits = false)
        {
            CheckSameShape(target, output, "Ops.BinaryCrossentropy");
            var o = FloatInput(output);
            return LossUtils.BinaryCrossentropyElementwise(target.to(o.dtype), o, fromLogits);
        }

        /// <summary>
        /// Categorical cross-entropy between one-hot (or soft) targets and predictions, reduced over the class axis
        /// (Keras <c>ops.categorical_crossentropy</c>).
        /// </summary>
        /// <param name="target">Target distributions, the shape of <paramref name="output"/>.</param>
        /// <param name="output">Probabilities (renormalized and clipped as Keras does), or logits when <paramref name="fromLogits"/>.</param>
        /// <param name="fromLogits">Whether <paramref name="output"/> holds logits.</param>
        /// <param name="axis">The class axis (default −1).</param>
        /// <exception cref="ArgumentException">The shapes differ, or the tensors are 0-dimensional.</exception>
        public static Tensor CategoricalCrossentropy(Tensor target, Tensor output, bool fromLogits = false, int axis = -1)
        {
            CheckSameShape(target, output, "Ops.CategoricalCrossentropy");
            var o = FloatInput(output);
            var dim = OpArgs.One(axis, o.dim(), "Ops.CategoricalCrossentropy");
            return -(target.to(o.dtype) * LossUtils.LogProbabilities(o, fromLogits, dim)).sum(dim);
        }

        /// <summary>
        /// Cross-entropy between integer class ids and predictions (Keras <c>ops.sparse_categorical_crossentropy</c>): one
        /// value per id.
        /// </summary>
        /// <param name="target">Integer ids: the shape of <paramref name="output"/> without the class axis (a trailing 1 is allowed).</param>
        /// <param name="output">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
        /// <param name="fromLogits">Whether <paramref name="output"/> holds logits.</param>
        /// <param name="axis">The class axis (default −1).</param>
        /// <exception cref="ArgumentException">The shapes do not fit, or an id is outside [0, classes).</exception>
        public static Tensor SparseCategoricalCrossentropy(Tensor target, Tensor output, bool fromLogits = false, int axis = -1) =>
            LossFunctions.SparseCategoricalCrossentropy(target, output, fromLogits, ignoreClass: null, axis: axis);

        private static Tensor Activation(string name, Tensor x) => ActivationFunction.Get(name).Call(x);

        private static Tensor Floating(Tensor x, string op) => x.is_floating_point()
            ? x
            : throw new ArgumentException($"{op} expects a floating-point tensor. Received: dtype={Dtype(x)}. Cast it first: Ops.Cast(x, \"float32\").",
                nameof(x));

        private static void CheckSameShape(Tensor target, Tensor output, string op)
        {
            if (!target.shape.SequenceEqual(output.shape) || output.dim() == 0 && op != "Ops.BinaryCrossentropy")
            {
                throw new ArgumentException(
                    $"{op}: `target` and `output` must have the same shape (at least rank 1). Received: target.shape={Shape(target)}, " +
                    $"output.shape={Shape(output)}");
            }
        }
    }
}
