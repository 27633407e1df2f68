using NumSharp;
using DeepKeras.Utils;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Creates batches of sliding windows over a time series (Keras <c>keras.utils.timeseries_dataset_from_array</c>).
        /// Window <c>i</c> starts at time step <c>startIndex + i·sequenceStride</c> and takes <paramref name="sequenceLength"/>
        /// steps <paramref name="samplingRate"/> apart; its target is <c>targets[startIndex + i·sequenceStride]</c>.
        /// </summary>
        /// <remarks>
        /// Keras returns a <c>tf.data.Dataset</c>; here the result is a <see cref="TimeseriesDataset"/>, a sequence of
        /// <c>(X, Y)</c> batches that <c>model.Fit</c> accepts directly and that can be indexed or enumerated as
        /// <see cref="NDArray"/>s. Batches are cut when read, so the windows are never all held in memory at once
        /// (<see cref="TimeseriesDataset.ToArrays"/> gathers them). Data of shape <c>(steps,)</c> gives windows of shape
        /// <c>(sequenceLength,)</c>, data <c>(steps, features)</c> gives <c>(sequenceLength, features)</c>.
        /// To predict the value 10 steps ahead from the last 10: <c>TimeseriesDatasetFromArray(data[..^10], data[10..], 10)</c>.
        /// </remarks>
        /// <param name="data">The series, time on axis 0: shape <c>(steps,)</c> or <c>(steps, features, …)</c>.</param>
        /// <param name="targets">Target of the window that starts at each time step (axis 0 aligned with <paramref name="data"/>), or null for inputs only.</param>
        /// <param name="sequenceLength">Number of time steps in each window.</param>
        /// <param name="sequenceStride">Steps between the starts of consecutive windows (default 1).</param>
        /// <param name="samplingRate">Steps between consecutive samples within a window (default 1).</param>
        /// <param name="batchSize">Windows per batch (default 128; the last batch may be smaller). Null yields single windows without a batch axis.</param>
        /// <param name="shuffle">Whether to shuffle the windows (once, with <paramref name="seed"/>) instead of keeping time order.</param>
        /// <param name="seed">Seed of the shuffle; default a random one. The order differs from numpy's for the same seed.</param>
        /// <param name="startIndex">First time step used (default 0); earlier steps are kept out, e.g. for validation.</param>
        /// <param name="endIndex">Time steps from this one on are not used (default: all). Must be below the data length, as in Keras.</param>
        /// <returns>The batches.</returns>
        /// <exception cref="ArgumentException">Invalid indices, strides, rates or lengths (Keras messages), or no window fits in the range.</exception>
        public static TimeseriesDataset TimeseriesDatasetFromArray(NDArray data, NDArray? targets, int sequenceLength, int sequenceStride = 1,
            int samplingRate = 1, int? batchSize = 128, bool shuffle = false, int? seed = null, int? startIndex = null, int? endIndex = null) =>
            TimeseriesDataset.Create(data, targets, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle, seed, startIndex, endIndex);

        /// <summary>
        /// Creates batches of sliding windows over a one-feature time series; see
        /// <see cref="TimeseriesDatasetFromArray(NDArray, NDArray?, int, int, int, int?, bool, int?, int?, int?)"/>.
        /// Windows have shape <c>(sequenceLength,)</c>, batches <c>(batch, sequenceLength)</c>.
        /// </summary>
        /// <param name="data">The series, one value per time step.</param>
        /// <param name="targets">Target of the window that starts at each time step, or null.</param>
        /// <param name="sequenceLength">Number of time steps in each window.</param>
        /// <param name="sequenceStride">Steps between the starts of consecutive windows (default 1).</param>
        /// <param name="samplingRate">Steps between consecutive samples within a window (default 1).</param>
        /// <param name="batchSize">Windows per batch (default 128). Null yields single windows.</param>
        /// <param name="shuffle">Whether to shuffle the windows.</param>
        /// <param name="seed">Seed of the shuffle.</param>
        /// <param name="startIndex">First time step used (default 0).</param>
        /// <param name="endIndex">Time steps from this one on are not used (default: all).</param>
        /// <returns>The batches.</returns>
        /// <exception cref="ArgumentException">Invalid indices, strides, rates or lengths, or no window fits in the range.</exception>
        public static TimeseriesDataset TimeseriesDatasetFromArray(float[] data, float[]? targets, int sequenceLength, int sequenceStride = 1,
            int samplingRate = 1, int? batchSize = 128, bool shuffle = false, int? seed = null, int? startIndex = null, int? endIndex = null)
        {
            ArgumentNullException.ThrowIfNull(data);
            return TimeseriesDataset.Create(np.array(data), targets is null ? null : np.array(targets), sequenceLength, sequenceStride,
                samplingRate, batchSize, shuffle, seed, startIndex, endIndex);
        }
    }
}
