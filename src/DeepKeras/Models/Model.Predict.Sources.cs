using DeepKeras.Callbacks;
using DeepKeras.Training;
using DeepKeras.Utils;
using NumSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Runs the model on a sequence of batches in inference mode (targets, if any, are ignored). Under a data-parallel
    /// distribution every process predicts every batch.
    /// </summary>
    /// <param name="batches">The batches; <c>(x, null)</c> for inputs only.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The predictions of the (first) output, the batches' rows one after the other.</returns>
    public NDArray Predict(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches, Verbosity verbose = default, int? steps = null,
        IEnumerable<Callback>? callbacks = null) => First(PredictTensors(batches, verbose, steps, callbacks));

    /// <inheritdoc cref="Predict(IEnumerable{ValueTuple{ArrayLike, ArrayLike}}, Verbosity, int?, IEnumerable{Callback})"/>
    public NDArray Predict(IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> batches, Verbosity verbose = default, int? steps = null,
        IEnumerable<Callback>? callbacks = null) => First(PredictTensors(batches, verbose, steps, callbacks));

    /// <summary>Runs the model on the batches of a <see cref="PyDataset"/> in inference mode, in index order (targets are ignored).</summary>
    /// <param name="x">The dataset.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: <see cref="PyDataset.Count"/>).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The predictions of the (first) output.</returns>
    public NDArray Predict(PyDataset x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        First(PredictTensors(x, verbose, steps, callbacks));

    /// <summary>Runs the model on the batches of a TorchSharp <c>DataLoader</c> in inference mode (targets are ignored).</summary>
    /// <typeparam name="T">The loader's dataset item type.</typeparam>
    /// <typeparam name="S">The loader's batch type: a tensor, a list or tuple (x, …) or a dictionary, as for <c>Fit</c>.</typeparam>
    /// <param name="x">The loader.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: the loader's length).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The predictions of the (first) output.</returns>
    public NDArray Predict<T, S>(DataLoader<T, S> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        First(PredictTensors(x, verbose, steps, callbacks));

    /// <summary>Like <see cref="Predict(IEnumerable{ValueTuple{ArrayLike, ArrayLike}}, Verbosity, int?, IEnumerable{Callback})"/> but returns every output, as CPU tensors the caller owns.</summary>
    /// <param name="batches">The batches; <c>(x, null)</c> for inputs only.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="callbacks">Callbacks.</param>
    public Tensor[] PredictTensors(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches, Verbosity verbose = default, int? steps = null,
        IEnumerable<Callback>? callbacks = null) =>
        PredictAdapter(new EnumerableDataAdapter(Batches(batches ?? throw new ArgumentNullException(nameof(batches))), steps), verbose, null, callbacks);

    /// <inheritdoc cref="PredictTensors(IEnumerable{ValueTuple{ArrayLike, ArrayLike}}, Verbosity, int?, IEnumerable{Callback})"/>
    public Tensor[] PredictTensors(IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> batches, Verbosity verbose = default,
        int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        PredictAdapter(new EnumerableDataAdapter(Batches(batches ?? throw new ArgumentNullException(nameof(batches))), steps), verbose, null, callbacks);

    /// <summary>Like <see cref="Predict(PyDataset, Verbosity, int?, IEnumerable{Callback})"/> but returns every output, as CPU tensors the caller owns.</summary>
    /// <param name="x">The dataset.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: <see cref="PyDataset.Count"/>).</param>
    /// <param name="callbacks">Callbacks.</param>
    public Tensor[] PredictTensors(PyDataset x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        PredictAdapter(new PyDatasetAdapter(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    /// <summary>Like <see cref="Predict{T, S}(DataLoader{T, S}, Verbosity, int?, IEnumerable{Callback})"/> but returns every output, as CPU tensors the caller owns.</summary>
    /// <typeparam name="T">The loader's dataset item type.</typeparam>
    /// <typeparam name="S">The loader's batch type.</typeparam>
    /// <param name="x">The loader.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default: the loader's length).</param>
    /// <param name="callbacks">Callbacks.</param>
    public Tensor[] PredictTensors<T, S>(DataLoader<T, S> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        PredictAdapter(DataLoaderBatches.Adapter(x), verbose, steps, callbacks);
}
