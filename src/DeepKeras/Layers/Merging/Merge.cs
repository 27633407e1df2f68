using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Base of the layers that merge a list of tensors (Keras <c>keras.layers.Merge</c>): <see cref="Add"/>,
/// <see cref="Subtract"/>, <see cref="Multiply"/>, <see cref="Average"/>, <see cref="Maximum"/>, <see cref="Minimum"/>,
/// <see cref="Concatenate"/> and <see cref="Dot"/>.
/// </summary>
/// <remarks>
/// The element-wise merges broadcast their inputs as Keras does: sizes of 1 stretch, and an input of lower rank gains
/// axes after the batch axis (<c>(None, 3)</c> with <c>(None, 4, 3)</c> gives <c>(None, 4, 3)</c>). Masks pass through:
/// each input's mask is the one the layer that produced it attached (the first input's may also be given to the
/// call), and the output is masked where any input is unmasked when every input has a mask (otherwise unmasked).
/// </remarks>
public abstract class Merge : Layer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected Merge(string? name, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
    }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>A merge computes its output mask from all its inputs' masks, even when the first has none.</summary>
    protected override bool ProducesMask => true;

    /// <summary>Gets the smallest number of inputs the layer takes (2).</summary>
    private protected virtual int MinInputs => 2;

    /// <summary>Gets the largest number of inputs the layer takes (no limit by default).</summary>
    private protected virtual int MaxInputs => int.MaxValue;

    /// <summary>Merges the inputs; they have the same rank here (lower-ranked ones were expanded after the batch axis).</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="masks">Each input's mask <c>(batch, time)</c>, or null; all null when the inputs had to be expanded.</param>
    protected abstract Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks);

    /// <summary>A single shape means a single input: merge layers take a list.</summary>
    /// <param name="inputShape">The shape of the single input.</param>
    /// <exception cref="ArgumentException">Always: merge layers need a list of inputs.</exception>
    public override void Build(Shape inputShape) => throw CountError(1);

    /// <summary>Checks the input shapes can be merged (Keras builds merge layers only to validate).</summary>
    /// <param name="inputShapes">The input shapes, batch axis included.</param>
    /// <exception cref="ArgumentException">Too few or too many inputs, different batch sizes, or shapes that do not broadcast.</exception>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        CheckCount(inputShapes.Count);
        if (inputShapes.Select(s => s.Rank > 0 ? s[0] : null).OfType<int>().Distinct().Count() > 1)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}) cannot merge tensors with different batch sizes. Received tensors with shapes {ShapesText(inputShapes)}");
        }

        _ = ComputeOutputShape(inputShapes);
    }

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        CheckCount(inputs.Count);
        var masks = InputMasks(inputs, mask);
        var maxRank = inputs.Max(x => x.dim());
        if (!ExpandsLowerRanks || inputs.All(x => x.dim() == maxRank))
        {
            return [MergeFunction(inputs, masks)];
        }

        // Keras expands lower-ranked inputs after the batch axis; the expanded tensors carry no mask.
        var expanded = inputs.Select(x =>
        {
            while (x.dim() < maxRank)
            {
                x = x.unsqueeze(1);
            }

            return x;
        }).ToArray();
        return [MergeFunction(expanded, new Tensor?[inputs.Count])];
    }

    /// <summary>Gets whether inputs of lower rank are expanded after the batch axis (element-wise merges).</summary>
    private protected virtual bool ExpandsLowerRanks => true;

    /// <summary>
    /// The output shape of an element-wise merge (Keras <c>Merge.compute_output_shape</c>): the inputs' shapes without
    /// the batch axis broadcast from the right, and the batch size when the inputs agree on one.
    /// </summary>
    /// <param name="inputShapes">The input shapes, batch axis included.</param>
    /// <exception cref="ArgumentException">Two sizes differ and neither is 1.</exception>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var output = inputShapes[0].WithoutBatch().Dims.ToArray();
        foreach (var shape in inputShapes.Skip(1))
        {
            output = Broadcast(output, shape.WithoutBatch().Dims.ToArray());
        }

        var batches = inputShapes.Select(s => s.Rank > 0 ? s[0] : null).OfType<int>().Distinct().ToList();
        return new Shape(output).WithBatch(batches.Count == 1 ? batches[0] : null);
    }

    /// <summary>A single shape means a single input: merge layers take a list.</summary>
    /// <param name="inputShape">The shape of the single input.</param>
    /// <exception cref="ArgumentException">Always: merge layers need a list of inputs.</exception>
    public override Shape ComputeOutputShape(Shape inputShape) => throw CountError(1);

    /// <summary>The output mask from the first input's mask and the masks the other inputs carry.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="mask">The first input's mask, or null to use the one it carries.</param>
    public sealed override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => ComputeMask(inputs, InputMasks(inputs, mask));

    /// <summary>
    /// The output mask from every input's mask (Keras <c>compute_mask(inputs, mask)</c> with a list): by default null when
    /// an input has no mask, else the element-wise OR of the masks.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="masks">One mask per input, or null entries.</param>
    /// <exception cref="ArgumentException">The lists have different lengths.</exception>
    public virtual Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        CheckMasks(inputs, masks);
        if (masks.Any(m => m is null))
        {
            return null;
        }

        var output = masks[0]!.to_type(ScalarType.Bool);
        foreach (var m in masks.Skip(1))
        {
            output = output.logical_or(m!.to_type(ScalarType.Bool));
        }

        return output;
    }

    /// <summary>Checks that <paramref name="masks"/> has one entry per input.</summary>
    private protected void CheckMasks(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        if (masks.Count != inputs.Count)
        {
            throw new ArgumentException(
                $"The lists `inputs` and `mask` of layer \"{Name}\" ({ClassName}) should have the same length. Received: {inputs.Count} inputs and {masks.Count} masks.",
                nameof(masks));
        }
    }

    /// <summary>Each input's mask: the given one for the first input, else the one the tensor carries.</summary>
    private static Tensor?[] InputMasks(IReadOnlyList<Tensor> inputs, Tensor? firstMask) =>
        inputs.Select((x, i) => i == 0 && firstMask is not null ? firstMask : KerasMask.Get(x)).ToArray();

    /// <summary>A mask <c>(batch, time)</c> expanded over the last axis of <paramref name="x"/> (Keras <c>broadcast_to(expand_dims(mask, -1))</c>).</summary>
    private protected static Tensor? Spread(Tensor? mask, Tensor x) =>
        mask?.to_type(ScalarType.Bool).unsqueeze(-1).expand(x.shape);

    /// <summary>
    /// Folds the inputs with <paramref name="op"/> where a masked step of an input takes the running result instead
    /// (and the running result's masked steps take the input), as Keras's <c>Maximum</c> and <c>Minimum</c> do.
    /// </summary>
    private protected static Tensor MaskedFold(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks, Func<Tensor, Tensor, Tensor> op)
    {
        var output = inputs[0];
        var outputMask = Spread(masks[0], output);
        for (var i = 1; i < inputs.Count; i++)
        {
            var x = inputs[i];
            var mask = Spread(masks[i], x);
            if (mask is not null)
            {
                x = where(mask, x, output);
            }

            if (outputMask is not null)
            {
                output = where(outputMask, output, x);
            }

            outputMask = mask is not null && outputMask is not null ? outputMask.logical_or(mask) : null;
            output = op(output, x);
        }

        return output;
    }

    /// <summary>Broadcasts two shapes without batch axis from the right (Keras <c>_compute_elemwise_op_output_shape</c>).</summary>
    private int?[] Broadcast(int?[] a, int?[] b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var output = a[..(a.Length - b.Length)].ToList();
        for (var k = 0; k < b.Length; k++)
        {
            var (i, j) = (a[a.Length - b.Length + k], b[k]);
            output.Add(i is null || j is null ? null : i == 1 ? j : j == 1 ? i : i == j ? i
                : throw new ArgumentException(
                    $"Inputs of layer \"{Name}\" ({ClassName}) have incompatible shapes. Received shapes {Shape.Format(a)} and {Shape.Format(b)}"));
        }

        return [.. output];
    }

    private protected void CheckCount(int count)
    {
        if (count < MinInputs || count > MaxInputs)
        {
            throw CountError(count);
        }
    }

    private ArgumentException CountError(int count)
    {
        var expected = MinInputs == MaxInputs ? $"exactly {MinInputs}" : $"a list of at least {MinInputs}";
        return new ArgumentException(
            $"A `{ClassName}` layer should be called on {expected} inputs. Layer \"{Name}\" received {count} input{(count == 1 ? "" : "s")}.");
    }

    /// <summary>Shapes as Python prints a list of shape tuples: <c>[(None, 3), (None, 4)]</c>.</summary>
    private protected static string ShapesText(IEnumerable<Shape> shapes) => "[" + string.Join(", ", shapes) + "]";
}
