using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Base of <see cref="BatchNormalization"/>, <see cref="LayerNormalization"/> and <see cref="GroupNormalization"/>: after normalizing, both scale by a
/// learned <c>gamma</c> (with <see cref="Scale"/>) and shift by a learned <c>beta</c> (with <see cref="Center"/>), and
/// share Keras's <c>epsilon</c>, <c>center</c>, <c>scale</c> and beta/gamma initializer, regularizer and constraint
/// arguments. The output has the input's shape, and masks pass through.
/// </summary>
public abstract class AffineNormalization : Layer
{
    private readonly WeightSettings _beta;
    private readonly WeightSettings _gamma;

    private protected AffineNormalization(double epsilon, bool center, bool scale, Initializer? betaInitializer,
        Initializer? gammaInitializer, Regularizer? betaRegularizer, Regularizer? gammaRegularizer,
        Constraint? betaConstraint, Constraint? gammaConstraint, Shape? inputShape, string? name, bool trainable)
        : base(name, trainable, inputShape)
    {
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        _beta = new WeightSettings("beta", betaInitializer ?? new Zeros(), betaRegularizer, betaConstraint);
        _gamma = new WeightSettings("gamma", gammaInitializer ?? new Ones(), gammaRegularizer, gammaConstraint);
    }

    /// <summary>Gets the epsilon added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Gets whether beta is used.</summary>
    public bool Center { get; }

    /// <summary>Gets whether gamma is used.</summary>
    public bool Scale { get; }

    /// <summary>Gets the beta initializer.</summary>
    public Initializer BetaInitializer => _beta.Initializer;

    /// <summary>Gets the gamma initializer.</summary>
    public Initializer GammaInitializer => _gamma.Initializer;

    /// <summary>Gets the penalty on beta, if any.</summary>
    public Regularizer? BetaRegularizer => _beta.Regularizer;

    /// <summary>Gets the penalty on gamma, if any.</summary>
    public Regularizer? GammaRegularizer => _gamma.Regularizer;

    /// <summary>Gets the constraint on beta, if any.</summary>
    public Constraint? BetaConstraint => _beta.Constraint;

    /// <summary>Gets the constraint on gamma, if any.</summary>
    public Constraint? GammaConstraint => _gamma.Constraint;

    /// <summary>Gets gamma, the learned factor (null without <c>scale</c> or before build).</summary>
    public Variable? Gamma { get; private set; }

    /// <summary>Gets beta, the learned offset (null without <c>center</c> or before build).</summary>
    public Variable? Beta { get; private set; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Checks that <c>epsilon</c> is positive (BatchNormalization and LayerNormalization check it; Keras's
    /// GroupNormalization does not).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    private protected static double PositiveEpsilon(double epsilon) => epsilon > 0
        ? epsilon
        : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
            $"Invalid value for argument `epsilon`: expected a positive float. Received: epsilon={epsilon}");

    /// <summary>Creates gamma (with <see cref="Scale"/>) and then beta (with <see cref="Center"/>), both of this shape.</summary>
    private protected void AddGammaAndBeta(Shape shape)
    {
        if (Scale)
        {
            Gamma = AddWeight("gamma", shape, _gamma);
        }

        if (Center)
        {
            Beta = AddWeight("beta", shape, _beta);
        }
    }

    /// <summary>Returns <c>y · gamma + beta</c>, with gamma and beta viewed as <paramref name="broadcast"/> (each only when used).</summary>
    private protected Tensor ScaleAndCenter(Tensor y, long[] broadcast)
    {
        if (Gamma is not null)
        {
            y = y.mul(Gamma.Value.view(broadcast));
        }

        return Beta is null ? y : y.add(Beta.Value.view(broadcast));
    }

    /// <summary>Writes the <c>epsilon</c>, <c>center</c> and <c>scale</c> keys.</summary>
    private protected void WriteEpsilonCenterScale(Dictionary<string, object?> config)
    {
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
    }

    /// <summary>Writes the beta/gamma initializer, regularizer and constraint keys.</summary>
    private protected void WriteGammaBetaConfig(Dictionary<string, object?> config) =>
        WeightSettings.WriteConfig(config, null, writeActivity: false, _beta, _gamma);
}
