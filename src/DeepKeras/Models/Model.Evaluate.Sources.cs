using DeepKeras.Callbacks;
using DeepKeras.Training;
using DeepKeras.Utils;
using TorchSharp.Modules;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Computes the loss and metrics on a sequence of (x, y) batches in inference mode, like <c>Fit</c>'s sequences.
    /// </summary>
    /// <param name="batches">The batches.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The loss, then the metrics in compile order.</returns>
    public EvaluateResult Evaluate(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches, Verbosity verbose = default, int? steps = null,
        IEnumerable<Callback>? callbacks = null) =>
        EvaluateAdapter(new EnumerableDataAdapter(Batches(batches ?? throw new ArgumentNullException(nameof(batches))), steps), verbose, null, callbacks);

    /// <summary>Computes the loss and metrics on a sequence of (x, y, sample weight) batches in inference mode.</summary>
    /// <param name="batches">The batches.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The loss, then the metrics in compile order.</returns>
    public EvaluateResult Evaluate(IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> batches, Verbosity verbose = default,
        int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateAdapter(new EnumerableDataAdapter(Batches(batches ?? throw new ArgumentNullException(nameof(batches))), steps), verbose, null, callbacks);

    /// <summary>Computes the loss and metrics on a <see cref="PyDataset"/> in inference mode, its batches in index order.</summary>
    /// <param name="x">The dataset of (x, y) or (x, y, sample weight) batches.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: <see cref="PyDataset.Count"/>).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The loss, then the metrics in compile order.</returns>
    public EvaluateResult Evaluate(PyDataset x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateAdapter(new PyDatasetAdapter(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    /// <summary>Computes the loss and metrics on the batches of a TorchSharp <c>DataLoader</c> in inference mode.</summary>
    /// <typeparam name="T">The loader's dataset item type.</typeparam>
    /// <typeparam name="S">The loader's batch type: a list or tuple (x, y[, sample weight]) or a dictionary, as for <c>Fit</c>.</typeparam>
    /// <param name="x">The loader.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: the loader's length).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The loss, then the metrics in compile order.</returns>
    public EvaluateResult Evaluate<T, S>(DataLoader<T, S> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        EvaluateAdapter(DataLoaderBatches.Adapter(x), verbose, steps, callbacks);
}
