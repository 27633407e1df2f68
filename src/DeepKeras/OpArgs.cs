using static TorchSharp.torch;

namespace DeepKeras;

/// <summary>Argument checks and conversions shared by <see cref="Keras.Ops"/>: axes, scalar operands, reductions.</summary>
internal static class OpArgs
{
    /// <summary>
    /// Resolves an <c>axis</c> argument against a tensor of rank <paramref name="rank"/>: null means every axis,
    /// negative axes count from the end; an axis out of range or given twice is an error naming the op.
    /// </summary>
    public static long[] Axes(Axis? axis, long rank, string op, string argName = "axis")
    {
        if (axis is not { } a)
        {
            return Enumerable.Range(0, (int)rank).Select(i => (long)i).ToArray();
        }

        var axes = a.Values.Select(v => One(v, rank, op, argName)).ToArray();
        if (axes.Distinct().Count() != axes.Length)
        {
            throw new ArgumentException($"{op}: repeated axis in `{argName}`. Received: {argName}={a}", argName);
        }

        return axes;
    }

    /// <summary>Resolves one possibly negative axis against a rank, with an error naming the op.</summary>
    public static long One(int axis, long rank, string op, string argName = "axis")
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(argName, axis,
                $"{op}: axis {axis} is out of bounds for a tensor of rank {rank}. Expected an axis in [{-rank}, {rank - 1}]. " +
                $"Received: {argName}={axis}");
        }

        return a;
    }

    /// <summary>Whether two shapes broadcast (numpy's rule: aligned from the end, each pair equal or one of them 1).</summary>
    public static bool Broadcastable(long[] s1, long[] s2)
    {
        for (var i = 1; i <= Math.Min(s1.Length, s2.Length); i++)
        {
            if (s1[^i] != s2[^i] && s1[^i] != 1 && s2[^i] != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Brings the operands of an element-wise op to one device and treats a 0-dimensional float64 operand (what a C#
    /// <c>double</c> literal converts to) like a Python float: it takes float32 unless the other operand is float64,
    /// so <c>int32 + 0.5</c> is float32 as in Keras.
    /// </summary>
    public static (Tensor X1, Tensor X2) Operands(Tensor x1, Tensor x2) => (Scalar(x1, x2), Scalar(x2, x1));

    /// <summary>The scalar rule of <see cref="Operands"/> for one operand against its partner.</summary>
    public static Tensor Scalar(Tensor x, Tensor partner)
    {
        if (x.dim() != 0)
        {
            return x;
        }

        if (x.dtype == ScalarType.Float64 && partner.dtype != ScalarType.Float64)
        {
            x = x.to(ScalarType.Float32);
        }

        return x.device == partner.device ? x : x.to(partner.device);
    }

    /// <summary>
    /// Applies a single-axis reduction over several axes at once: the axes move to the end and merge into one, which
    /// <paramref name="reduceLast"/> reduces (it gets the merged tensor and reduces its last axis). With
    /// <paramref name="keepdims"/> the reduced axes come back with size 1.
    /// </summary>
    public static Tensor Reduce(Tensor x, long[] axes, bool keepdims, Func<Tensor, Tensor> reduceLast)
    {
        var rank = x.dim();
        var kept = Enumerable.Range(0, (int)rank).Select(i => (long)i).Where(i => !axes.Contains(i)).ToArray();
        var moved = x.permute([.. kept, .. axes]);
        var merged = moved.reshape([.. kept.Select(i => x.shape[i]), axes.Aggregate(1L, (n, a) => n * x.shape[a])]);
        var reduced = reduceLast(merged);
        return keepdims ? reduced.reshape(x.shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()) : reduced;
    }

    /// <summary>Casts to a Keras dtype name unless the tensor has it already.</summary>
    public static Tensor Cast(Tensor x, string dtype) => Cast(x, KerasDtypes.ToTorch(dtype, "cast"));

    /// <summary>Casts to a torch type unless the tensor has it already.</summary>
    public static Tensor Cast(Tensor x, ScalarType dtype) => x.dtype == dtype ? x : x.to(dtype);
}
