using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Runs a recurrent layer forwards and a copy of it backwards over the same sequence and merges the two outputs
/// (Keras <c>keras.layers.Bidirectional</c>). The sublayers are fresh copies named <c>forward_&lt;name&gt;</c> and
/// <c>backward_&lt;name&gt;</c>; the backward output sequence is flipped back into time order before merging.
/// </summary>
/// <example><code>
/// var bi = new Bidirectional(new LSTM(64, returnSequences: true));   // (batch, time, 128)
/// </code></example>
public sealed class Bidirectional : Layer
{
    private static readonly string?[] MergeModes = ["sum", "mul", "ave", "concat", null];

    /// <summary>Creates the wrapper.</summary>
    /// <param name="layer">The recurrent layer to copy for both directions (its own weights are not used).</param>
    /// <param name="mergeMode"><c>"concat"</c> (default), <c>"sum"</c>, <c>"mul"</c>, <c>"ave"</c>, or null to return both outputs.</param>
    /// <param name="backwardLayer">An explicit backward layer (must have <c>goBackwards</c> opposite to <paramref name="layer"/>).</param>
    /// <param name="inputShape">Input shape without the batch axis, for a first layer (default: <paramref name="layer"/>'s).</param>
    /// <param name="name">Layer name; default <c>bidirectional</c>, <c>bidirectional_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <exception cref="ArgumentException">Unknown merge mode, or the two layers do not fit together.</exception>
    public Bidirectional(
        RnnBase layer,
        string? mergeMode = "concat",
        RnnBase? backwardLayer = null,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true)
        : base(name, trainable, inputShape ?? layer?.BatchInputShape?.WithoutBatch())
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!MergeModes.Contains(mergeMode))
        {
            throw new ArgumentException(
                $"Invalid merge mode. Received: {mergeMode}. Merge mode should be one of {{\"sum\", \"mul\", \"ave\", \"concat\", null}}", nameof(mergeMode));
        }

        ForwardLayer = layer.CloneAs("forward_" + RemovePrefix(layer.Name, "forward_"), layer.GoBackwards);
        BackwardLayer = backwardLayer ?? layer.CloneAs("backward_" + RemovePrefix(layer.Name, "backward_"), true);
        Verify();

        // Keras: with return_sequences, masked steps output zeros so the merged directions line up.
        ForwardLayer.ZeroOutputForMask = ForwardLayer.ReturnSequences;
        BackwardLayer.ZeroOutputForMask = BackwardLayer.ReturnSequences;
        MergeMode = mergeMode;
        TrackLayer(ForwardLayer);
        TrackLayer(BackwardLayer);
    }

    /// <summary>Gets the layer that reads the sequence forwards.</summary>
    public RnnBase ForwardLayer { get; }

    /// <summary>Gets the layer that reads the sequence backwards.</summary>
    public RnnBase BackwardLayer { get; }

    /// <summary>Gets how the two outputs are combined; null returns both.</summary>
    public string? MergeMode { get; }

    /// <summary>Gets whether whole sequences are returned.</summary>
    public bool ReturnSequences => ForwardLayer.ReturnSequences;

    /// <summary>Gets whether the final states (forward, then backward) follow the output(s).</summary>
    public bool ReturnState => ForwardLayer.ReturnState;

    /// <summary>Gets whether both directions carry states across batches.</summary>
    public bool Stateful => ForwardLayer.Stateful;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>Resets the states of both directions (Keras <c>reset_states</c>).</summary>
    /// <exception cref="InvalidOperationException">The layer is not stateful.</exception>
    public void ResetStates()
    {
        if (!Stateful)
        {
            throw new InvalidOperationException($"Layer \"{Name}\" must be stateful to reset its states.");
        }

        ForwardLayer.ResetStates();
        BackwardLayer.ResetStates();
    }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        ForwardLayer.MaybeBuild([inputShape]);
        BackwardLayer.MaybeBuild([inputShape]);
    }

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        var x = inputs[0];
        var initial = inputs.Skip(1).ToArray();
        var half = initial.Length / 2;
        var forward = ForwardLayer.Invoke([x, .. initial.Take(half)], mask, training).Outputs;
        var backward = BackwardLayer.Invoke([x, .. initial.Skip(half)], mask, training).Outputs;
        var y = forward[0];
        var yRev = ReturnSequences ? backward[0].flip(1) : backward[0];
        Tensor[] merged = MergeMode switch
        {
            "concat" => [cat([y, yRev], -1)],
            "sum" => [y + yRev],
            "ave" => [(y + yRev) / 2],
            "mul" => [y * yRev],
            _ => [y, yRev],
        };
        return ReturnState ? [.. merged, .. forward.Skip(1), .. backward.Skip(1)] : merged;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        var shapes = ForwardLayer.ComputeOutputShapes([inputShapes[0]]);
        var output = shapes[0];
        var states = shapes.Skip(1).ToArray();
        Shape[] outputs = MergeMode switch
        {
            "concat" => [output.With(-1, output[-1] * 2)],
            null => [output, output],
            _ => [output],
        };
        return ReturnState ? [.. outputs, .. states, .. states] : outputs;
    }

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => ReturnSequences ? mask : null;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["merge_mode"] = MergeMode;
        c["layer"] = Serialize(ForwardLayer);
        c["backward_layer"] = Serialize(BackwardLayer);
        return c;
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<KeyValuePair<string, object>> SaveableSublayers() =>
        [new("forward_layer", ForwardLayer), new("backward_layer", BackwardLayer)];

    private void Verify()
    {
        if (ForwardLayer.GoBackwards == BackwardLayer.GoBackwards)
        {
            throw new ArgumentException(
                "Forward layer and backward layer should have different `go_backwards` value. Received: " +
                $"forward_layer.go_backwards={ForwardLayer.GoBackwards}, backward_layer.go_backwards={BackwardLayer.GoBackwards}", "backwardLayer");
        }

        (string Name, bool Forward, bool Backward)[] common =
        [
            ("stateful", ForwardLayer.Stateful, BackwardLayer.Stateful),
            ("return_sequences", ForwardLayer.ReturnSequences, BackwardLayer.ReturnSequences),
            ("return_state", ForwardLayer.ReturnState, BackwardLayer.ReturnState),
        ];
        var mismatch = common.FirstOrDefault(a => a.Forward != a.Backward);
        if (mismatch.Name is not null)
        {
            throw new ArgumentException(
                $"Forward layer and backward layer are expected to have the same value for attribute \"{mismatch.Name}\", " +
                $"got \"{mismatch.Forward}\" for forward layer and \"{mismatch.Backward}\" for backward layer", "backwardLayer");
        }

        if (ForwardLayer.Units != BackwardLayer.Units)
        {
            throw new ArgumentException(
                $"Forward layer and backward layer of \"{Name}\" must have the same number of units. " +
                $"Received: {ForwardLayer.Units} for forward layer and {BackwardLayer.Units} for backward layer", "backwardLayer");
        }
    }

    private static string RemovePrefix(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;
}
