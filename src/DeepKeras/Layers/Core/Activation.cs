using DeepKeras.Activations;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Applies an activation function (Keras <c>keras.layers.Activation</c>).</summary>
/// <param name="activation">Activation name (<c>"relu"</c>, <c>"softmax"</c>, …) or delegate.</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Activation(ActivationFunction activation, string? name = null, bool trainable = true, Shape? inputShape = null) : Layer(name, trainable, inputShape)
{
    /// <summary>Gets the activation.</summary>
    public ActivationFunction Function { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => Function.Call(inputs);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["activation"] = Serialize(Function);
        return c;
    }
}
