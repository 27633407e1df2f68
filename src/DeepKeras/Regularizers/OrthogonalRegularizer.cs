using static TorchSharp.torch;

namespace DeepKeras.Regularizers;

/// <summary>
/// Encourages the rows (or columns) of a rank-2 weight to be orthogonal (Keras
/// <c>keras.regularizers.OrthogonalRegularizer</c>): after L2-normalizing the rows (columns),
/// <c>loss = factor · ½ · Σ|P − diag(P)| / (n(n−1)/2)</c> with <c>P</c> the matrix of their dot products.
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="factor">Non-negative factor (default 0.01).</param>
    /// <param name="mode"><c>"rows"</c> (default) or <c>"columns"</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not rows/columns.</exception>
    public OrthogonalRegularizer(double factor = 0.01, string mode = "rows")
    {
        Factor = ValidateFactor(factor, nameof(factor));
        if (mode is not ("rows" or "columns"))
        {
            throw new ArgumentException(
                $"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={mode}", nameof(mode));
        }

        Mode = mode;
    }

    /// <summary>Gets the factor.</summary>
    public double Factor { get; }

    /// <summary>Gets the mode: <c>rows</c> or <c>columns</c>.</summary>
    public string Mode { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not rank 2.</exception>
    public override Tensor Call(Tensor x)
    {
        if (x.dim() != 2)
        {
            throw new ArgumentException(
                $"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={(Shape)x.shape}", nameof(x));
        }

        // Keras ops.normalize: x · rsqrt(max(Σx², ε²)) with ε = 1e-7.
        var axis = Mode == "rows" ? 1 : 0;
        var normalized = x * x.square().sum(axis, keepdim: true).clamp_min(1e-14).rsqrt();
        var product = Mode == "rows" ? normalized.matmul(normalized.t()) : normalized.t().matmul(normalized);
        var size = product.shape[0];
        var offDiagonal = product * (1.0 - eye(size, dtype: x.dtype, device: x.device));
        var pairs = size * (size - 1.0) / 2.0;
        return offDiagonal.abs().sum().mul(Factor * 0.5 / pairs);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["factor"] = Factor, ["mode"] = Mode };
}
