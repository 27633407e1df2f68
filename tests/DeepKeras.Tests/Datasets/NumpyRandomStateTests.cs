using DeepKeras.Datasets;

namespace DeepKeras.Tests.Datasets;

public class NumpyRandomStateTests
{
    [Fact]
    public void NextUInt32_MatchesMT19937ReferenceOutputs()
    {
        // Reference MT19937 (init_genrand): the first output for seed 5489 is 3499211612, for seed 0 it is 2357136044.
        Assert.Equal(3499211612U, new NumpyRandomState(5489).NextUInt32());
        Assert.Equal(2357136044U, new NumpyRandomState(0).NextUInt32());

        // numpy: np.random.RandomState(113).randint(0, 2**32, size=3, dtype=np.uint64) → [3659249829, 529109724, 317413538].
        var rng = new NumpyRandomState(113);
        Assert.Equal(new uint[] { 3659249829, 529109724, 317413538 }, new[] { rng.NextUInt32(), rng.NextUInt32(), rng.NextUInt32() });
    }

    [Fact]
    public void Shuffle_SameOrderAsNumpyRandomStateShuffle()
    {
        // numpy: rng = RandomState(113); i = np.arange(10); rng.shuffle(i) → [9 3 6 1 0 7 4 8 2 5];
        // then the same rng shuffles np.arange(7) → [5 1 0 3 6 4 2].
        var rng = new NumpyRandomState(113);

        Assert.Equal(new[] { 9, 3, 6, 1, 0, 7, 4, 8, 2, 5 }, rng.ShuffledIndices(10));
        Assert.Equal(new[] { 5, 1, 0, 3, 6, 4, 2 }, rng.ShuffledIndices(7));
    }

    [Fact]
    public void Shuffle_ImdbSizedSplits_MatchNumpy()
    {
        // Keras's imdb.load_data with seed 113 shuffles np.arange(25000) twice with one RandomState; numpy gives
        // train [7798 13226 18078 793 17499 23003 574 19638 5181 23045 …], test [22748 4083 8015 13688 5310 4466 736 22654 23614 10255 …].
        var rng = new NumpyRandomState(113);

        Assert.Equal(new[] { 7798, 13226, 18078, 793, 17499, 23003, 574, 19638, 5181, 23045 }, rng.ShuffledIndices(25000)[..10]);
        Assert.Equal(new[] { 22748, 4083, 8015, 13688, 5310, 4466, 736, 22654, 23614, 10255 }, rng.ShuffledIndices(25000)[..10]);
    }

    [Fact]
    public void Interval_StaysWithinBound_AndZeroBoundIsZero()
    {
        var rng = new NumpyRandomState(7);

        Assert.Equal(0UL, rng.Interval(0));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => rng.Interval(5)), v => Assert.InRange(v, 0UL, 5UL));
        Assert.Equal(6, Enumerable.Range(0, 1000).Select(_ => rng.Interval(5)).Distinct().Count());
    }
}
