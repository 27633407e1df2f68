using DeepKeras.Engine;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Gets the symbolic tensor the layer was first called on (Keras <c>layer.input</c>); with
    /// <see cref="Output"/> it lets a model be cut at any layer: <c>Keras.Model(model.Inputs, layer.Output)</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer was never called on a symbolic tensor, or its first call took several tensors.</exception>
    public virtual KerasTensor Input => Single(FirstNode("input").Inputs, "input");

    /// <summary>Gets the symbolic tensor the layer's first call produced (Keras <c>layer.output</c>).</summary>
    /// <exception cref="InvalidOperationException">The layer was never called on a symbolic tensor, or its first call produced several tensors.</exception>
    public virtual KerasTensor Output => Single(FirstNode("output").Outputs, "output");

    /// <summary>
    /// Gets the shape of <see cref="Input"/>, batch axis included (Keras 2 <c>layer.input_shape</c>; Keras 3 keeps it on models).
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer was never called symbolically, or its calls had different input shapes.</exception>
    public virtual Shape InputShape => CommonShape(n => n.Inputs, "input");

    /// <summary>Gets the shape of <see cref="Output"/>, batch axis included.</summary>
    /// <exception cref="InvalidOperationException">The layer was never called symbolically, or its calls had different output shapes.</exception>
    public virtual Shape OutputShape => CommonShape(n => n.Outputs, "output");

    private Node FirstNode(string what) => InboundNodes.Count > 0
        ? InboundNodes[0]
        : throw new InvalidOperationException(
            $"The layer {Name} has never been called on a symbolic tensor and thus has no defined {what}. Call it with `Apply(KerasTensor)` (functional API) or put it in a model with a known input shape.");

    private protected KerasTensor Single(IReadOnlyList<KerasTensor> tensors, string what) => tensors.Count switch
    {
        1 => tensors[0],
        0 => throw new InvalidOperationException($"Layer \"{Name}\" is an input layer: it has no {what} tensor. Its `Output` is the model's input."),
        _ => throw new InvalidOperationException(
            $"Layer \"{Name}\" has {tensors.Count} {what} tensors, so `{(what == "input" ? "Input" : "Output")}` (one tensor) is ill-defined for it. Keep the tensors `ApplySymbolic` returns instead."),
    };

    private Shape CommonShape(Func<Node, KerasTensor[]> tensors, string what)
    {
        var shape = Single(tensors(FirstNode(what)), what).Shape;
        if (InboundNodes.Skip(1).Any(n => tensors(n) is not { Length: 1 } t || t[0].Shape != shape))
        {
            throw new InvalidOperationException(
                $"The layer \"{Name}\" has multiple inbound nodes, with different {what} shapes. Hence the notion of \"{what} shape\" is ill-defined for the layer. Use `{(what == "input" ? "Input" : "Output")}.Shape` for its first call instead.");
        }

        return shape;
    }
}
