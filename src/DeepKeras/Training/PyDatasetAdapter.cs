using DeepKeras.Distribution;
using DeepKeras.Utils;

namespace DeepKeras.Training;

/// <summary>
/// The batches of a <see cref="PyDataset"/> (Keras's <c>PyDatasetAdapter</c>): each pass calls <c>OnEpochBegin</c>,
/// <c>GetItem</c> for every index (in a random order when shuffling), then <c>OnEpochEnd</c>. With several workers the
/// batches are made ahead on background threads.
/// </summary>
/// <param name="dataset">The dataset.</param>
/// <param name="classWeight">Class index → weight, turned into sample weights of each batch, or null.</param>
/// <param name="orderFrom">Under data-parallel training, the processes, which all follow process 0's order and make only
/// the batches asked for (no background threads); null otherwise.</param>
internal sealed class PyDatasetAdapter(PyDataset dataset, IReadOnlyDictionary<int, double>? classWeight = null, ICommunicator? orderFrom = null)
    : SequenceDataAdapter
{
    /// <inheritdoc/>
    public override int? Steps => Count();

    /// <summary>Returns this adapter for one process of a distributed job: the same order everywhere, batches made on demand.</summary>
    /// <param name="communicator">The processes.</param>
    public PyDatasetAdapter WithSharedOrder(ICommunicator communicator) => new(dataset, classWeight, communicator);

    /// <inheritdoc/>
    public override IEnumerable<Func<Batch>> Items(bool shuffle)
    {
        var count = Count();
        var order = shuffle ? Permutation(count) : null;
        if (order is not null && orderFrom is not null)
        {
            order = StepAgreement.SameOrder(orderFrom, order, "PyDataset's batches");
        }

        var indices = order?.Select(i => (int)i).ToArray() ?? Enumerable.Range(0, count).ToArray();
        dataset.OnEpochBegin();
        try
        {
            if (dataset.Workers <= 1 || orderFrom is not null)
            {
                foreach (var index in indices)
                {
                    yield return () => ToBatch(Get(index), classWeight);
                }

                yield break;
            }

            using var prefetcher = new OrderedPrefetcher<DataBatch>(indices, Get, dataset.Workers, dataset.MaxQueueSize, dataset.GetType().Name);
            foreach (var item in prefetcher.Items())
            {
                yield return () => ToBatch(item, classWeight);
            }
        }
        finally
        {
            dataset.OnEpochEnd();
        }
    }

    private int Count()
    {
        var n = dataset.Count;
        return n >= 0 ? n : throw new InvalidOperationException($"{dataset.GetType().Name}.Count must not be negative. Received: {n}.");
    }

    private DataBatch Get(int index) => dataset.GetItem(index)
        ?? throw new InvalidOperationException(
            $"{dataset.GetType().Name}.GetItem({index}) returned null. Expected a batch: (x), (x, y) or (x, y, sampleWeight).");
}
