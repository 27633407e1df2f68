using DeepKeras.Distribution;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Normalizes each feature (channel) to mean 0 and variance 1, then scales by <c>gamma</c> and shifts by <c>beta</c>
/// (Keras <c>keras.layers.BatchNormalization</c>).
/// </summary>
/// <remarks>
/// Training (<c>Fit</c>): normalizes with the batch's mean and biased variance and updates
/// <c>moving = moving · momentum + batch · (1 − momentum)</c>. Inference (<c>Evaluate</c>/<c>Predict</c>): normalizes
/// with the moving statistics. As in Keras, a frozen layer (<c>Trainable = false</c>) always runs in inference mode.
/// Weights: gamma, beta (trainable), moving_mean, moving_variance (non-trainable): 4·C parameters, 2·C trainable.
/// Under data-parallel training each process normalizes with the moments of its own share of the batch and keeps its own
/// moving statistics (Keras's and Horovod's default); with <c>synchronized: true</c> the processes sum their moments, so
/// every process normalizes with, and averages, the moments of the whole global batch.
/// </remarks>
public class BatchNormalization : AffineNormalization
{
    /// <summary>Creates the layer.</summary>
    /// <param name="axis">The feature axis (default −1, the channels of channels_last data).</param>
    /// <param name="momentum">Momentum of the moving statistics (default 0.99).</param>
    /// <param name="epsilon">Added to the variance before the square root (default 1e-3).</param>
    /// <param name="center">Whether to learn the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to learn the factor <c>gamma</c> (default true).</param>
    /// <param name="betaInitializer">Initializer of beta (default zeros).</param>
    /// <param name="gammaInitializer">Initializer of gamma (default ones).</param>
    /// <param name="movingMeanInitializer">Initializer of moving_mean (default zeros).</param>
    /// <param name="movingVarianceInitializer">Initializer of moving_variance (default ones).</param>
    /// <param name="synchronized">Under data-parallel training, compute the batch moments over all processes' samples
    /// (default false: each process's own). Without a distribution it changes nothing.</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether gamma and beta are trained and the moving statistics updated.</param>
    /// <param name="betaRegularizer">Penalty on beta added to the training loss; default none.</param>
    /// <param name="gammaRegularizer">Penalty on gamma; default none.</param>
    /// <param name="betaConstraint">Projection applied to beta after each optimizer update; default none.</param>
    /// <param name="gammaConstraint">Projection applied to gamma after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> or <paramref name="epsilon"/> is out of range.</exception>
    public BatchNormalization(
        int axis = -1,
        double momentum = 0.99,
        double epsilon = 1e-3,
        bool center = true,
        bool scale = true,
        Initializer? betaInitializer = null,
        Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null,
        Initializer? movingVarianceInitializer = null,
        bool synchronized = false,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true,
        Regularizer? betaRegularizer = null,
        Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null,
        Constraint? gammaConstraint = null)
        : base(PositiveEpsilon(epsilon), center, scale, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer, betaConstraint,
            gammaConstraint, inputShape, name, trainable)
    {
        if (momentum is < 0 or > 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum,
                $"Invalid value for argument `momentum`: expected a float in [0, 1]. Received: momentum={momentum}");
        }

