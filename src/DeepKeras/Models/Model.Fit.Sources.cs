using DeepKeras.Callbacks;
using DeepKeras.Training;
using DeepKeras.Utils;
using TorchSharp.Modules;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Trains on a sequence of (x, y, sample weight) batches; the weights (null allowed) scale each sample's loss.
    /// </summary>
    /// <param name="batches">The batches; enumerated again at every epoch.</param>
    /// <param name="epochs">Number of epochs.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0, 1 or 2.</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <param name="validationData">Validation batches, or null.</param>
    /// <param name="stepsPerEpoch">Batches per epoch: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="initialEpoch">Epoch to start at.</param>
    /// <param name="cancellationToken">Stops training when cancelled.</param>
    /// <param name="validationSteps">Batches per validation (default: until the validation sequence ends).</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    public History Fit(IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> batches, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)>? validationData = null,
        int? stepsPerEpoch = null, int initialEpoch = 0, CancellationToken cancellationToken = default, int? validationSteps = null) =>
        FitSequence(Batches(batches), epochs, verbose, callbacks, validationData is null ? null : Batches(validationData), stepsPerEpoch, initialEpoch,
            validationSteps, cancellationToken);

    /// <summary>
    /// Trains on a <see cref="PyDataset"/> (Keras <c>fit(py_dataset)</c>): its <see cref="PyDataset.Count"/> batches per
    /// epoch, asked for in a new random order every epoch when <paramref name="shuffle"/> is set, made ahead on background
    /// threads when the dataset has several <see cref="PyDataset.Workers"/>.
    /// </summary>
    /// <param name="x">The dataset of (x, y) or (x, y, sample weight) batches.</param>
    /// <param name="epochs">Index of the last epoch.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks; History and the progress logger are added automatically.</param>
    /// <param name="validationData">A dataset to validate on at each epoch end, or null.</param>
    /// <param name="shuffle">Shuffle the order of the batches before each epoch.</param>
    /// <param name="classWeight">Class index → weight, applied as the sample weights of each batch (whose batches must then have none).</param>
    /// <param name="initialEpoch">Epoch to start at (to resume training).</param>
    /// <param name="stepsPerEpoch">Batches per epoch (default: <see cref="PyDataset.Count"/>).</param>
    /// <param name="validationSteps">Batches per validation (default: all of the validation dataset).</param>
    /// <param name="validationFreq">Validate every N epochs.</param>
    /// <param name="cancellationToken">Stops training after the current batch when cancelled.</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    public History Fit(PyDataset x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        PyDataset? validationData = null, bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, int initialEpoch = 0,
        int? stepsPerEpoch = null, int? validationSteps = null, int validationFreq = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return FitAdapters(new PyDatasetAdapter(x, classWeight), epochs, verbose, callbacks,
            validationData is null ? null : new PyDatasetAdapter(validationData), shuffle, initialEpoch, stepsPerEpoch, validationSteps, validationFreq,
            cancellationToken);
    }

    /// <summary>
    /// Trains on the batches of a TorchSharp <c>DataLoader</c>, whose length is known: (x, y) or (x, y, sample weight)
    /// lists or tuples of tensors (a <c>TensorDataset</c>'s), or dictionaries with keys <c>x</c>/<c>data</c>,
    /// <c>y</c>/<c>label</c> and <c>sample_weight</c>. The loader shuffles, if it was made to; <c>Fit</c> does not.
    /// </summary>
    /// <typeparam name="T">The loader's dataset item type.</typeparam>
    /// <typeparam name="S">The loader's batch type.</typeparam>
    /// <param name="x">The loader.</param>
    /// <param name="epochs">Index of the last epoch.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks; History and the progress logger are added automatically.</param>
    /// <param name="validationData">A loader to validate on at each epoch end, or null.</param>
    /// <param name="initialEpoch">Epoch to start at (to resume training).</param>
    /// <param name="stepsPerEpoch">Batches per epoch (default: the loader's length).</param>
    /// <param name="validationSteps">Batches per validation (default: all of the validation loader).</param>
    /// <param name="validationFreq">Validate every N epochs.</param>
    /// <param name="cancellationToken">Stops training after the current batch when cancelled.</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    public History Fit<T, S>(DataLoader<T, S> x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        DataLoader<T, S>? validationData = null, int initialEpoch = 0, int? stepsPerEpoch = null, int? validationSteps = null,
        int validationFreq = 1, CancellationToken cancellationToken = default) =>
        FitAdapters(DataLoaderBatches.Adapter(x), epochs, verbose, callbacks,
            validationData is null ? null : DataLoaderBatches.Adapter(validationData), false, initialEpoch, stepsPerEpoch, validationSteps,
            validationFreq, cancellationToken);
}
