using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    /// <summary>Calls the layer eagerly on a tensor (Keras <c>layer(x)</c>): builds on first use and checks the input.</summary>
    /// <param name="inputs">The input batch (batch axis first).</param>
    /// <param name="training">True for training behaviour (dropout, noise, batch statistics).</param>
    /// <returns>The output tensor.</returns>
    /// <exception cref="InvalidOperationException">A model returned several outputs: use <see cref="ApplyAll"/>.</exception>
    public Tensor Apply(Tensor inputs, bool training = false) => OnlyOutput(Invoke([inputs], null, training).Outputs, "ApplyAll");

    /// <summary>Calls a layer that takes several inputs (e.g. <c>Concatenate</c>, <c>Add</c>) eagerly.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="training">True for training behaviour.</param>
    /// <exception cref="InvalidOperationException">A model returned several outputs: use <see cref="ApplyAll"/>.</exception>
    public Tensor Apply(IReadOnlyList<Tensor> inputs, bool training = false) => OnlyOutput(Invoke(inputs, null, training).Outputs, "ApplyAll");

    /// <summary>
    /// Calls the layer eagerly and returns every output, e.g. <c>[output, h, c]</c> of an <c>LSTM</c> with
    /// <c>returnState</c> (Keras <c>output, h, c = lstm(x)</c>). Extra inputs follow the first (initial states of an RNN).
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="mask">Optional mask of the first input, <c>(batch, time)</c> booleans: false marks padded steps.</param>
    /// <param name="training">True for training behaviour.</param>
    /// <returns>The outputs.</returns>
    public Tensor[] ApplyAll(IReadOnlyList<Tensor> inputs, Tensor? mask = null, bool training = false) =>
        Invoke(inputs, mask, training).Outputs;

    /// <summary>Calls the layer on a symbolic tensor (functional API): records the connection and returns the symbolic output.</summary>
    /// <param name="inputs">The symbolic input, e.g. from <c>Keras.Input</c> or another layer.</param>
    /// <exception cref="InvalidOperationException">A model has several outputs: use <see cref="ApplySymbolic(IReadOnlyList{KerasTensor})"/>.</exception>
    public KerasTensor Apply(KerasTensor inputs) => OnlyOutput(ApplySymbolic([inputs]), "ApplySymbolic");

    /// <summary>Calls the layer on several symbolic tensors (merge layers: <c>new Concatenate().Apply(a, b)</c>).</summary>
    /// <param name="inputs">The symbolic inputs.</param>
    /// <exception cref="InvalidOperationException">A model has several outputs: use <see cref="ApplySymbolic(IReadOnlyList{KerasTensor})"/>.</exception>
    public KerasTensor Apply(params KerasTensor[] inputs) => OnlyOutput(ApplySymbolic(inputs), "ApplySymbolic");

    // Apply returns one value, while Keras returns every output of a multi-output model: its first output alone would
    // be a silent wrong result. (A layer's extra outputs, such as an RNN's returned states, follow its first output
    // and are read with ApplyAll/ApplySymbolic.)
    private T OnlyOutput<T>(T[] outputs, string instead) => outputs.Length == 1 || this is not Models.Model
        ? outputs[0]
        : throw new InvalidOperationException(
            $"Model \"{Name}\" returned {outputs.Length} outputs; `Apply` returns one. Use `{instead}(...)` to get all of them, in order.");

    /// <summary>Calls the layer on symbolic tensors and returns every output (layers with several outputs).</summary>
    /// <param name="inputs">The symbolic inputs.</param>
    public KerasTensor[] ApplySymbolic(IReadOnlyList<KerasTensor> inputs) => ApplySymbolic(inputs, null);

    /// <summary>
    /// Calls the layer on symbolic tensors with keyword arguments (Keras call kwargs such as <c>use_causal_mask=True</c>,
    /// or a tensor passed by keyword such as <c>attention_mask</c>); the call's node keeps them so a saved model replays them.
    /// </summary>
    /// <param name="inputs">The positional symbolic inputs.</param>
    /// <param name="kwargs">Keyword arguments under Keras's names: plain values or <see cref="KerasTensor"/>s; null for none.</param>
    protected internal KerasTensor[] ApplySymbolic(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, object?>? kwargs)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException($"Layer \"{Name}\" was called with no inputs.", nameof(inputs));
        }

        ThrowIfDisposed();
        // A string tensor may feed a string layer, or a model whose matching input is a string Input.
        bool TakesStrings(int i) => this is IStringLayer || (this is Models.Model m && i < m.InputDTypes.Count && m.InputDTypes[i] == "string");
        if (inputs.Where((t, i) => t.DType == "string" && !TakesStrings(i)).FirstOrDefault() is { } text)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}) received the string tensor of \"{text.Layer.Name}\", but only StringLookup, TextVectorization and Hashing " +
                "take strings: put one of them between the string Input and this layer.", nameof(inputs));
        }

        var shapes = inputs.Select(t => t.Shape).ToArray();
        MaybeBuild(shapes);
        var outShapes = kwargs is { Count: > 0 } ? ComputeOutputShapes(shapes, kwargs) : ComputeOutputShapes(shapes);
        var node = new Node(this, inputs, outShapes, kwargs: kwargs);
        InboundNodes.Add(node);
        return node.Outputs;
    }

    /// <summary>Gets whether the first eager call builds the layer for the concrete batch size rather than <c>None</c>.</summary>
    private protected virtual bool BuildsWithBatchSize => false;

    /// <summary>Gets the nodes where this layer was called symbolically (Keras <c>_inbound_nodes</c>).</summary>
    internal List<Node> InboundNodes { get; } = [];

    /// <summary>
    /// Calls a string layer (<see cref="IStringLayer"/>) on the string handles that reached it from a string <c>Input</c>
    /// of a model (see <see cref="Training.StringHandles"/>): the strings behind them go through the layer on the host,
    /// and its output moves to the handles' device.
    /// </summary>
    /// <param name="handles">The handle tensor of the string input.</param>
    internal Tensor InvokeStrings(Tensor handles)
    {
        ThrowIfDisposed();
        using var call = EnterCall();
        using var path = LayerPath.Enter(this);
        var output = ((IStringLayer)this).CallStrings(Training.StringHandles.Decode(handles, this));
        return output.device == handles.device ? output : output.to(handles.device);
    }

    /// <summary>The full call: build, input checks, math and output mask.</summary>
    internal (Tensor[] Outputs, Tensor? Mask) Invoke(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training,
        IReadOnlyDictionary<string, object?>? kwargs = null)
    {
        ThrowIfDisposed();
        using var call = EnterCall();
        using var path = LayerPath.Enter(this);
        var actual = inputs.Select(t => (Shape)t.shape).ToArray();
        MaybeBuild(BuildsWithBatchSize ? actual : inputs.Select(ShapeOf).ToArray(), actual);
        var outputs = kwargs is { Count: > 0 } ? CallOutputs(inputs, mask, training, kwargs) : CallOutputs(inputs, mask, training);
        AddActivityRegularization(outputs);
        var outMask = OutputMask(inputs, mask, outputs);
        if (outMask is not null)
        {
            KerasMask.Attach(outputs, outMask);
        }

        return (outputs, outMask);
    }

    /// <summary>
    /// The mask of this call's outputs. Layers compute it from the input and its mask (<see cref="ComputeMask"/>);
    /// a model's outputs already carry the mask of the inner layer that produced them.
    /// </summary>
    private protected virtual Tensor? OutputMask(IReadOnlyList<Tensor> inputs, Tensor? mask, Tensor[] outputs) =>
        mask is null && !ProducesMask ? null : ComputeMask(inputs, mask);

    /// <summary>Gets whether the layer creates a mask from its input (Embedding with maskZero, Masking).</summary>
    protected virtual bool ProducesMask => false;

    /// <summary>The batch shape of a tensor with the batch axis unknown.</summary>
    internal static Shape ShapeOf(Tensor t)
    {
        var dims = t.shape.Select(d => (int?)checked((int)d)).ToArray();
        if (dims.Length > 0)
        {
            dims[0] = null;
        }

        return new Shape(dims);
    }
}
