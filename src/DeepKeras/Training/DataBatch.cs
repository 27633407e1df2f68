using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// One batch as a data source gives it (Keras's <c>(inputs,)</c>, <c>(inputs, targets)</c> or
/// <c>(inputs, targets, sample_weights)</c> tuple): what <see cref="Utils.PyDataset.GetItem"/> returns. Tuples convert
/// implicitly, so <c>return (x, y);</c> and <c>return (x, y, weights);</c> both work; so does a single input array.
/// </summary>
/// <param name="X">The inputs of the batch (an array of arrays for several model inputs).</param>
/// <param name="Y">The targets, or null (prediction, or a model whose training step needs none).</param>
/// <param name="SampleWeight">One weight per sample of the batch, or null.</param>
public sealed record DataBatch(ArrayLike X, ArrayLike? Y = null, ArrayLike? SampleWeight = null)
{
    /// <summary>Makes a batch of inputs and targets.</summary>
    /// <param name="batch">The inputs and the targets.</param>
    public static implicit operator DataBatch((ArrayLike X, ArrayLike? Y) batch) => new(batch.X, batch.Y);

    /// <summary>Makes a batch of inputs, targets and sample weights.</summary>
    /// <param name="batch">The inputs, the targets and the sample weights.</param>
    public static implicit operator DataBatch((ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight) batch) =>
        new(batch.X, batch.Y, batch.SampleWeight);

    /// <summary>Makes a batch of inputs only, from a NumSharp array.</summary>
    /// <param name="x">The inputs.</param>
    public static implicit operator DataBatch(NDArray x) => new((ArrayLike)x);

    /// <summary>Makes a batch of inputs only, from a TorchSharp tensor.</summary>
    /// <param name="x">The inputs.</param>
    public static implicit operator DataBatch(Tensor x) => new((ArrayLike)x);
}
