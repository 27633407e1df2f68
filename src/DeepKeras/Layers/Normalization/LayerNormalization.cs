using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Normalizes each sample over its feature axes to mean 0 and variance 1, then scales by <c>gamma</c> and shifts by
/// <c>beta</c> (Keras <c>keras.layers.LayerNormalization</c>). Unlike batch normalization it uses no batch statistics,
/// so training and inference behave the same.
/// </summary>
public class LayerNormalization : Layer
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not positive.</exception>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Shape? inputShape = null,
        string? name = null, bool trainable = true)
        : this([axis], epsilon, center, scale, betaInitializer, gammaInitializer, inputShape, name, trainable)
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
    /// <exception cref="ArgumentException"><paramref name="axis"/> is empty or <paramref name="epsilon"/> is not positive.</exception>
    public LayerNormalization(int[] axis, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Shape? inputShape = null,
        string? name = null, bool trainable = true)
        : base(name, trainable, inputShape)
    {
        if (axis.Length == 0)
        {
            throw new ArgumentException("Expected an int or a list of ints for the argument `axis`. Received: axis=[]", nameof(axis));
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
                $"Invalid value for argument `epsilon`: expected a positive float. Received: epsilon={epsilon}");
        }

        _axis = (int[])axis.Clone();
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
    }

    /// <summary>Gets the normalized axes as given.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <summary>Gets the epsilon added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Gets whether beta is used.</summary>
    public bool Center { get; }

    /// <summary>Gets whether gamma is used.</summary>
    public bool Scale { get; }

    /// <summary>Gets the beta initializer.</summary>
    public Initializer BetaInitializer { get; }

    /// <summary>Gets the gamma initializer.</summary>
    public Initializer GammaInitializer { get; }

    /// <summary>Gets gamma, shaped like the normalized axes (null without <c>scale</c> or before build).</summary>
    public Variable? Gamma { get; private set; }

    /// <summary>Gets beta, shaped like the normalized axes (null without <c>center</c> or before build).</summary>
    public Variable? Beta { get; private set; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

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
        if (Scale)
        {
            Gamma = AddWeight("gamma", shape, GammaInitializer);
        }

        if (Center)
        {
            Beta = AddWeight("beta", shape, BetaInitializer);
        }
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

        if (Gamma is not null)
        {
            y = y.mul(Gamma.Value.view(broadcast));
        }

        return Beta is null ? y : y.add(Beta.Value.view(broadcast));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = _axis.Length == 1 ? _axis[0] : _axis.ToArray();
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["rms_scaling"] = false;
        config["beta_initializer"] = Serialize(BetaInitializer);
        config["gamma_initializer"] = Serialize(GammaInitializer);
        config["beta_regularizer"] = null;
        config["gamma_regularizer"] = null;
        config["beta_constraint"] = null;
        config["gamma_constraint"] = null;
        return config;
    }
}
