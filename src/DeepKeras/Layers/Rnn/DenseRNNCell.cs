using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// What <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/> and <see cref="GRUCell"/> share (Keras's cells with their
/// <c>DropoutRNNCell</c> part): the weights <c>kernel (input_dim, gates·units)</c>, <c>recurrent_kernel
/// (units, gates·units)</c> and <c>bias</c>, and input/recurrent dropout with one mask per sequence, shared by all steps
/// (one mask per gate when <c>recurrentDropout</c> is set, as Keras's <c>implementation=1</c>).
/// </summary>
/// <remarks>
/// A step is split in two: the input projection <c>x·kernel + input bias</c> (which <see cref="RNN"/> computes for all
/// steps at once) and the recurrent part on that projection. The recurrent layers <see cref="SimpleRNN"/>,
/// <see cref="LSTM"/> and <see cref="GRU"/> run these cells, so the gate math exists once.
/// </remarks>
public abstract class DenseRNNCell : RNNCell
{
    private readonly Keras.Random.SeedGenerator _seedGenerator;
    private Tensor? _inputMasks;
    private Tensor? _recurrentMasks;
    private readonly WeightSettings _kernel;
    private readonly WeightSettings _recurrent;
    private readonly WeightSettings _bias;

    /// <summary>Stores the configuration shared by the built-in cells.</summary>
    private protected DenseRNNCell(
        int units,
        ActivationFunction? activation,
        bool useBias,
        Initializer? kernelInitializer,
        Initializer? recurrentInitializer,
        Initializer? biasInitializer,
        double dropout,
        double recurrentDropout,
        int? seed,
        string? name,
        bool trainable,
        Regularizer? kernelRegularizer,
        Regularizer? recurrentRegularizer,
        Regularizer? biasRegularizer,
        Constraint? kernelConstraint,
        Constraint? recurrentConstraint,
        Constraint? biasConstraint)
        : base(name, trainable)
    {
        if (units <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units,
                $"Received an invalid value for argument `units`, expected a positive integer, got {units}.");
        }

