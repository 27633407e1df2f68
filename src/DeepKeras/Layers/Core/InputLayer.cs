using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The entry point of a model (Keras <c>InputLayer</c>); usually created through <c>Keras.Input(shape: ...)</c>.
/// It has no weights and passes its input through.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary>Creates an input layer.</summary>
    /// <param name="shape">The input shape without the batch axis, e.g. <c>(28, 28, 1)</c>.</param>
    /// <param name="batchSize">Optional fixed batch size.</param>
    /// <param name="dtype">The input dtype: <c>float32</c> (default) or an integer type such as <c>int32</c> for token ids.</param>
    /// <param name="name">The name; default <c>input_layer</c>, <c>input_layer_1</c>, ….</param>
    public InputLayer(Shape shape, int? batchSize = null, string dtype = "float32", string? name = null)
        : base(name)
    {
        if (shape.Dims.Any(d => d is 0))
        {
            throw new ArgumentException($"InputLayer shape must have positive sizes. Received: shape={shape}", nameof(shape));
        }

        BatchInputShape = shape.WithBatch(batchSize);
        DType = dtype;
        Built = true;
        var node = new Node(this, [], [BatchInputShape.Value], dtype);
        InboundNodes.Add(node);
    }

    /// <summary>Gets the input dtype.</summary>
    public string DType { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.alias();

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["batch_shape"] = BatchInputShape!.Value.ToArray(),
        ["dtype"] = DType,
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = Name,
        ["optional"] = false,
    };
}
