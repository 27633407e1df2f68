using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The base of every layer, with Keras's lifecycle: the constructor validates and stores config (no tensors);
/// <see cref="Build(Shape)"/> creates weights when the input shape is first known; <see cref="Call(Tensor, bool)"/> is the
/// math; <see cref="ComputeOutputShape(Shape)"/> and <see cref="GetConfig"/> describe it.
/// </summary>
/// <remarks>
/// Users call a layer through <see cref="Apply(Tensor, bool)"/> (eager) or <see cref="Apply(KerasTensor)"/> (symbolic,
/// functional API). Both build on first use and check the input against <see cref="InputSpec"/> with a Keras-style
/// message naming the layer.
/// </remarks>
public abstract partial class Layer
{
    private readonly List<Variable> _variables = [];
    private readonly List<Layer> _sublayers = [];
    private bool _trainable;

    /// <summary>Initializes the layer.</summary>
    /// <param name="name">Unique name; default is the snake_case class name plus a counter (<c>dense_1</c>).</param>
    /// <param name="trainable">Whether the weights are updated in training.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected Layer(string? name = null, bool trainable = true, Shape? inputShape = null)
    {
        Name = string.IsNullOrEmpty(name) ? NameScope.Unique(NameScope.ToSnakeCase(GetType().Name)) : name;
        _trainable = trainable;
        if (inputShape is { } s)
        {
            BatchInputShape = s.WithBatch();
        }
    }

    /// <summary>Gets the layer's name.</summary>
    public string Name { get; }