        Axis = axis;
        Momentum = momentum;
        MovingMeanInitializer = movingMeanInitializer ?? new Zeros();
        MovingVarianceInitializer = movingVarianceInitializer ?? new Ones();
        Synchronized = synchronized;
    }

    /// <summary>Gets the feature axis.</summary>
    public int Axis { get; }

    /// <summary>Gets the momentum of the moving statistics.</summary>
    public double Momentum { get; }

    /// <summary>Gets whether the batch moments are computed over all processes under data-parallel training.</summary>
    public bool Synchronized { get; }

    /// <summary>Gets the moving-mean initializer.</summary>
    public Initializer MovingMeanInitializer { get; }

    /// <summary>Gets the moving-variance initializer.</summary>
    public Initializer MovingVarianceInitializer { get; }

    /// <summary>Gets the moving mean (null before build).</summary>
    public Variable? MovingMean { get; private set; }

    /// <summary>Gets the moving variance (null before build).</summary>
    public Variable? MovingVariance { get; private set; }

    private int _rank;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        if (Axis < -inputShape.Rank || Axis >= inputShape.Rank || inputShape.Rank < 2)
        {
            throw new ArgumentException(
                $"Invalid `axis` for layer \"{Name}\" (BatchNormalization): expected an axis of an input of rank ≥ 2. " +
                $"Received: axis={Axis}, input_shape={inputShape}");
        }

        var channels = inputShape[Axis] ?? throw new ArgumentException(
            $"Axis {Axis} of the input to layer \"{Name}\" (BatchNormalization) must be known. Received: input_shape={inputShape}");
        AddGammaAndBeta(channels);
        MovingMean = AddWeight("moving_mean", channels, MovingMeanInitializer, trainable: false);
        MovingVariance = AddWeight("moving_variance", channels, MovingVarianceInitializer, trainable: false);
        _rank = inputShape.Rank;
        InputSpec = new InputSpec { NDim = _rank, Axes = new Dictionary<int, int> { [Axis] = channels } };
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => CallOutputs([inputs], null, training)[0];

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        var axis = Axis < 0 ? Axis + _rank : Axis;
        var x = axis == 1 ? inputs[0] : inputs[0].movedim([axis], [1]);
        var useBatch = training && Trainable;
        Tensor y;
        if (useBatch && mask is not null)
        {
            y = MaskedTrainingStep(x, mask);
        }
        else if (useBatch && Synchronized && DataParallelTraining.Communicator is { } communicator)
        {
            y = SynchronizedTrainingStep(x, communicator);
        }
        else if (useBatch && x.numel() / x.shape[1] > 1)
        {
            y = FusedTrainingStep(x);
        }
        else if (useBatch)
        {
            y = Normalize(x, x.mean([0], keepdim: true), zeros_like(x), training: true);
        }
        else
        {
            y = nn.functional.batch_norm(x, MovingMean!.Value, MovingVariance!.Value, Gamma?.Value, Beta?.Value, false, 0, Epsilon);
        }

        return [axis == 1 ? y : y.movedim([1], [axis])];
    }

    /// <summary>Torch's fused batch norm, with its moving variance turned from unbiased into Keras's biased update.</summary>
    private Tensor FusedTrainingStep(Tensor x)
    {
        var n = (double)(x.numel() / x.shape[1]);
        var mean = MovingMean!.Value.detach().clone();
        var variance = MovingVariance!.Value.detach().clone();

        // Torch updates v ← M·v + (1−M)·var·n/(n−1) (M = Keras momentum); Keras wants the biased var, so the unbiased
        // term is rescaled afterwards: v ← v·(1 − 1/n) + old·M/n, which leaves M·old + (1−M)·var. Torch keeps the
        // running tensors for its backward pass, hence the copies.
        var old = variance.clone();
        var y = nn.functional.batch_norm(x, mean, variance, Gamma?.Value, Beta?.Value, true, 1 - Momentum, Epsilon);
        using (no_grad())
        {
            MovingMean.Value.copy_(mean);
            using var s = new ScalarScope();
            MovingVariance.Value.copy_(variance.mul(s.Of(1 - (1 / n))).add_(old.mul_(s.Of(Momentum / n)), ScalarScope.One));
        }

        return y;
    }

    /// <summary>
    /// The moments of the global batch: each process's per-channel sums of x and x² and its sample count, summed over
    /// the processes by a differentiable all-reduce (float64, so E[x²] − E[x]² keeps its precision). A process that only
    /// pads the step contributes nothing.
    /// </summary>
    private Tensor SynchronizedTrainingStep(Tensor x, ICommunicator communicator)
    {
        var channels = x.shape[1];
        var axes = Enumerable.Range(0, (int)x.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
        var keep = BatchShare.Current is { IsPadding: true } ? 0.0 : 1.0;
        var x64 = x.to(float64);
        var local = cat([x64.sum(axes).mul(keep), x64.square().sum(axes).mul(keep),
            tensor(new[] { keep * (x.numel() / channels) }, float64, x.device)]);
        var total = AllReduceFunction.Sum(local, communicator, $"the batch moments of layer \"{Name}\"");
        var count = total.narrow(0, 2 * channels, 1);
        var mean = total.narrow(0, 0, channels).div(count);
        var variance = total.narrow(0, channels, channels).div(count).sub(mean.square()).clamp_min(0);
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[1] = channels;
        return Normalize(x, mean.view(shape).to(x.dtype), variance.view(shape).to(x.dtype), training: true);
    }

    /// <summary>Keras's masked moments: statistics over the unmasked positions only (x has its features at axis 1).</summary>
    private Tensor MaskedTrainingStep(Tensor x, Tensor mask)
    {
        if (mask.dim() != x.dim() - 1)
        {
            throw new ArgumentException(
                "The mask provided should be one dimension less than the inputs. " +
                $"Received: mask.shape={(Shape)mask.shape}, inputs.shape={(Shape)x.shape}");
        }

        // The mask covers every axis but the features, which now sit at axis 1.
        var w = mask.to_type(x.dtype).unsqueeze(1);

        var axes = Enumerable.Range(0, (int)x.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
        var count = w.expand_as(x).sum(axes, keepdim: true).add_(Keras.Backend.Epsilon);
        var mean = x.mul(w).sum(axes, keepdim: true).div(count);
        var variance = x.mul(w).sub(mean).square().mul(w).sum(axes, keepdim: true).div(count);
        return Normalize(x, mean, variance, training: true);
    }

    /// <summary>(x − mean)/√(var + ε)·γ + β with explicit statistics; in training also updates the moving statistics.</summary>
    private Tensor Normalize(Tensor x, Tensor mean, Tensor variance, bool training)
    {
        if (training)
        {
            using var noGrad = no_grad();
            MovingMean!.Value.mul_(Momentum).add_(mean.detach().flatten().mul(1 - Momentum));
            MovingVariance!.Value.mul_(Momentum).add_(variance.detach().flatten().mul(1 - Momentum));
        }

        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[1] = -1;
        return ScaleAndCenter(x.sub(mean).mul(variance.add(Epsilon).rsqrt()), shape);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        WriteEpsilonCenterScale(config);
        config["moving_mean_initializer"] = Serialize(MovingMeanInitializer);
        config["moving_variance_initializer"] = Serialize(MovingVarianceInitializer);
        WriteGammaBetaConfig(config);
        config["synchronized"] = Synchronized;
        config["renorm"] = false;
        config["renorm_clipping"] = null;
        config["renorm_momentum"] = 0.99;
        return config;
    }
}
