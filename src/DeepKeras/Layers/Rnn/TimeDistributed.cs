using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Applies a layer to every time step of a sequence (Keras <c>keras.layers.TimeDistributed</c>): the input
/// <c>(batch, time, ...)</c> is folded to <c>(batch·time, ...)</c>, passed through the layer once, and unfolded. The
/// wrapped layer's weights are shared by all steps.
/// </summary>
/// <example><code>
/// var td = new TimeDistributed(new Dense(8));   // (batch, 10, 16) → (batch, 10, 8)
/// </code></example>
public sealed class TimeDistributed : Layer
{
    /// <summary>Creates the wrapper.</summary>
    /// <param name="layer">The layer applied to each time step.</param>
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(time, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>time_distributed</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    public TimeDistributed(Layer layer, Shape? inputShape = null, string? name = null, bool trainable = true)
        : base(name, trainable, inputShape ?? layer?.BatchInputShape?.WithoutBatch())
    {
        ArgumentNullException.ThrowIfNull(layer);
        Layer = TrackLayer(layer);
    }

    /// <summary>Gets the wrapped layer.</summary>
    public Layer Layer { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => Layer.MaybeBuild([StepShape(inputShape)]);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        long batch = inputs.shape[0], time = inputs.shape[1];
        var folded = inputs.reshape([batch * time, .. inputs.shape[2..]]);
        var y = Layer.Invoke([folded], null, training).Outputs[0];
        return y.reshape([batch, time, .. y.shape[1..]]);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var step = Layer.ComputeOutputShape(StepShape(inputShape));
        return new Shape([inputShape[0], inputShape[1], .. step.Dims.Skip(1)]);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["layer"] = Serialize(Layer);
        return c;
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<KeyValuePair<string, object>> SaveableSublayers() => [new("layer", Layer)];

    private Shape StepShape(Shape inputShape)
    {
        if (inputShape.Rank < 3)
        {
            throw new ArgumentException(
                $"`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: {inputShape}");
        }

        return new Shape([inputShape[0], .. inputShape.Dims.Skip(2)]);
    }
}