    /// <summary>Gets the Keras class name shown in summaries and configs (default: the C# class name).</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Gets or sets whether the layer's weights are trained. Setting false freezes them (and its sublayers') in <c>Fit</c>.</summary>
    public virtual bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var l in Sublayers)
            {
                l.Trainable = value;
            }

            foreach (var v in _variables)
            {
                v.Value.requires_grad_(value && v.Trainable);
            }
        }
    }

    /// <summary>Gets whether <see cref="Build(Shape)"/> has run.</summary>
    public bool Built { get; protected set; }

    /// <summary>Gets the declared input shape including the batch axis, when given (<c>inputShape</c>/<c>Input</c>).</summary>
    public Shape? BatchInputShape { get; protected internal set; }

    /// <summary>Gets the input constraints checked on every call; set by layers in their constructor or <see cref="Build(Shape)"/>.</summary>
    public InputSpec? InputSpec { get; protected set; }

    /// <summary>Gets whether the layer passes a mask through unchanged (Keras <c>supports_masking</c>).</summary>
    public virtual bool SupportsMasking => false;

    /// <summary>
    /// Gets the layers this layer tracks, in Keras's order: those tracked with <see cref="TrackLayer{T}"/>, and every
    /// layer held by a field or property of a subclass (alone, or in a list, array or dictionary), in declaration order,
    /// base class first. Their weights are this layer's, they are saved with it and disposed with it.
    /// </summary>
    public virtual IReadOnlyList<Layer> Sublayers
    {
        get
        {
            TrackAttributes();
            return _sublayers;
        }
    }

    /// <summary>
    /// Gets all weights in Keras's <c>layer.weights</c> order: this layer's own (trainable, then non-trainable), then
    /// each sublayer's, recursively. <c>GetWeights</c>/<c>SetWeights</c> and weight files use this order.
    /// </summary>
    public IReadOnlyList<Variable> Weights =>
        [.. _variables.Where(v => v.Trainable), .. _variables.Where(v => !v.Trainable), .. Sublayers.SelectMany(l => l.Weights)];

    /// <summary>Gets the weights the optimizer updates (empty when the layer is frozen).</summary>
    public IReadOnlyList<Variable> TrainableWeights => Trainable
        ? [.. _variables.Where(v => v.Trainable), .. Sublayers.SelectMany(l => l.TrainableWeights)]
        : [];

    /// <summary>Gets the weights the optimizer leaves alone (moving statistics, and all weights of a frozen layer).</summary>
    public IReadOnlyList<Variable> NonTrainableWeights => Trainable
        ? [.. _variables.Where(v => !v.Trainable), .. Sublayers.SelectMany(l => l.NonTrainableWeights)]
        : Weights;

    /// <summary>Gets the weights this layer created itself (not its sublayers'), in creation order.</summary>
    protected internal IReadOnlyList<Variable> OwnVariables => _variables;

    /// <summary>Returns the number of scalars in all weights.</summary>
    public long CountParams() => Weights.Sum(w => w.Count);

    /// <summary>Creates a weight (Keras <c>add_weight</c>). Call it from <see cref="Build(Shape)"/>.</summary>
    /// <param name="name">Short name, e.g. <c>kernel</c>.</param>
    /// <param name="shape">Shape in Keras layout.</param>
    /// <param name="initializer">Initializer; default glorot_uniform.</param>
    /// <param name="trainable">Whether the optimizer updates it.</param>
    /// <param name="regularizer">Penalty on the weight added to <see cref="Losses"/> (and so to the training loss) while it is trainable.</param>
    /// <param name="constraint">Projection the optimizer applies to the weight after each of its updates.</param>
    /// <param name="dtype">A Keras dtype name (e.g. <c>int64</c> for a counter); default <c>float32</c>.</param>
    protected Variable AddWeight(string name, Shape shape, Initializers.Initializer? initializer = null, bool trainable = true,
        Regularizers.Regularizer? regularizer = null, Constraints.Constraint? constraint = null, string? dtype = null)
    {
        Keras.Backend.EnsureInitialized();
        initializer ??= new Initializers.GlorotUniform();
        var type = dtype is null ? float32 : Backend.DTypes.Parse(dtype, nameof(dtype));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // While a saved model is loaded, every weight is overwritten from the file: skip the (random) initializers.
        var value = SkipWeightInitialization ? empty(shape.ToLongArray(), dtype: type, device: Keras.Backend.TorchDevice) : initializer.Call(shape.ToLongArray());
        value = value.to(type);
        var v = new Variable(name, LayerPath.Of(this, name), value, trainable);
        v.Value.requires_grad_(trainable && Trainable);
        v.Regularizer = regularizer;
        v.Constraint = constraint;
        _variables.Add(v);
        return v;
    }

    /// <summary>Creates a weight with the initializer, regularizer and constraint of <paramref name="settings"/>.</summary>
    /// <param name="name">Short name, e.g. <c>kernel</c>.</param>
    /// <param name="shape">Shape in Keras layout.</param>
    /// <param name="settings">The weight's initializer, regularizer and constraint.</param>
    private protected Variable AddWeight(string name, Shape shape, Engine.WeightSettings settings) =>
        AddWeight(name, shape, settings.Initializer, regularizer: settings.Regularizer, constraint: settings.Constraint);

    /// <summary>
    /// Creates a weight with Keras's argument order (<c>add_weight(shape, initializer, trainable=...)</c>) and no name:
    /// like Keras, it is named <c>variable</c>, <c>variable_1</c>, … (unique in the session). Call it from the
    /// constructor (the weight then exists before the first call) or from <see cref="Build(Shape)"/>.
    /// </summary>
    /// <param name="shape">Shape in Keras layout; default a scalar.</param>
    /// <param name="initializer">Initializer (instance or name such as <c>"random_normal"</c>); default glorot_uniform.</param>
    /// <param name="trainable">Whether the optimizer updates it.</param>
    /// <param name="regularizer">Penalty on the weight added to <see cref="Losses"/> while it is trainable.</param>
    /// <param name="constraint">Projection the optimizer applies to the weight after each of its updates.</param>
    protected Variable AddWeight(Shape? shape = null, Initializers.Initializer? initializer = null, bool trainable = true,
        Regularizers.Regularizer? regularizer = null, Constraints.Constraint? constraint = null) =>
        AddWeight(NameScope.Unique("variable"), shape ?? new Shape(), initializer, trainable, regularizer, constraint);

    /// <summary>
    /// Tracks a sublayer so its weights belong to this layer. Layers held by fields and properties are tracked
    /// automatically (see <see cref="Sublayers"/>); use this for a layer kept elsewhere.
    /// </summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The sublayer.</param>
    protected internal T TrackLayer<T>(T layer)
        where T : Layer
    {
        if (_sublayerSet.Add(layer))
        {
            _sublayers.Add(layer);
        }

        return layer;
    }

    /// <summary>Removes a tracked sublayer.</summary>
    protected internal void UntrackLayer(Layer layer)
    {
        _sublayers.Remove(layer);
        _sublayerSet.Remove(layer);
    }

    /// <summary>
    /// Creates the weights for an input of <paramref name="inputShape"/> (batch axis included, as <c>None</c>); Keras
    /// <c>build(input_shape)</c>. The first call of the layer runs it; calling it yourself builds the layer ahead of
    /// that call (the layer then counts as built, so its weights are not created twice).
    /// </summary>
    /// <param name="inputShape">The input shape.</param>
    public virtual void Build(Shape inputShape)
    {
    }

    /// <summary>Creates the weights for several inputs (merge layers). Default: builds from the first shape.</summary>
    /// <param name="inputShapes">The input shapes.</param>
    public virtual void Build(IReadOnlyList<Shape> inputShapes) => Build(inputShapes[0]);

    /// <summary>The layer's math for one input.</summary>
    /// <param name="inputs">The input batch.</param>
    /// <param name="training">True inside <c>Fit</c> (dropout and noise active).</param>
    protected virtual Tensor Call(Tensor inputs, bool training) =>
        throw new NotSupportedException($"Layer \"{Name}\" ({ClassName}) does not take a single input.");

    /// <summary>The layer's math for several inputs (merge layers override this).</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="training">True inside <c>Fit</c>.</param>
    protected virtual Tensor Call(IReadOnlyList<Tensor> inputs, bool training) => inputs.Count == 1
        ? Call(inputs[0], training)
        : throw new ArgumentException($"Layer \"{Name}\" ({ClassName}) expects 1 input, but it received {inputs.Count} input tensors.");

    /// <summary>
    /// The most general form of the math: several inputs, an optional mask, several outputs. Override it for
    /// layers that return several tensors (e.g. an RNN with <c>returnState</c>) or use masks.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="mask">The mask of the (first) input, or null.</param>
    /// <param name="training">True inside <c>Fit</c>.</param>
    protected virtual Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) =>
        [inputs.Count == 1 ? Call(inputs[0], training) : Call(inputs, training)];

    /// <summary>
    /// The math for a call with keyword arguments (Keras call kwargs such as <c>use_causal_mask=True</c>, or tensors
    /// passed by keyword such as <c>attention_mask</c>). Layers that take none ignore them (Keras files may record
    /// e.g. <c>training</c>) and run <see cref="CallOutputs(IReadOnlyList{Tensor}, Tensor?, bool)"/>.
    /// </summary>
    /// <param name="inputs">The positional inputs.</param>
    /// <param name="mask">The mask of the (first) input, or null.</param>
    /// <param name="training">True inside <c>Fit</c>.</param>
    /// <param name="kwargs">The keyword arguments under Keras's names: plain values or tensors.</param>
    protected virtual Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training, IReadOnlyDictionary<string, object?> kwargs) =>
        CallOutputs(inputs, mask, training);

    /// <summary>The output shapes of a call with keyword arguments (see <see cref="CallOutputs(IReadOnlyList{Tensor}, Tensor?, bool, IReadOnlyDictionary{string, object?})"/>).</summary>
    /// <param name="inputShapes">The shapes of the positional inputs.</param>
    /// <param name="kwargs">The keyword arguments: plain values or symbolic tensors.</param>
    protected virtual Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes, IReadOnlyDictionary<string, object?> kwargs) =>
        ComputeOutputShapes(inputShapes);

    /// <summary>
    /// Gets the names of the layer's positional call arguments when Keras's call also accepts them by keyword (e.g.
    /// <c>query</c>, <c>value</c>, <c>key</c>): a saved node passing one by keyword gets it in its positional place.
    /// </summary>
    internal virtual IReadOnlyList<string> PositionalCallArguments => [];

    /// <summary>The mask of the output, given the input mask (Keras <c>compute_mask</c>).</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="mask">The input mask, or null.</param>
    public virtual Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => SupportsMasking ? mask : null;

    /// <summary>
    /// The output shape for an input shape (batch axis included). The default runs the layer once on a zero batch
    /// of size 1; layers override it with the formula.
    /// </summary>
    /// <param name="inputShape">The input shape.</param>
    public virtual Shape ComputeOutputShape(Shape inputShape) => DryRunShapes([inputShape])[0];

    /// <summary>The output shape for several inputs (merge layers). Default: a dry run.</summary>
    /// <param name="inputShapes">The input shapes.</param>
    public virtual Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes) => DryRunShapes(inputShapes)[0];

    /// <summary>The output shapes, one per output tensor; override for layers with several outputs.</summary>
    /// <param name="inputShapes">The input shapes.</param>
    public virtual Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) => inputShapes.Count == 1
        ? [ComputeOutputShape(inputShapes[0])]
        : [ComputeOutputShape(inputShapes)];

    /// <summary>Runs the layer on zeros (batch 1, unknown sizes as 1) to learn its output shapes.</summary>
    protected Shape[] DryRunShapes(IReadOnlyList<Shape> inputShapes)
    {
        MaybeBuild(inputShapes);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var noLosses = SuppressLosses();
        using var path = LayerPath.Enter(this);
        var inputs = inputShapes.Select(s => zeros(s.ToLongArray(1), dtype: float32, device: Keras.Backend.TorchDevice)).ToArray();
        var outputs = CallOutputs(inputs, null, false);
        return outputs.Select(o =>
        {
            var dims = o.shape.Select(d => (int?)checked((int)d)).ToArray();
            dims[0] = inputShapes[0][0];
            for (var i = 1; i < dims.Length && i < inputShapes[0].Rank; i++)
            {
                if (inputShapes[0][i] is null && dims.Length == inputShapes[0].Rank)
                {
                    dims[i] = null;
                }
            }

            return new Shape(dims);
        }).ToArray();
    }

    /// <summary>
    /// Returns the constructor arguments under Keras's snake_case keys (<c>units</c>, <c>use_bias</c>, …), starting
    /// with Keras's base keys <c>name</c>, <c>trainable</c> and <c>dtype</c> (a <c>DTypePolicy</c>). Saved models
    /// recreate the layer from it, so override it (merging <c>base.GetConfig()</c>) in layers with arguments.
    /// </summary>
    public virtual Dictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?>
        {
            ["name"] = Name,
            ["trainable"] = Trainable,
            ["dtype"] = new Dictionary<string, object?>
            {
                ["module"] = "keras",
                ["class_name"] = "DTypePolicy",
                ["config"] = new Dictionary<string, object?> { ["name"] = "float32" },
                ["registered_name"] = null,
            },
        };
        if (ActivityRegularizer is { } r)
        {
            config["activity_regularizer"] = Serialize(r);
        }

        return config;
    }

    /// <summary>Builds the layer if needed, checking the input first.</summary>
    /// <param name="inputShapes">Shapes with the batch axis unknown, used to build.</param>
    /// <param name="actualShapes">The real shapes (batch included) for the input check; default <paramref name="inputShapes"/>.</param>
    internal void MaybeBuild(IReadOnlyList<Shape> inputShapes, IReadOnlyList<Shape>? actualShapes = null)
    {
        CheckInputs(actualShapes ?? inputShapes);
        if (Built)
        {
            return;
        }

        if (_variables.Count > 0 && OverridesBuild())
        {
            // Build was called directly (Keras marks a layer built after any build call): do not create the weights twice.
            BuildShapes ??= inputShapes.ToArray();
            Built = true;
            return;
        }

        BuildShapes = inputShapes.ToArray();
        using (LayerPath.Enter(this))
        {
            BuildForCall(inputShapes);
        }

        Built = true;
    }

    /// <summary>Builds the layer for its first call (Keras <c>_maybe_build</c>): <see cref="Build(Shape)"/> with the call's shapes.</summary>
    /// <param name="inputShapes">The shapes of the call's inputs.</param>
    private protected virtual void BuildForCall(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count == 1)
        {
            Build(inputShapes[0]);
        }
        else
        {
            Build(inputShapes);
        }
    }

    private bool OverridesBuild()
    {
        var single = GetType().GetMethod(nameof(Build), [typeof(Shape)])!;
        var many = GetType().GetMethod(nameof(Build), [typeof(IReadOnlyList<Shape>)])!;
        return single.DeclaringType != typeof(Layer) || many.DeclaringType != typeof(Layer);
    }

    /// <summary>Gets the input shapes the layer was built for (Keras <c>_build_shapes_dict</c>; the summary uses it).</summary>
    internal IReadOnlyList<Shape>? BuildShapes { get; private protected set; }

    /// <summary>Marks the layer built without calling <see cref="Build(Shape)"/> (layers built by their parent).</summary>
    protected void SetBuilt() => Built = true;

    private void CheckInputs(IReadOnlyList<Shape> inputShapes)
    {
        if (InputSpec is null)
        {
            return;
        }

        for (var i = 0; i < inputShapes.Count; i++)
        {
            InputSpec.Check(Name, i, inputShapes[i]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{ClassName} name={Name}, built={Built}>";
}
