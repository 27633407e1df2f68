using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>Shape and dtype helpers shared by the loss and metric functions (Keras <c>keras.src.losses.loss</c>).</summary>
internal static class LossUtils
{
    /// <summary>
    /// Keras's <c>squeeze_or_expand_to_same_rank</c>: when the ranks differ by one and the longer tensor ends in a
    /// size-1 axis, that axis is squeezed, or (for a rank-1 partner, when <paramref name="expandRank1"/>) the partner
    /// gets one. <c>(batch,)</c> labels against <c>(batch, 1)</c> predictions become <c>(batch, 1)</c>.
    /// </summary>
    internal static (Tensor X1, Tensor X2) SameRank(Tensor x1, Tensor x2, bool expandRank1 = true)
    {
        var r1 = x1.dim();
        var r2 = x2.dim();
        if (r1 == r2 + 1 && x1.shape[^1] == 1)
        {
            return r2 == 1 && expandRank1 ? (x1, x2.unsqueeze(-1)) : (x1.squeeze(-1), x2);
        }

        if (r2 == r1 + 1 && x2.shape[^1] == 1)
        {
            return r1 == 1 && expandRank1 ? (x1.unsqueeze(-1), x2) : (x1, x2.squeeze(-1));
        }

        return (x1, x2);
    }

    /// <summary>Casts the targets to the prediction dtype (float32 unless the predictions are another float type).</summary>
    internal static (Tensor YTrue, Tensor YPred) Prepare(Tensor yTrue, Tensor yPred)
    {
        if (!yPred.is_floating_point())
        {
            yPred = yPred.to(float32);
        }

        return SameRank(yTrue.to(yPred.dtype), yPred);
    }

    /// <summary>
    /// Applies a per-sample loss formula to targets and predictions brought to one dtype and rank by
    /// <see cref="Prepare"/>: the body of every loss function that needs nothing else.
    /// </summary>
    internal static Tensor PerSample(Tensor yTrue, Tensor yPred, Func<Tensor, Tensor, Tensor> formula)
    {
        var (t, p) = Prepare(yTrue, yPred);
        return formula(t, p);
    }

    /// <summary>Keras's <c>divide_no_nan</c>: <c>a / b</c>, and 0 where <c>b == 0</c>.</summary>
    internal static Tensor DivideNoNan(Tensor a, Tensor b)
    {
        var zero = b.eq(ScalarScope.Zero);
        return (a / b.masked_fill(zero, ScalarScope.One)).masked_fill(zero, ScalarScope.Zero);
    }

    /// <summary>Keras's L2 <c>normalize</c>: <c>x · rsqrt(max(Σx², ε²))</c> along <paramref name="axis"/>; zero vectors stay zero.</summary>
    internal static Tensor L2Normalize(Tensor x, long axis)
    {
        var eps = (double)Keras.Backend.Epsilon;
        using var s = new ScalarScope();
        // pow(2), not x·x: x is used again, and its gradient must add up in the same order as Keras's square.
        return x * x.pow(s.Of(2L)).sum(axis, keepdim: true).clamp_min(s.Of(eps * eps)).rsqrt();
    }

    /// <summary>Throws Keras's shape error when targets and predictions differ in shape.</summary>
    internal static void CheckSameShape(Tensor yTrue, Tensor yPred, string loss)
    {
        if (!yTrue.shape.SequenceEqual(yPred.shape))
        {
            throw new ArgumentException(
                $"{loss} expects targets and predictions of the same shape. Received: y_true shape {(Shape)yTrue.shape}, " +
                $"y_pred shape {(Shape)yPred.shape}.");
        }
    }

    /// <summary>Throws when a label smoothing factor is outside [0, 1].</summary>
    internal static void CheckLabelSmoothing(double labelSmoothing)
    {
        if (labelSmoothing is < 0 or > 1 || double.IsNaN(labelSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"Received an invalid value for `label_smoothing`, expected a float in [0, 1]. Received: label_smoothing={labelSmoothing}");
        }
    }

    /// <summary>Keras's element-wise binary cross-entropy (<c>ops.binary_crossentropy</c>), no reduction.</summary>
    internal static Tensor BinaryCrossentropyElementwise(Tensor y, Tensor yPred, bool fromLogits)
    {
        if (fromLogits)
        {
            return nn.functional.binary_cross_entropy_with_logits(yPred, y, reduction: nn.Reduction.None);
        }

        // −(y·log p + (1−y)·log(1−p)), with its operands in a scope: TorchSharp's `+` and `1 - t` make scalars.
        var eps = (double)Keras.Backend.Epsilon;
        using var s = new ScalarScope();
        var one = ScalarScope.One;
        var p = yPred.clamp(s.Of(eps), s.Of(1 - eps));
        return -y.mul(p.log()).add(OneMinus(y).mul(OneMinus(p).log()), one);
    }

    /// <summary><c>a + b</c> without the native scalar TorchSharp's <c>+</c> makes for its <c>alpha</c> of 1.</summary>
    internal static Tensor Plus(Tensor a, Tensor b) => a.add(b, ScalarScope.One);

    /// <summary><c>1 − x</c>, computed as TorchSharp's <c>1 - x</c> does (<c>−x + 1</c>) without leaving a native scalar.</summary>
    internal static Tensor OneMinus(Tensor x) => x.negative().add(ScalarScope.One, ScalarScope.One);

    /// <summary>x·x: the values and gradients of <c>Tensor.square()</c>, whose <c>pow(2)</c> makes a native Scalar per call.</summary>
    internal static Tensor Squared(Tensor x) => x * x;

    /// <summary>log p with Keras's handling: log_softmax for logits, renormalize-then-clip for probabilities.</summary>
    internal static Tensor LogProbabilities(Tensor yPred, bool fromLogits, long axis = -1)
    {
        if (fromLogits)
        {
            return yPred.log_softmax(axis);
        }

        var eps = (double)Keras.Backend.Epsilon;
        var p = yPred / yPred.sum(axis, keepdim: true);
        using var s = new ScalarScope();
        return p.clamp(s.Of(eps), s.Of(1 - eps)).log();
    }

    /// <summary>Resolves a possibly negative axis against a tensor's rank, with a Keras-style error.</summary>
    internal static int Axis(int axis, Tensor x)
    {
        var rank = (int)x.dim();
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"Received an invalid value for `axis`, expected an axis of a rank-{rank} tensor. Received: axis={axis}");
        }

        return a;
    }

    /// <summary>
    /// Integer labels for the sparse losses: a trailing size-1 axis is dropped, then the shape must equal the prediction
    /// shape without its class axis.
    /// </summary>
    internal static Tensor SparseLabels(Tensor yTrue, Tensor yPred, int axis)
    {
        var classAxis = Axis(axis, yPred);
        var labels = yTrue;
        if (labels.dim() == yPred.dim() && labels.shape[classAxis] == 1)
        {
            labels = labels.squeeze(classAxis);
        }

        var expected = yPred.shape.Where((_, i) => i != classAxis).ToArray();
        if (!labels.shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"sparse_categorical_crossentropy expects integer labels of shape {(Shape)expected} (or with a trailing 1). " +
                $"Received: y_true shape {(Shape)yTrue.shape}, y_pred shape {(Shape)yPred.shape}. For one-hot targets use " +
                "\"categorical_crossentropy\".");
        }

        return labels.to(int64);
    }
}
