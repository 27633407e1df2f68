using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Normalizes each sample over its feature axes to mean 0 and variance 1, then scales by <c>gamma</c> and shifts by
/// <c>beta</c> (Keras <c>keras.layers.LayerNormalization</c>). Unlike batch normalization it uses no batch statistics,
/// so training and inference behave the same.
/// </summary>
public class LayerNormalization : AffineNormalization
{
    private readonly int[] _axis;
    private int[] _axes = [];

    /// <summary>Creates the layer normalizing over one axis.</summary>
    /// <param name="axis">The axis to normalize over (default −1, the features).</param>
    /// <param name="epsilon">Added to the variance before the square root (default 1e-3).</param>
    /// <param name="center">Whether to learn the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to learn the factor <c>gamma</c> (default true).</param>
    /// <param name="betaInitializer">Initializer of beta (default zeros).</param>
    /// <param name="gammaInitializer">Initializer of gamma (default ones).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether gamma and beta are trained.</param>
    /// <param name="betaRegularizer">Penalty on beta added to the training loss; default none.</param>
    /// <param name="gammaRegularizer">Penalty on gamma; default none.</param>
    /// <param name="betaConstraint">Projection applied to beta after each optimizer update; default none.</param>
    /// <param name="gammaConstraint">Projection applied to gamma after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not positive.</exception>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Shape? inputShape = null,
        string? name = null, bool trainable = true, Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null)
        : this([axis], epsilon, center, scale, betaInitializer, gammaInitializer, inputShape, name, trainable,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint)
    {
    }

    /// <summary>Creates the layer normalizing over several axes together, e.g. <c>[1, 2, 3]</c> for whole images.</summary>
    /// <param name="axis">The axes to normalize over.</param>
    /// <param name="epsilon">Added to the variance before the square root (default 1e-3).</param>
    /// <param name="center">Whether to learn the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to learn the factor <c>gamma</c> (default true).</param>
    /// <param name="betaInitializer">Initializer of beta (default zeros).</param>
    /// <param name="gammaInitializer">Initializer of gamma (default ones).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether gamma and beta are trained.</param>
    /// <param name="betaRegularizer">Penalty on beta added to the training loss; default none.</param>
    /// <param name="gammaRegularizer">Penalty on gamma; default none.</param>
    /// <param name="betaConstraint">Projection applied to beta after each optimizer update; default none.</param>
    /// <param name="gammaConstraint">Projection applied to gamma after each optimizer update; default none.</param>
    /// <exception cref="ArgumentException"><paramref name="axis"/> is empty or <paramref name="epsilon"/> is not positive.</exception>
    public LayerNormalization(int[] axis, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Shape? inputShape = null,
        string? name = null, bool trainable = true, Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null)
        : base(PositiveEpsilon(epsilon), center, scale, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer, betaConstraint,
            gammaConstraint, inputShape, name, trainable)
    {
        if (axis.Length == 0)
        {
            throw new ArgumentException("Expected an int or a list of ints for the argument `axis`. Received: axis=[]", nameof(axis));
        }

        _axis = (int[])axis.Clone();
    }

    /// <summary>Gets the normalized axes as given.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var rank = inputShape.Rank;
        if (_axis.Any(a => a < -rank || a >= rank || a == 0 || a == -rank))
        {
            throw new ArgumentException(
                $"Invalid `axis` for layer \"{Name}\" (LayerNormalization): each axis must be a non-batch axis of the input. " +
                $"Received: axis=[{string.Join(", ", _axis)}], input_shape={inputShape}");
        }

        _axes = _axis.Select(a => a < 0 ? a + rank : a).Distinct().Order().ToArray();
        var shape = new Shape(_axes.Select(a => inputShape[a] ?? throw new ArgumentException(
            $"Axis {a} of the input to layer \"{Name}\" (LayerNormalization) must be known. Received: input_shape={inputShape}")).Select(d => (int?)d).ToArray());
        AddGammaAndBeta(shape);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var rank = (int)inputs.dim();
        var normalizedShape = _axes.Select(a => inputs.shape[a]).ToArray();
        if (_axes.SequenceEqual(Enumerable.Range(rank - _axes.Length, _axes.Length)))
        {
            return nn.functional.layer_norm(inputs, normalizedShape, Gamma?.Value, Beta?.Value, Epsilon);
        }

        var (variance, mean) = inputs.var_mean(_axes.Select(a => (long)a).ToArray(), unbiased: false, keepdim: true);
        var y = inputs.sub(mean).mul(variance.add(Epsilon).rsqrt());
        var broadcast = Enumerable.Repeat(1L, rank).ToArray();
        foreach (var a in _axes)
        {
            broadcast[a] = inputs.shape[a];
        }

        return ScaleAndCenter(y, broadcast);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = _axis.Length == 1 ? _axis[0] : _axis.ToArray();
        WriteEpsilonCenterScale(config);
        config["rms_scaling"] = false;
        WriteGammaBetaConfig(config);
        return config;
    }
}
