using DeepKeras.Engine;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Models;

/// <summary>
/// A linear stack of layers (Keras <c>keras.Sequential</c>). The input shape comes from a leading
/// <c>Keras.Input(...)</c>/<see cref="InputLayer"/> or from the first layer's <c>inputShape</c>; later layers size
/// themselves from the layer before (so <c>Dense(10)</c> after <c>Dense(32)</c> needs no input size).
/// </summary>
/// <example><code>
/// var model = new Sequential(
///     new Dense(32, inputShape: 784),
///     new Dense(10),
///     new Dense(20));
/// model.Summary();   // Total params: 25,670 (100.27 KB)
/// </code></example>
public sealed class Sequential : Model
{
    private readonly List<Layer> _layers = [];

    // The functional graph Keras builds inside a Sequential once its input shape is known: the input layer's tensor,
    // then each layer's output, extended as layers are added (each layer is called symbolically once).
    private readonly List<KerasTensor> _chain = [];
    private InputLayer? _inputLayer;

    /// <summary>Creates a model from layers (an <see cref="InputLayer"/> or <see cref="KerasTensor"/> input may come first).</summary>
    /// <param name="layers">The layers in order.</param>
    public Sequential(params Layer[] layers)
        : this(layers, null)
    {
    }

    /// <summary>Creates a named model from layers.</summary>
    /// <param name="layers">The layers in order.</param>
    /// <param name="name">The name; default <c>sequential</c>, <c>sequential_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    public Sequential(IEnumerable<Layer>? layers, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        foreach (var l in layers ?? [])
        {
            Add(l);
        }
    }

    /// <inheritdoc/>
    public override string ClassName => "Sequential";

    /// <summary>Gets the layers, without the input layer (Keras <c>model.layers</c>).</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Gets the input layer, if the input shape is known.</summary>
    public InputLayer? InputLayer => _inputLayer;

    /// <summary>
    /// Gets the symbolic input once the input shape is known (Keras <c>model.inputs</c>): with each layer's
    /// <see cref="Layer.Output"/> it builds feature extractors, <c>Keras.Model(seq.Inputs, seq.Layers.Select(l =&gt; l.Output))</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not built yet (no input shape).</exception>
    public override IReadOnlyList<KerasTensor> Inputs => _chain.Count > 0
        ? [_chain[0]]
        : throw new InvalidOperationException($"Sequential model '{Name}' has no defined inputs yet. Give it an input shape (`Keras.Input(...)` first, `inputShape:` on the first layer, or `Build(shape)`), or call it on data.");

    /// <summary>Gets the symbolic output of the last layer once the input shape is known (Keras <c>model.outputs</c>).</summary>
    /// <exception cref="InvalidOperationException">The model is not built yet (no input shape), or has no layers.</exception>
    public override IReadOnlyList<KerasTensor> Outputs => _chain.Count > 1
        ? [_chain[^1]]
        : throw new InvalidOperationException($"Sequential model '{Name}' has no defined outputs yet. Give it an input shape and at least one layer.");

    /// <inheritdoc/>
    internal override bool HasSymbolicGraph => _chain.Count > 1;

    /// <summary>A Sequential built by its first call keeps that batch size, as Keras's does (<c>(3, 4)</c> in the summary).</summary>
    private protected override bool BuildsWithBatchSize => true;

    /// <summary>Adds a layer on top of the stack (Keras <c>add</c>). Builds it at once when the input shape is known.</summary>
    /// <param name="layer">The layer.</param>
    /// <exception cref="ArgumentException">The layer is already in the model, or an input layer comes after other layers.</exception>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input)
        {
            if (_layers.Count > 0 || _inputLayer is not null)
            {
                throw new ArgumentException(
                    $"Sequential model '{Name}' has already been configured to use an input shape. An InputLayer can only be the first layer.", nameof(layer));
            }

            _inputLayer = input;
            BatchInputShape = input.BatchInputShape;
            _chain.Add(input.Output);
            return;
        }

        if (_layers.Contains(layer))
        {
            throw new ArgumentException($"Layer \"{layer.Name}\" is already in model \"{Name}\".", nameof(layer));
        }

        if (_layers.Count == 0 && _inputLayer is null && layer.BatchInputShape is { } s)
        {
            _inputLayer = new InputLayer(s.WithoutBatch(), s[0], name: null);
            BatchInputShape = s;
            _chain.Add(_inputLayer.Output);
        }

        _layers.Add(layer);
        TrackLayer(layer);
        if (BatchInputShape is { } shape)
        {
            BuildLayers(shape);
        }
    }

    /// <summary>Adds the layer that produced a symbolic input (so <c>new Sequential(Keras.Input(...), ...)</c> works).</summary>
    /// <param name="input">The symbolic input.</param>
    public void Add(KerasTensor input) => Add(input.Layer);

    /// <summary>Removes the last layer (Keras <c>pop</c>).</summary>
    /// <returns>The removed layer.</returns>
    /// <exception cref="InvalidOperationException">The model has no layers.</exception>
    public Layer Pop()
    {
        if (_layers.Count == 0)
        {
            throw new InvalidOperationException($"There are no layers in the model \"{Name}\" to pop.");
        }

        var last = _layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        UntrackLayer(last);
        if (_chain.Count > _layers.Count + 1)
        {
            _chain.RemoveRange(_layers.Count + 1, _chain.Count - _layers.Count - 1);
        }

        return last;
    }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        if (_layers.Count == 0)
        {
            throw new InvalidOperationException($"Sequential model '{Name}' cannot be built because it has no layers. Call `model.Add(layer)`.");
        }

        BatchInputShape ??= inputShape;
        BuildLayers(inputShape);
    }

    // Calls the layers not yet in the graph on the last symbolic output: this builds them (Keras builds a Sequential
    // by running its layers on the input layer's tensor) and gives each its Input/Output.
    private void BuildLayers(Shape inputShape)
    {
        using var path = LayerPath.Enter(this);
        if (_chain.Count == 0)
        {
            // Built from a bare shape (Build, or the first call on data): Keras adds an input layer of that batch shape.
            _inputLayer ??= new InputLayer(inputShape.WithoutBatch(), inputShape[0]);
            _chain.Add(_inputLayer.Output);
        }

        for (var i = _chain.Count - 1; i < _layers.Count; i++)
        {
            _chain.Add(_layers[i].ApplySymbolic([_chain[^1]])[0]);
        }

        Built = true;
    }

    /// <summary>Gets the output shape of each layer for the known input shape (used by the summary).</summary>
    internal IReadOnlyList<Shape?> LayerOutputShapes()
    {
        var result = new List<Shape?>();
        Shape? shape = BatchInputShape;
        foreach (var layer in _layers)
        {
            shape = shape is { } s && layer.Built ? layer.ComputeOutputShape(s) : (Shape?)null;
            result.Add(shape);
        }

        return result;
    }

    /// <inheritdoc/>
    internal override IReadOnlyList<string> InputDTypes => [_inputLayer?.DType ?? "float32"];

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        if (inputs.Count != 1)
        {
            throw new ArgumentException($"Sequential model \"{Name}\" expects 1 input, but it received {inputs.Count} input tensors.");
        }

        var x = _inputLayer is { } input ? GraphNetwork.ToInputDType(inputs[0], input.DType) : inputs[0];
        foreach (var layer in _layers)
        {
            if (layer == _layers[0] && layer is IStringLayer && _inputLayer?.DType == "string")
            {
                x = layer.InvokeStrings(x);
                continue;
            }

            (var outputs, mask) = layer.Invoke([x], mask, training);
            x = outputs[0];
        }

        return [x];
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        _layers.Aggregate(inputShape, (s, l) => l.ComputeOutputShape(s));

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        return Saving.SequentialConfig.Get(this, base.GetConfig());
    }

    /// <summary>
    /// Recreates a Sequential model (untrained, not compiled) from its <see cref="GetConfig"/> or from the config Keras
    /// writes for one (Keras <c>Sequential.from_config</c>).
    /// </summary>
    /// <param name="config">The model's config, with its <c>layers</c>.</param>
    /// <param name="customObjects">Name → custom <see cref="Type"/>, function or factory, for custom layers in the config.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="Saving.KerasFileException">The config has no layer list, names unknown classes or holds invalid layer configs.</exception>
    public static new Sequential FromConfig(IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null) =>
        FromConfigAs<Sequential>(typeof(Sequential), config, customObjects);
}
