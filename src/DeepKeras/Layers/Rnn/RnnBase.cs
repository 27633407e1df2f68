using DeepKeras.Activations;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// What <see cref="SimpleRNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share (Keras's <c>RNN</c> layer and its
/// <c>DropoutRNNCell</c>): the weights <c>kernel (input_dim, gates·units)</c>, <c>recurrent_kernel (units, gates·units)</c>
/// and <c>bias</c>; the sequence options <c>returnSequences</c>, <c>returnState</c>, <c>goBackwards</c>, <c>stateful</c>;
/// input and recurrent dropout; and masks (masked time steps keep the previous state and repeat the previous output).
/// </summary>
/// <remarks>
/// Inputs are <c>(batch, timesteps, features)</c>. Extra inputs after the sequence are initial states
/// (Keras <c>initial_state</c>): <c>lstm.ApplySymbolic([x, h0, c0])</c>. Without a mask, recurrent dropout or custom
/// activations the layer runs libtorch's fused sequence kernel; otherwise it steps through time with TorchSharp ops.
/// </remarks>
public abstract partial class RnnBase : Layer
{
    private Tensor[]? _states;

    /// <summary>Stores the configuration shared by recurrent layers.</summary>
    private protected RnnBase(
        int units,
        ActivationFunction? activation,
        bool useBias,
        Initializer? kernelInitializer,
        Initializer? recurrentInitializer,
        Initializer? biasInitializer,
        double dropout,
        double recurrentDropout,
        bool returnSequences,
        bool returnState,
        bool goBackwards,
        bool stateful,
        Shape? inputShape,
        string? name,
        bool trainable)
        : base(name, trainable, inputShape)
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
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
    }

    /// <summary>Gets the dimensionality of the output and of each state.</summary>
    public int Units { get; }

    /// <summary>Gets the activation of the candidate state (default <c>tanh</c>).</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Gets the initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</summary>
    public Initializer RecurrentInitializer { get; }

    /// <summary>Gets the initializer of <c>bias</c> (default <c>zeros</c>).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gets the fraction of input units dropped in training (one mask per batch, shared by all time steps).</summary>
    public double Dropout { get; }

    /// <summary>Gets the fraction of recurrent-state units dropped in training.</summary>
    public double RecurrentDropout { get; }

    /// <summary>Gets whether the whole output sequence is returned instead of the last output.</summary>
    public bool ReturnSequences { get; }

    /// <summary>Gets whether the final states are returned after the output.</summary>
    public bool ReturnState { get; }

    /// <summary>Gets whether the sequence is processed backwards (the returned sequence is then reversed too).</summary>
    public bool GoBackwards { get; }

    /// <summary>Gets whether the final states of a batch are the initial states of the next batch.</summary>
    public bool Stateful { get; }

    /// <summary>Gets the input-to-gates weights, shape <c>(input_dim, gates·units)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the state-to-gates weights, shape <c>(units, gates·units)</c>; null before build.</summary>
    public Variable? RecurrentKernel { get; private set; }

    /// <summary>Gets the bias; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>
    /// Gets the states a stateful layer carries to the next batch (h, and c for LSTM); null before the first call and
    /// after <see cref="ResetStates"/> (the next call then starts from zeros).
    /// </summary>
    public IReadOnlyList<Tensor>? States => _states;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>Gets or sets whether masked time steps output zeros instead of the previous output (set by <see cref="Bidirectional"/>).</summary>
    internal bool ZeroOutputForMask { get; set; }

    /// <summary>Gets the number of gate blocks in the kernels (1, 4 or 3).</summary>
    private protected abstract int GateCount { get; }

    /// <summary>Gets the number of state tensors (2 for LSTM, else 1).</summary>
    private protected virtual int StateCount => 1;

    /// <summary>Gets the shape of the bias weight.</summary>
    private protected virtual Shape BiasShape => GateCount * Units;

    /// <summary>Gets the initializer used to create the bias weight.</summary>
    private protected virtual Initializer BiasWeightInitializer => BiasInitializer;

    /// <summary>
    /// Resets the states of a stateful layer (Keras <c>reset_states</c>): the next call starts from zero states and may
    /// use another batch size.
    /// </summary>
    public void ResetStates()
    {
        foreach (var s in _states ?? [])
        {
            s.Dispose();
        }

        _states = null;
    }

    /// <summary>Resets the states of a stateful layer (Keras 3 name, same as <see cref="ResetStates"/>).</summary>
    public void ResetState() => ResetStates();

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        if (inputShape.Rank != 3)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" is incompatible with the layer: expected ndim=3, found ndim={inputShape.Rank}. Full shape received: {inputShape}");
        }

        var inputDim = inputShape[-1] ?? throw new ArgumentException(
            $"The last dimension of the input to layer \"{Name}\" ({ClassName}) must be known. Received: input_shape={inputShape}");
        Kernel = AddWeight("kernel", (inputDim, GateCount * Units), KernelInitializer);
        RecurrentKernel = AddWeight("recurrent_kernel", (Units, GateCount * Units), RecurrentInitializer);
        if (UseBias)
        {
            Bias = AddWeight("bias", BiasShape, BiasWeightInitializer);
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        var s = inputShapes[0];
        if (s.Rank != 3)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" is incompatible with the layer: expected ndim=3, found ndim={s.Rank}. Full shape received: {s}");
        }

        Shape output = ReturnSequences ? new Shape(s[0], s[1], Units) : new Shape(s[0], Units);
        var state = new Shape(s[0], Units);
        return ReturnState ? [output, .. Enumerable.Repeat(state, StateCount)] : [output];
    }

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => ReturnSequences ? mask : null;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["return_sequences"] = ReturnSequences;
        c["return_state"] = ReturnState;
        c["go_backwards"] = GoBackwards;
        c["stateful"] = Stateful;
        c["unroll"] = false;
        c["zero_output_for_mask"] = ZeroOutputForMask;
        c["units"] = Units;
        c["activation"] = Serialize(Activation);
        c["use_bias"] = UseBias;
        c["kernel_initializer"] = Serialize(KernelInitializer);
        c["recurrent_initializer"] = Serialize(RecurrentInitializer);
        c["bias_initializer"] = Serialize(BiasInitializer);
        c["kernel_regularizer"] = null;
        c["recurrent_regularizer"] = null;
        c["bias_regularizer"] = null;
        c["activity_regularizer"] = Serialize(ActivityRegularizer);
        c["kernel_constraint"] = null;
        c["recurrent_constraint"] = null;
        c["bias_constraint"] = null;
        c["dropout"] = Dropout;
        c["recurrent_dropout"] = RecurrentDropout;
        c["seed"] = null;
        return c;
    }

    /// <inheritdoc/>
    protected internal override (string Attribute, string Name)? VariablesOwner => ("cell", $"{Engine.NameScope.ToSnakeCase(ClassName)}_cell");

    /// <summary>Creates a layer with the same configuration, another name and the opposite direction (for <see cref="Bidirectional"/>).</summary>
    /// <param name="name">The new name.</param>
    /// <param name="goBackwards">The direction of the copy.</param>
    internal abstract RnnBase CloneAs(string name, bool goBackwards);

    private static void CheckRate(double rate, string paramName, string kerasName)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(paramName, rate,
                $"Received an invalid value for argument `{kerasName}`, expected a float in [0, 1). Received: {kerasName}={rate}");
        }
    }
}
