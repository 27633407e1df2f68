using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Splits the channels into groups and normalizes each sample's group to mean 0 and variance 1, then scales by
/// <c>gamma</c> and shifts by <c>beta</c> per channel (Keras <c>keras.layers.GroupNormalization</c>, Wu &amp; He 2018). Uses no
/// batch statistics, so it works with small batches; <c>groups: 1</c> is close to layer normalization and
/// <c>groups: -1</c> (one group per channel) is instance normalization.
/// </summary>
/// <remarks>
/// Input shape: any rank, with a known size on <c>axis</c> that the number of groups divides. Output shape: the input
/// shape. Weights <c>gamma</c> then <c>beta</c>, each of shape <c>(channels,)</c>.
/// </remarks>
/// <example><code>
/// var block = Sequential(Input(shape: (32, 32, 3)), Layers.Conv2D(64, 3), Layers.GroupNormalization(groups: 8), Layers.Activation("relu"));
/// </code></example>
public sealed class GroupNormalization : AffineNormalization
{
    private int _groups;

    /// <summary>Creates the layer.</summary>
    /// <param name="groups">Number of groups, dividing the channel count (default 32); −1 for one group per channel.</param>
    /// <param name="axis">The channel axis (default −1).</param>
    /// <param name="epsilon">Added to the variance before the square root (default 1e-3).</param>
    /// <param name="center">Whether to learn the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to learn the factor <c>gamma</c> (default true).</param>
    /// <param name="betaInitializer">Initializer of beta (default zeros).</param>
    /// <param name="gammaInitializer">Initializer of gamma (default ones).</param>
    /// <param name="betaRegularizer">Penalty on beta, or null.</param>
    /// <param name="gammaRegularizer">Penalty on gamma, or null.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether gamma and beta are trained.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groups"/> is 0 or below −1.</exception>
    public GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Regularizer? betaRegularizer = null,
        Regularizer? gammaRegularizer = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(epsilon, center, scale, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer, null, null,
            inputShape, name, trainable)
    {
        if (groups <= 0 && groups != -1)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups,
                "Received an invalid value for argument `groups`, expected a positive integer (or `-1` for instance normalization). " +
                $"Received: groups={groups}");
        }

        _groups = groups;
        Axis = axis;
    }

    /// <summary>Gets the number of groups (after build, −1 is replaced by the channel count, as in Keras).</summary>
    public int Groups => _groups;

    /// <summary>Gets the channel axis.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var rank = inputShape.Rank;
        var axis = CheckAxis(inputShape);
        var dim = inputShape[axis] ?? throw new ArgumentException(
            $"Layer \"{Name}\" (GroupNormalization): Axis {Axis} of input tensor should have a defined dimension but the layer received an input with shape {inputShape}.");
        if (_groups == -1)
        {
            _groups = dim;
        }

        if (dim < _groups)
        {
            throw new ArgumentException($"Layer \"{Name}\" (GroupNormalization): Number of groups ({_groups}) cannot be more than the number of channels ({dim}).");
        }

        if (dim % _groups != 0)
        {
            throw new ArgumentException($"Layer \"{Name}\" (GroupNormalization): Number of groups ({_groups}) must be a multiple of the number of channels ({dim}).");
        }

        InputSpec = new InputSpec { NDim = rank, Axes = new Dictionary<int, int> { [axis] = dim } };
        AddGammaAndBeta(new Shape(dim));
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        // (…, C, …) → (…, G, C/G, …): statistics over every axis but the batch and the group axis.
        var rank = (int)inputs.dim();
        var axis = Axis < 0 ? Axis + rank : Axis;
        long[] grouped = [.. inputs.shape[..axis], _groups, inputs.shape[axis] / _groups, .. inputs.shape[(axis + 1)..]];
        var x = inputs.reshape(grouped);
        var reduce = Enumerable.Range(1, rank).Where(a => a != axis).Select(a => (long)a).ToArray();
        var mean = x.mean(reduce, keepdim: true);
        // Keras's ops.moments: E[x²] − E[x]².
        var variance = x.square().mean(reduce, keepdim: true) - mean.square();
        var broadcast = Enumerable.Repeat(1L, rank + 1).ToArray();
        broadcast[axis] = _groups;
        broadcast[axis + 1] = inputs.shape[axis] / _groups;
        var inv = variance.add(Epsilon).rsqrt();
        if (Gamma is not null)
        {
            inv = inv * Gamma.Value.reshape(broadcast);
        }

        var res = -mean * inv;
        if (Beta is not null)
        {
            res = res + Beta.Value.reshape(broadcast);
        }

        return (x * inv + res).reshape(inputs.shape);
    }

    private int CheckAxis(Shape inputShape)
    {
        if (Axis >= inputShape.Rank || Axis < -inputShape.Rank)
        {
            throw new ArgumentException($"Layer \"{Name}\" (GroupNormalization): Axis {Axis} is out of bounds for input shape {inputShape}. Received: axis={Axis}");
        }

        return Axis < 0 ? Axis + inputShape.Rank : Axis;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        CheckAxis(inputShape);
        return inputShape;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["groups"] = _groups;
        c["axis"] = Axis;
        WriteEpsilonCenterScale(c);
        WriteGammaBetaConfig(c);
        return c;
    }
}
