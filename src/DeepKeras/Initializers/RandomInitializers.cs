using static TorchSharp.torch;

namespace DeepKeras.Initializers;

/// <summary>Normal distribution N(mean, stddev²) (Keras <c>RandomNormal(mean=0.0, stddev=0.05, seed=None)</c>).</summary>
public sealed class RandomNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) =>
        normal(mean, stddev, shape, dtype: float32, device: Dev, generator: MakeGenerator(seed));

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() =>
        new() { ["mean"] = mean, ["stddev"] = stddev, ["seed"] = seed };
}

/// <summary>Uniform distribution on [minval, maxval) (Keras <c>RandomUniform(minval=-0.05, maxval=0.05, seed=None)</c>).</summary>
public sealed class RandomUniform(float minval = -0.05f, float maxval = 0.05f, int? seed = null) : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) =>
        rand(shape, dtype: float32, device: Dev, generator: MakeGenerator(seed)).mul_(maxval - minval).add_(minval);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() =>
        new() { ["minval"] = minval, ["maxval"] = maxval, ["seed"] = seed };
}

/// <summary>Normal distribution truncated at two standard deviations (Keras <c>TruncatedNormal(mean=0.0, stddev=0.05)</c>).</summary>
public sealed class TruncatedNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) => Truncated(shape, mean, stddev, seed);

    internal static Tensor Truncated(long[] shape, double mean, double stddev, int? seed)
    {
        var t = empty(shape, dtype: float32, device: Dev);
        using var _ = no_grad();
        return nn.init.trunc_normal_(t, mean, stddev, mean - 2 * stddev, mean + 2 * stddev, MakeGenerator(seed));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() =>
        new() { ["mean"] = mean, ["stddev"] = stddev, ["seed"] = seed };
}

/// <summary>
/// Keras's orthogonal initializer: a random orthogonal matrix of shape (prod(shape[:-1]), shape[-1]) from the QR
/// decomposition of a normal matrix, signs fixed by diag(R), times <c>gain</c>. Default for recurrent kernels.
/// </summary>
public sealed class Orthogonal(float gain = 1f, int? seed = null) : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException($"The Orthogonal initializer needs a shape of rank >= 2. Received: {(Shape)shape}");
        }

        using var scope = NewDisposeScope();
        var rows = shape[..^1].Aggregate(1L, (a, b) => a * b);
        var cols = shape[^1];
        var a = normal(0, 1, [Math.Max(rows, cols), Math.Min(rows, cols)], dtype: float32, generator: MakeGenerator(seed));
        var (q, r) = linalg.qr(a);
        q = q * r.diagonal().sign();
        if (rows < cols)
        {
            q = q.t();
        }

        return (q * gain).reshape(shape).contiguous().to(Dev).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["gain"] = gain, ["seed"] = seed };
}
