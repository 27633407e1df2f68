using DeepKeras.Engine;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Models;

public partial class Model
{
    private readonly GraphNetwork? _graph;
    private readonly IReadOnlyList<Layer>? _layersByDepth;

    /// <summary>
    /// Initializes a model built functionally from one symbolic input to one symbolic output (Keras
    /// <c>CustomModel(inputs, outputs)</c> for a <c>keras.Model</c> subclass): the subclass runs, summarizes and saves
    /// as that graph and overrides what it needs, typically <see cref="TrainStep"/>.
    /// </summary>
    /// <param name="inputs">The symbolic input from <c>Keras.Input</c>.</param>
    /// <param name="outputs">The symbolic output.</param>
    /// <param name="name">The name; default the snake_case class name (<c>custom_model</c>).</param>
    /// <exception cref="ArgumentException">The input is not from <c>Keras.Input</c>, or the output does not depend on it.</exception>
    /// <example><code>
    /// public sealed class CustomModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    /// {
    ///     protected override Logs TrainStep(Batch data) { ... }
    /// }
    /// </code></example>
    protected Model(KerasTensor inputs, KerasTensor outputs, string? name = null)
        : this([inputs], [outputs], name)
    {
    }

    /// <summary>Initializes a model built functionally with several inputs and/or outputs.</summary>
    /// <param name="inputs">The symbolic inputs, in the order data is passed to <c>Fit</c>/<c>Predict</c>.</param>
    /// <param name="outputs">The symbolic outputs, in the order of targets and losses.</param>
    /// <param name="name">The name; default the snake_case class name.</param>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    protected Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : this(ModelTensors.Of(inputs ?? throw new ArgumentNullException(nameof(inputs))),
            ModelTensors.Of(outputs ?? throw new ArgumentNullException(nameof(outputs))), name)
    {
    }

    /// <summary>
    /// Initializes a model built functionally from inputs and outputs given as one tensor, a list or a dictionary keyed
    /// by name (Keras <c>keras.Model(inputs={...}, outputs={...})</c>). Dictionary outputs name the model's losses,
    /// metrics and predictions.
    /// </summary>
    /// <param name="inputs">The symbolic inputs.</param>
    /// <param name="outputs">The symbolic outputs.</param>
    /// <param name="name">The name; default the snake_case class name.</param>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    protected Model(ModelTensors inputs, ModelTensors outputs, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _graph = new GraphNetwork(inputs, outputs);

        // Keras's model.layers order (by depth), which is also the order of model.weights and get_weights().
        _layersByDepth = new FunctionalGraph(inputs, outputs).Layers;
        foreach (var layer in _layersByDepth)
        {
            TrackLayer(layer);
        }

        BatchInputShape = _graph.Inputs[0].Shape;
        Built = true;
    }

    /// <summary>
    /// Gets the symbolic inputs of a functionally built model, or of a <see cref="Sequential"/> whose input shape is
    /// known (Keras <c>model.inputs</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no symbolic inputs (a subclassed model, or a Sequential not built yet).</exception>
    public virtual IReadOnlyList<KerasTensor> Inputs => _graph?.Inputs ?? throw NoGraph("inputs");

    /// <summary>Gets the symbolic outputs of a functionally built model or of a built <see cref="Sequential"/> (Keras <c>model.outputs</c>).</summary>
    /// <exception cref="InvalidOperationException">The model has no symbolic outputs.</exception>
    public virtual IReadOnlyList<KerasTensor> Outputs => _graph?.Outputs ?? throw NoGraph("outputs");

    /// <summary>Gets the model's symbolic input when it has one (Keras functional <c>model.input</c>), else the input of its first symbolic call.</summary>
    /// <exception cref="InvalidOperationException">The model has several inputs, or no symbolic input.</exception>
    public override KerasTensor Input => HasSymbolicGraph ? Single(Inputs, "input") : base.Input;

    /// <summary>Gets the model's symbolic output when it has one (Keras functional <c>model.output</c>), else the output of its first symbolic call.</summary>
    /// <exception cref="InvalidOperationException">The model has several outputs, or no symbolic output.</exception>
    public override KerasTensor Output => HasSymbolicGraph ? Single(Outputs, "output") : base.Output;

    /// <summary>Gets the shape of <see cref="Input"/> (Keras <c>model.input_shape</c>).</summary>
    public override Shape InputShape => HasSymbolicGraph ? Input.Shape : base.InputShape;

    /// <summary>Gets the shape of <see cref="Output"/> (Keras <c>model.output_shape</c>).</summary>
    public override Shape OutputShape => HasSymbolicGraph ? Output.Shape : base.OutputShape;

    /// <summary>Gets whether <see cref="Inputs"/>/<see cref="Outputs"/> are defined.</summary>
    internal virtual bool HasSymbolicGraph => IsFunctional;

    /// <summary>Gets whether the model is a graph of layer calls (a <see cref="Functional"/> or a functionally built subclass).</summary>
    internal bool IsFunctional => _graph is not null;

    /// <summary>Gets the layer calls of a functional model in execution order (for the summary, saving and export).</summary>
    internal IReadOnlyList<Node> Nodes => Graph.Nodes;

    /// <summary>Gets whether the graph is a chain as Keras's summary defines it (one node per depth, each with one input, no shared layer).</summary>
    internal bool IsSequentialLike => new FunctionalGraph(this).IsSequentialLike;

    private GraphNetwork Graph => _graph ?? throw NoGraph("graph");

    private InvalidOperationException NoGraph(string what) => new(
        $"Model \"{Name}\" ({ClassName}) has no defined {what}: only functional models and Sequential models with a known input shape have symbolic inputs and outputs.");

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) =>
        _graph is { } g ? g.Run(Name, inputs, mask, training) : base.CallOutputs(inputs, mask, training);

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) =>
        _graph is { } g ? g.Outputs.Select(o => o.Shape).ToArray() : base.ComputeOutputShapes(inputShapes);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        _graph is { } g ? g.Outputs[0].Shape : base.ComputeOutputShape(inputShape);
}
