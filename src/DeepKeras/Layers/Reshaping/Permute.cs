using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Reorders the axes of its input by a pattern that leaves the batch axis in place (Keras <c>keras.layers.Permute</c>);
/// e.g. to hand a convnet's feature map to an RNN.
/// </summary>
/// <remarks>
/// Input shape: any rank equal to the pattern's length plus one. Output shape: the input axes in pattern order, e.g.
/// <c>Permute((2, 1))</c> on <c>(None, 10, 64)</c> gives <c>(None, 64, 10)</c>.
/// </remarks>
/// <example><code>
/// var x = Input(shape: (10, 64));
/// var y = Layers.Permute((2, 1)).Apply(x);   // (None, 64, 10)
/// </code></example>
public sealed class Permute : Layer
{
    private readonly int[] _dims;

    /// <summary>Creates the layer.</summary>
    /// <param name="dims">The new order of the non-batch axes, numbered from 1: a permutation of 1…n.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of 1…n.</exception>
    public Permute(IntTuple dims, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        _dims = dims.Values.ToArray();
        if (!_dims.Order().SequenceEqual(Enumerable.Range(1, _dims.Length)))
        {
            throw new ArgumentException(
                "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. " +
                $"Received dims=({string.Join(", ", _dims)}{(_dims.Length == 1 ? "," : "")})", nameof(dims));
        }

        InputSpec = new InputSpec { NDim = _dims.Length + 1 };
    }

    /// <summary>Gets the permutation of the non-batch axes (numbered from 1).</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.permute([0, .. _dims.Select(d => (long)d)]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. _dims.Select(d => inputShape[d])]);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["dims"] = _dims.ToArray();
        return c;
    }
}