        CheckRate(dropout, nameof(dropout), "dropout");
        CheckRate(recurrentDropout, nameof(recurrentDropout), "recurrent_dropout");
        Units = units;
        Activation = activation ?? ActivationFunction.Get("tanh");
        UseBias = useBias;
        _kernel = new WeightSettings("kernel", kernelInitializer ?? new GlorotUniform(), kernelRegularizer, kernelConstraint);
        _recurrent = new WeightSettings("recurrent", recurrentInitializer ?? new Orthogonal(), recurrentRegularizer, recurrentConstraint);
        _bias = new WeightSettings("bias", biasInitializer ?? new Zeros(), biasRegularizer, biasConstraint);
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        Seed = seed;
        _seedGenerator = new Keras.Random.SeedGenerator(seed);
    }

    /// <summary>Gets the dimensionality of the output and of each state.</summary>
    public int Units { get; }

    /// <summary>Gets the activation of the candidate state (default <c>tanh</c>).</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether the cell has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</summary>
    public Initializer KernelInitializer => _kernel.Initializer;

    /// <summary>Gets the initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</summary>
    public Initializer RecurrentInitializer => _recurrent.Initializer;

    /// <summary>Gets the initializer of <c>bias</c> (default <c>zeros</c>).</summary>
    public Initializer BiasInitializer => _bias.Initializer;

    /// <summary>Gets the penalty on <c>kernel</c>, if any.</summary>
    public Regularizer? KernelRegularizer => _kernel.Regularizer;

    /// <summary>Gets the penalty on <c>recurrent_kernel</c>, if any.</summary>
    public Regularizer? RecurrentRegularizer => _recurrent.Regularizer;

    /// <summary>Gets the penalty on <c>bias</c>, if any.</summary>
    public Regularizer? BiasRegularizer => _bias.Regularizer;

    /// <summary>Gets the constraint on <c>kernel</c>, if any.</summary>
    public Constraint? KernelConstraint => _kernel.Constraint;

    /// <summary>Gets the constraint on <c>recurrent_kernel</c>, if any.</summary>
    public Constraint? RecurrentConstraint => _recurrent.Constraint;

    /// <summary>Gets the constraint on <c>bias</c>, if any.</summary>
    public Constraint? BiasConstraint => _bias.Constraint;

    /// <summary>Gets the fraction of input units dropped in training (one mask per sequence, shared by all time steps).</summary>
    public double Dropout { get; }

    /// <summary>Gets the fraction of recurrent-state units dropped in training.</summary>
    public double RecurrentDropout { get; }

    /// <summary>Gets the seed of the dropout masks; null draws from the global generator (<c>Keras.Utils.SetRandomSeed</c>).</summary>
    public int? Seed { get; }

    /// <summary>Gets the input-to-gates weights, shape <c>(input_dim, gates·units)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the state-to-gates weights, shape <c>(units, gates·units)</c>; null before build.</summary>
    public Variable? RecurrentKernel { get; private set; }

    /// <summary>Gets the bias; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    /// <inheritdoc/>
    public override NestedSize? OutputSize => Units;

    /// <summary>Gets the number of gate blocks in the kernels (1, 4 or 3).</summary>
    private protected abstract int GateCount { get; }

    /// <summary>Gets the shape of the bias weight.</summary>
    private protected virtual Shape BiasShape => GateCount * Units;

    /// <summary>Gets the initializer used to create the bias weight.</summary>
    private protected virtual Initializer BiasWeightInitializer => BiasInitializer;

    /// <summary>Gets the bias added to the input projection (all of it, or GRU's input row); null without bias.</summary>
    private protected virtual Tensor? InputBias => Bias?.Value;

    /// <summary>Gets the number of dropout masks: one per gate with recurrent dropout (Keras implementation 1), else one.</summary>
    private int MaskCount => RecurrentDropout > 0 ? GateCount : 1;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inputDim = inputShape.Rank >= 2 ? inputShape[-1] : null;
        if (inputDim is null)
        {
            throw new ArgumentException(
                $"The last dimension of the input to cell \"{Name}\" ({ClassName}) must be known; a cell takes steps (batch, features). Received: input_shape={inputShape}");
        }

        Kernel = AddWeight("kernel", (inputDim.Value, GateCount * Units), _kernel);
        RecurrentKernel = AddWeight("recurrent_kernel", (Units, GateCount * Units), _recurrent);
        if (UseBias)
        {
            Bias = AddWeight("bias", BiasShape, _bias with { Initializer = BiasWeightInitializer });
        }
    }

    /// <inheritdoc/>
    protected override RNNCellResult Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var next = StepProjected(ProjectInputs(inputs, training), states, training);
        return new RNNCellResult([next[0]], next);
    }

    /// <summary>
    /// The input projection <c>x·kernel + input bias</c> of one step <c>(batch, features)</c> or of every step
    /// <c>(batch, time, features)</c>, with the input dropout mask(s) in training.
    /// </summary>
    internal Tensor ProjectInputs(Tensor x, bool training)
    {
        var kernel = Kernel!.Value;
        var masks = training && Dropout > 0 ? InputMasks(x) : null;
        Tensor projected;
        if (masks is null)
        {
            projected = matmul(x, kernel);
        }
        else if (masks.shape[0] == 1)
        {
            projected = matmul(x * (x.dim() == 3 ? masks[0].unsqueeze(1) : masks[0]), kernel);
        }
        else
        {
            // One dropped-out copy of x per gate, each multiplied by its gate block of the kernel.
            long gates = GateCount, f = x.shape[^1];
            var perGateMasks = x.dim() == 3 ? masks.unsqueeze(2) : masks;
            var perGate = (x.unsqueeze(0) * perGateMasks).reshape(gates, -1, f);
            projected = matmul(perGate, kernel.view(f, gates, Units).permute(1, 0, 2))
                .permute(1, 0, 2).reshape([.. x.shape[..^1], gates * Units]);
        }

        return InputBias is { } bias ? projected.add_(bias, ScalarScope.One) : projected;
    }

    /// <summary>The rest of a step from its input projection, with the recurrent dropout mask(s) in training.</summary>
    /// <returns>The new states; the first is also the step's output.</returns>
    internal Tensor[] StepProjected(Tensor projected, IReadOnlyList<Tensor> states, bool training) =>
        Step(projected, states, training && RecurrentDropout > 0 ? RecurrentMasks(states[0]) : null);

    /// <summary>The input dropout mask(s) of the current sequence, <c>(masks, batch, features)</c>, created on first use.</summary>
    /// <param name="x">A step <c>(batch, features)</c> or a sequence <c>(batch, time, features)</c>.</param>
    internal Tensor InputMasks(Tensor x) =>
        _inputMasks = Reusable(_inputMasks, x.shape[0], x.shape[^1]) ?? DropoutMasks(x.shape[0], x.shape[^1], Dropout, x);

    /// <summary>One step of the cell from the input projection.</summary>
    /// <param name="projected">The input projection of this step, <c>(batch, gates·units)</c>, input bias included.</param>
    /// <param name="states">The previous states.</param>
    /// <param name="recurrentMasks">Recurrent dropout masks <c>(masks, batch, units)</c>, or null.</param>
    /// <returns>The new states; the first is also the step's output.</returns>
    private protected abstract Tensor[] Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMasks);

    /// <summary>
    /// <c>h · kernel</c> for the gate blocks of <paramref name="kernel"/>; with dropout masks, each block sees its own
    /// dropped-out copy of <paramref name="h"/>.
    /// </summary>
    /// <param name="h">The previous state <c>(batch, units)</c>.</param>
    /// <param name="kernel">Recurrent weights of n gate blocks <c>(units, n·units)</c>.</param>
    /// <param name="masks">n masks <c>(n, batch, units)</c>, one, or null.</param>
    private protected Tensor RecurrentProject(Tensor h, Tensor kernel, Tensor? masks)
    {
        if (masks is null)
        {
            return matmul(h, kernel);
        }

        if (masks.shape[0] == 1)
        {
            return matmul(h * masks[0], kernel);
        }

        var n = kernel.shape[1] / Units;
        var perGate = bmm(h.unsqueeze(0) * masks.narrow(0, 0, n), kernel.reshape(Units, n, Units).permute(1, 0, 2));
        return perGate.permute(1, 0, 2).reshape(h.shape[0], n * Units);
    }

    /// <inheritdoc/>
    internal override void ResetDropoutMasks()
    {
        _inputMasks = null;
        _recurrentMasks = null;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["units"] = Units;
        c["activation"] = Serialize(Activation);
        c["use_bias"] = UseBias;
        WeightSettings.WriteConfig(c, null, writeActivity: false, _kernel, _recurrent, _bias);
        c["dropout"] = Dropout;
        c["recurrent_dropout"] = RecurrentDropout;
        c["seed"] = Seed;
        return c;
    }

    private Tensor RecurrentMasks(Tensor h) =>
        _recurrentMasks = Reusable(_recurrentMasks, h.shape[0], Units) ?? DropoutMasks(h.shape[0], Units, RecurrentDropout, h);

    // A kept mask is reused for the steps of one sequence; one from a call whose dispose scope has ended, or drawn for
    // another batch size (a cell called directly), is replaced.
    private static Tensor? Reusable(Tensor? mask, long batch, long features) =>
        mask is { IsInvalid: false } && mask.shape[1] == batch && mask.shape[2] == features ? mask : null;

    private Tensor DropoutMasks(long batch, long features, double rate, Tensor like)
    {
        long[] shape = [MaskCount, batch, features];
        if (Seed is null)
        {
            return nn.functional.dropout(ones(shape, dtype: like.dtype, device: like.device), rate, true);
        }

        var keep = _seedGenerator.Uniform(shape, like.dtype, like.device).ge_(rate);
        return keep.div_(1 - rate);
    }

    private static void CheckRate(double rate, string paramName, string kerasName)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(paramName, rate,
                $"Received an invalid value for argument `{kerasName}`, expected a float in [0, 1). Received: {kerasName}={rate}");
        }
    }
}
