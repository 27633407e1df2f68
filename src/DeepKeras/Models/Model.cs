using DeepKeras.Engine;
using DeepKeras.Layers;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Models;

/// <summary>
/// A model: layers plus training (Keras <c>keras.Model</c>). Use <see cref="Sequential"/> for a stack,
/// <see cref="Functional"/> (<c>Keras.Model(inputs, outputs)</c>) for graphs, or subclass <see cref="Model"/>:
/// create sublayers in the constructor, override <see cref="Layer.Apply(Tensor, bool)">Call</see>, and optionally
/// <see cref="TrainStep"/>/<see cref="TestStep"/>/<see cref="PredictStep"/> for custom training (VAE, GAN). A
/// subclass can also be built functionally, passing symbolic inputs and outputs to the
/// <see cref="Model(KerasTensor, KerasTensor, string?)"/> constructor (Keras <c>CustomModel(inputs, outputs)</c>).
/// </summary>
public partial class Model : Layer
{
    /// <summary>Initializes a model (for subclasses).</summary>
    /// <param name="name">The name; default the snake_case class name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    protected Model(string? name = null, bool trainable = true)
        : base(name, trainable)
    {
    }

    /// <summary>Gets or sets whether training should stop after the current batch (set by callbacks such as EarlyStopping).</summary>
    public bool StopTraining { get; set; }

    /// <summary>Gets the layers of the model (Sequential: without the input layer; functional models: with input layers, in Keras's <c>model.layers</c> order, by depth from the inputs).</summary>
    public virtual IReadOnlyList<Layer> Layers => _layersByDepth ?? Sublayers;

    /// <summary>Returns a layer by name (Keras <c>get_layer(name)</c>).</summary>
    /// <param name="name">The layer's name.</param>
    /// <exception cref="ArgumentException">No layer has that name; the message lists the names.</exception>
    public Layer GetLayer(string name) => Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: [{string.Join(", ", Layers.Select(l => l.Name))}].", nameof(name));

    /// <summary>Returns a layer by index (Keras <c>get_layer(index=i)</c>).</summary>
    /// <param name="index">The index in <see cref="Layers"/>.</param>
    public Layer GetLayer(int index) => index >= 0 && index < Layers.Count
        ? Layers[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Was asked to retrieve layer at index {index} but model only has {Layers.Count} layers.");

    /// <summary>Runs the model's forward pass on input tensors (used by Fit/Predict and by the summary).</summary>
    /// <param name="inputs">One tensor per model input.</param>
    /// <param name="training">Training mode.</param>
    /// <returns>One tensor per model output.</returns>
    public Tensor[] Forward(IReadOnlyList<Tensor> inputs, bool training) => Invoke(inputs, null, training).Outputs;

    /// <summary>A model's output mask is the one its output tensor carries from the inner layer that produced it.</summary>
    private protected override Tensor? OutputMask(IReadOnlyList<Tensor> inputs, Tensor? mask, Tensor[] outputs) =>
        outputs.Length == 0 ? null : KerasMask.Get(outputs[0]);

    /// <summary>Gets the number of model inputs.</summary>
    internal virtual int InputCount => _graph?.Inputs.Count ?? 1;

    /// <summary>Gets the dtype of each model input (<c>"string"</c> for a string <c>Input</c>), in input order.</summary>
    internal virtual IReadOnlyList<string> InputDTypes => _graph?.Inputs.Select(t => t.DType).ToArray() ?? Enumerable.Repeat("float32", InputCount).ToArray();

    /// <summary>
    /// Gets the names of the model's outputs (Keras <c>output_names</c>): the names of the layers that produce them, in
    /// output order. A single-output Sequential or subclassed model has its own name.
    /// </summary>
    public IReadOnlyList<string> OutputNames => _graph?.Outputs.Select(o => o.Layer.Name).ToList() ?? [Name];

    /// <summary>Gets the keys of dictionary inputs in input order, or null when the inputs are a tensor or a list.</summary>
    internal IReadOnlyList<string>? InputKeys => _graph?.InputKeys;

    /// <summary>Gets the keys of dictionary outputs in output order, or null when the outputs are a tensor or a list.</summary>
    internal IReadOnlyList<string>? OutputKeys => _graph?.OutputKeys;

    /// <summary>
    /// Gets the names that key the outputs in <c>Compile</c> arguments, targets, logs (<c>priority_loss</c>) and
    /// predictions: the keys of dictionary outputs, otherwise <see cref="OutputNames"/>.
    /// </summary>
    internal IReadOnlyList<string> OutputLabels => OutputKeys ?? OutputNames;

    /// <summary>
    /// Gets the names that key the inputs in data dictionaries: the keys of dictionary inputs, otherwise the names of
    /// the input layers (Keras matches a dictionary to <c>Input(name: ...)</c>); null when the model has no symbolic inputs.
    /// </summary>
    internal IReadOnlyList<string>? InputLabels => _graph is { } g
        ? g.InputKeys ?? g.Inputs.Select(i => i.Layer.Name).ToList()
        : HasSymbolicGraph ? Inputs.Select(i => i.Layer.Name).ToList() : null;

    /// <summary>Gets the number of model outputs.</summary>
    internal int OutputCount => OutputNames.Count;

    /// <summary>
    /// Builds the model for inputs of <paramref name="inputShape"/> (Keras <c>model.build(input_shape)</c>), so its
    /// weights exist before the first call (for <c>Summary</c>, <c>CountParams</c>, loading weights). A subclassed model
    /// that does not override this runs its <c>Call</c> once on zeros of that shape, which builds every sublayer it
    /// uses (Keras builds it this way from a saved <c>build_config</c>).
    /// </summary>
    /// <param name="inputShape">The input shape including the batch axis, e.g. <c>(None, 784)</c>.</param>
    public override void Build(Shape inputShape)
    {
        BatchInputShape ??= inputShape;
        if (Built)
        {
            return;
        }

        // Built before the run, so that calling the model inside it does not build it again.
        Built = true;
        BuildShapes = [inputShape];
        try
        {
            DryRunShapes([inputShape]);
        }
        catch
        {
            Built = false;
            BuildShapes = null;
            throw;
        }
    }

    /// <summary>
    /// On the first call, a subclassed model without its own <see cref="Build(Shape)"/> needs no dry run: the call
    /// itself builds the sublayers.
    /// </summary>
    private protected override void BuildForCall(IReadOnlyList<Shape> inputShapes)
    {
        if (GetType().GetMethod(nameof(Build), [typeof(Shape)])!.DeclaringType == typeof(Model))
        {
            BatchInputShape ??= inputShapes[0];
        }
        else
        {
            base.BuildForCall(inputShapes);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        if (IsFunctional)
        {
            return Saving.FunctionalConfig.Get(this);
        }

        var c = base.GetConfig();
        c.Remove("batch_input_shape");
        return c;
    }
}
