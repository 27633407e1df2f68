using DeepKeras.Layers;

namespace DeepKeras.Engine;

/// <summary>
/// A symbolic tensor of the functional API: it has a shape (batch axis <c>None</c>) and remembers which layer call
/// produced it. Create inputs with <c>Keras.Input(shape: ...)</c> and pass them through <c>layer.Apply(...)</c>.
/// </summary>
public sealed class KerasTensor
{
    internal KerasTensor(Shape shape, Node node, int tensorIndex, string name)
    {
        Shape = shape;
        Node = node;
        TensorIndex = tensorIndex;
        Name = name;
    }

    /// <summary>Gets the shape including the batch axis, e.g. <c>(None, 784)</c>.</summary>
    public Shape Shape { get; }

    /// <summary>Gets the dtype name (<c>float32</c> or an integer type for token inputs).</summary>
    public string DType { get; init; } = "float32";

    /// <summary>Gets a readable name, e.g. <c>keras_tensor_3</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the layer that produced this tensor.</summary>
    public Layer Layer => Node.Layer;

    internal Node Node { get; }

    internal int TensorIndex { get; }

    /// <summary>The input layer behind a symbolic input, so <c>new Sequential(Keras.Input(...), ...)</c> works.</summary>
    public static implicit operator Layer(KerasTensor tensor) => tensor.Layer;

    /// <inheritdoc/>
    public override string ToString() => $"<KerasTensor shape={Shape}, dtype={DType}, name={Name}>";
}

/// <summary>One symbolic call of a layer: the tensors that went in and the tensors that came out.</summary>
internal sealed class Node
{
    private static int _tensorCounter;

    public Node(Layer layer, IReadOnlyList<KerasTensor> inputs, IReadOnlyList<Shape> outputShapes, string? dtype = null,
        IReadOnlyDictionary<string, object?>? kwargs = null)
    {
        Layer = layer;
        Kwargs = kwargs ?? new Dictionary<string, object?>();
        PositionalCount = inputs.Count;
        Inputs = [.. inputs, .. Kwargs.Values.OfType<KerasTensor>()];
        Outputs = outputShapes.Select((s, i) =>
            new KerasTensor(s, this, i, $"keras_tensor_{Interlocked.Increment(ref _tensorCounter) - 1}")
            {
                DType = dtype ?? "float32",
            }).ToArray();
    }

    public Layer Layer { get; }

    /// <summary>Gets every input tensor: the positional ones, then the tensors passed by keyword (in <see cref="Kwargs"/> order).</summary>
    public KerasTensor[] Inputs { get; }

    /// <summary>Gets how many of <see cref="Inputs"/> were passed positionally.</summary>
    public int PositionalCount { get; }

    /// <summary>Gets the call's keyword arguments (Keras call kwargs, e.g. <c>use_causal_mask</c>): plain values or <see cref="KerasTensor"/>s.</summary>
    public IReadOnlyDictionary<string, object?> Kwargs { get; }

    public KerasTensor[] Outputs { get; }

    /// <summary>Gets the index of this node in its layer's inbound nodes.</summary>
    public int Index => Layer.InboundNodes.IndexOf(this);
}
