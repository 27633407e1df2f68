using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Wraps a C# delegate as a layer (Keras <c>keras.layers.Lambda</c>). The output shape is taken from
/// <paramref name="outputShape"/> when given, otherwise found by running the function once.
/// </summary>
/// <param name="function">The function applied to the input batch.</param>
/// <param name="outputShape">Optional output shape without the batch axis.</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Lambda(Func<Tensor, Tensor> function, Shape? outputShape = null, string? name = null, bool trainable = true, Shape? inputShape = null) : Layer(name, trainable, inputShape)
{
    private readonly Func<Tensor, Tensor> _function = function ?? throw new ArgumentNullException(nameof(function));

    /// <summary>Gets the wrapped function.</summary>
    public Func<Tensor, Tensor> Function => _function;

    /// <summary>Gets the output shape given to the constructor (without batch axis), if any.</summary>
    public Shape? DeclaredOutputShape { get; } = outputShape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => _function(inputs);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        DeclaredOutputShape is { } s ? s.WithBatch(inputShape[0]) : DryRunShapes([inputShape])[0];

    /// <summary>
    /// Returns the config. The function is written as a registered function (see
    /// <c>Keras.Saving.RegisterKerasSerializable(name, function)</c>) or, if unregistered, as a lambda marker that
    /// <c>LoadModel</c> refuses in safe mode: .NET code is never stored in a file.
    /// </summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["function"] = Serialize(_function);
        if (DeclaredOutputShape is { } s)
        {
            c["output_shape"] = Serialize(s);
        }

        c["arguments"] = new Dictionary<string, object?>();
        return c;
    }
}
