using DeepKeras.Layers;
using DeepKeras.Models;
using NumSharp;

namespace DeepKeras.Tests.Utils;

public class TimeseriesDatasetTests
{
    private static float[] Range(int n) => Enumerable.Range(0, n).Select(i => (float)i).ToArray();

    private static float[] Row(NDArray batch, int i) => batch[i].ToArray<float>();

    [Fact]
    public void KerasExample1_StrideAndSamplingRate()
    {
        // Docstring example 1: indices 0..98, sequence_length=10, sampling_rate=2, sequence_stride=3.
        var ds = Keras.Utils.TimeseriesDatasetFromArray(Range(99), null, sequenceLength: 10, sequenceStride: 3, samplingRate: 2);
        var (x, y) = ds.ToArrays();
        Assert.Null(y);
        // num_seqs = 99 − (10 − 1)·2 = 81 start positions 0, 3, …, 78: 27 windows, in one batch of 128.
        Assert.Equal(27, ds.SampleCount);
        Assert.Equal(1, ds.Count);
        Assert.Equal(new[] { 27, 10 }, x.shape.Select(d => (int)d).ToArray());
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 }, Row(x, 0));
        Assert.Equal(new float[] { 3, 5, 7, 9, 11, 13, 15, 17, 19, 21 }, Row(x, 1));
        Assert.Equal(new float[] { 6, 8, 10, 12, 14, 16, 18, 20, 22, 24 }, Row(x, 2));
        Assert.Equal(new float[] { 78, 80, 82, 84, 86, 88, 90, 92, 94, 96 }, Row(x, 26));
    }

    [Fact]
    public void ShiftedTargets_RangeOf100_SamplingRate2_Batches()
    {
        // data = range(100); inputs data[:-20], targets data[20:]: the target of the window [i, i+2, …, i+18] is i + 20.
        var data = Range(100);
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data[..^20], data[20..], sequenceLength: 10, samplingRate: 2, batchSize: 16);
        // num_seqs = min(80 − 9·2, 80) = 62 windows → batches of 16, 16, 16, 14.
        Assert.Equal(62, ds.SampleCount);
        Assert.Equal(4, ds.Count);
        Assert.Equal(new[] { 16, 16, 16, 14 }, ds.Batches.Select(b => (int)b.X.shape[0]).ToArray());

        var (x0, y0) = ds[0];
        Assert.Equal(new[] { 16, 10 }, x0.shape.Select(d => (int)d).ToArray());
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 }, Row(x0, 0));
        Assert.Equal(20f, y0!.ToArray<float>()[0]);

        var (x3, y3) = ds[3];
        // Last window: i = 61 → [61, 63, …, 79], target 81.
        Assert.Equal(Enumerable.Range(0, 10).Select(j => 61f + (2 * j)).ToArray(), Row(x3, 13));
        Assert.Equal(81f, y3!.ToArray<float>()[13]);
        Assert.Equal(Enumerable.Range(48, 14).Select(i => i + 20f).ToArray(), y3.ToArray<float>());
    }

    [Fact]
    public void MultiFeatureData_KeepsFeatureAxis_AndDtype()
    {
        // (50, 2) float64: row t = (t, −t).
        var values = new double[50, 2];
        for (var t = 0; t < 50; t++)
        {
            values[t, 0] = t;
            values[t, 1] = -t;
        }

        var ds = Keras.Utils.TimeseriesDatasetFromArray(np.array(values), null, sequenceLength: 4, sequenceStride: 5, batchSize: 4);
        var (x, _) = ds[1];
        Assert.Equal(NPTypeCode.Double, x.typecode);
        Assert.Equal(new[] { 4, 4, 2 }, x.shape.Select(d => (int)d).ToArray());
        // Batch 1 starts with window 4, at time step 20: rows 20..23.
        Assert.Equal(new double[] { 20, -20, 21, -21, 22, -22, 23, -23 }, x[0].ToArray<double>());
    }

    [Fact]
    public void StartAndEndIndex_LimitTheWindows()
    {
        var data = Range(100);
        var targets = data.Select(v => v * 10).ToArray();
        var ds = Keras.Utils.TimeseriesDatasetFromArray(data, targets, sequenceLength: 5, startIndex: 10, endIndex: 50);
        // num_seqs = 50 − 10 − 4 = 36 windows starting at 10..45; the last one, [45..49], stops before end_index.
        Assert.Equal(36, ds.SampleCount);
        Assert.Equal(Enumerable.Range(10, 36).ToArray(), ds.WindowStarts);
        var (x, y) = ds.ToArrays();
        Assert.Equal(new float[] { 10, 11, 12, 13, 14 }, Row(x, 0));
        Assert.Equal(new float[] { 45, 46, 47, 48, 49 }, Row(x, 35));
        Assert.Equal(100f, y!.ToArray<float>()[0]);
        Assert.Equal(450f, y.ToArray<float>()[35]);
    }

    [Fact]
    public void Shuffle_IsSeeded_AndKeepsEveryWindow()
    {
        var data = Range(60);
        var a = Keras.Utils.TimeseriesDatasetFromArray(data, data, sequenceLength: 3, shuffle: true, seed: 7, batchSize: 8);
        var b = Keras.Utils.TimeseriesDatasetFromArray(data, data, sequenceLength: 3, shuffle: true, seed: 7, batchSize: 8);
        var plain = Keras.Utils.TimeseriesDatasetFromArray(data, data, sequenceLength: 3, batchSize: 8);
        Assert.Equal(a.WindowStarts, b.WindowStarts);
        Assert.NotEqual(plain.WindowStarts, a.WindowStarts);
        Assert.Equal(plain.WindowStarts, a.WindowStarts.Order());
        // Each window still pairs with its own target: x[:, 0] == y.
        var (x, y) = a.ToArrays();
        for (var i = 0; i < a.SampleCount; i++)
        {
            Assert.Equal(x[i].ToArray<float>()[0], y!.ToArray<float>()[i]);
        }
    }

    [Fact]
    public void NullBatchSize_YieldsSingleWindows()
    {
        var ds = Keras.Utils.TimeseriesDatasetFromArray(Range(10), Range(10), sequenceLength: 4, batchSize: null);
        Assert.Equal(7, ds.Count);
        var (x, y) = ds[6];
        Assert.Equal(new[] { 4 }, x.shape.Select(d => (int)d).ToArray());
        Assert.Equal(0, y!.ndim);
        Assert.Equal(new float[] { 6, 7, 8, 9 }, x.ToArray<float>());
        var seen = 0;
        foreach (var (bx, _) in ds)
        {
            Assert.Equal((float)seen++, bx.ToArray<float>()[0]);
        }

        Assert.Equal(7, seen);
    }

    [Fact]
    public void Fit_OnWindows_LearnsNextValueOfASine()
    {
        // sin(t + h) = 2cos(h)·sin(t) − sin(t − h): the next value is linear in the window, so one Dense unit can fit it.
        var series = Enumerable.Range(0, 400).Select(t => (float)Math.Sin(t * 0.5)).ToArray();
        // Targets as a column (n, 1), the shape of the model's output.
        var targets = np.array(series[8..]).reshape(series.Length - 8, 1);
        var ds = Keras.Utils.TimeseriesDatasetFromArray(np.array(series[..^8]), targets, sequenceLength: 8, batchSize: 32);
        Assert.Equal(new[] { 32, 1 }, ds[0].Y!.shape.Select(d => (int)d).ToArray());
        Keras.Utils.SetRandomSeed(3);
        var model = new Sequential(new Dense(1, inputShape: 8));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(learningRate: 0.05), loss: "mse");
        var history = model.Fit(ds, epochs: 30, verbose: 0, stepsPerEpoch: ds.Count);
        var losses = history["loss"];
        Assert.True(losses[^1] < 0.05 * losses[0], $"loss {losses[0]} → {losses[^1]}");
        Assert.True(losses[^1] < 0.01, $"final loss {losses[^1]}");
    }

    [Fact]
    public void BadArguments_GiveKerasMessages()
    {
        var data = Range(20);
        Assert.Contains("`start_index` must be 0 or greater. Received: start_index=-1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, startIndex: -1)).Message);
        Assert.Contains("`start_index` must be lower than the length of the data. Received: start_index=20, for data of length 20",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, startIndex: 20)).Message);
        Assert.Contains("`end_index` must be higher than `start_index`. Received: start_index=5, and end_index=5",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, startIndex: 5, endIndex: 5)).Message);
        Assert.Contains("`end_index` must be lower than the length of the data. Received: end_index=20",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, endIndex: 20)).Message);
        Assert.Contains("`sampling_rate` must be higher than 0. Received: sampling_rate=0",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, samplingRate: 0)).Message);
        Assert.Contains("`sequence_stride` must be lower than the length of the data. Received: sequence_stride=20",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 3, sequenceStride: 20)).Message);
        Assert.Contains("`sequence_length` must be higher than 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 0)).Message);
        var ex = Assert.Throws<ArgumentException>(() => Keras.Utils.TimeseriesDatasetFromArray(data, null, 8, samplingRate: 3));
        Assert.Contains("No window fits: `sequence_length`=8 with `sampling_rate`=3 spans 22 time steps, but only 20 are available", ex.Message);
    }
}
