using DeepKeras.Backend;

namespace DeepKeras.Tests.Backend;

public class SerializableRandomTests
{
    [Fact]
    public void SameSeed_SameSequence_AndStateRestoreContinuesIt()
    {
        var a = new SerializableRandom(123);
        var b = new SerializableRandom(123);
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => a.Next(1000)), Enumerable.Range(0, 20).Select(_ => b.Next(1000)));

        var state = a.State;
        var expected = Enumerable.Range(0, 50).Select(_ => a.NextInt64(-5, 5)).ToList();
        var c = new SerializableRandom(999) { State = state };
        Assert.Equal(expected, Enumerable.Range(0, 50).Select(_ => c.NextInt64(-5, 5)));
        Assert.NotEqual(new SerializableRandom(124).Next(), new SerializableRandom(123).Next());
    }

    [Fact]
    public void Ranges_AreRespected_AndRoughlyUniform()
    {
        var r = new SerializableRandom(7);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            var v = r.Next(3, 13);
            Assert.InRange(v, 3, 12);
            counts[v - 3]++;
            var d = r.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999999999);
            Assert.InRange(r.Next(), 0, int.MaxValue - 1);
        }

        // Each bucket expects 10,000; chi-square with 9 degrees of freedom stays below 27.9 with probability 0.999.
        var chi = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.True(chi < 27.9, $"chi-square {chi}");
        Assert.Equal(5, r.Next(5, 5));
        Assert.Throws<ArgumentException>(() => r.State = [0, 0, 0, 0]);
    }

    [Fact]
    public void Shuffle_UsesTheGenerator_AndIsRestorable()
    {
        Keras.Utils.SetRandomSeed(5);
        var (torchState, shuffleState) = RandomState.GetState();
        var first = Enumerable.Range(0, 10).ToArray();
        RandomState.Shuffle.Shuffle(first);
        var draw = TorchSharp.torch.rand(3).data<float>().ToArray();

        RandomState.SetState(torchState, shuffleState);
        var second = Enumerable.Range(0, 10).ToArray();
        RandomState.Shuffle.Shuffle(second);
        Assert.Equal(first, second);
        Assert.NotEqual(Enumerable.Range(0, 10), first);
        Assert.Equal(draw, TorchSharp.torch.rand(3).data<float>().ToArray());
        Assert.Contains("Invalid torch random state", Assert.Throws<ArgumentException>(() => RandomState.SetState([1, 2, 3], shuffleState)).Message);

        // libtorch would abort the process on these; they must be refused first.
        var noise = new byte[torchState.Length];
        new Random(3).NextBytes(noise);
        Assert.Throws<ArgumentException>(() => RandomState.SetState(noise, shuffleState));
        var unseeded = (byte[])torchState.Clone();
        unseeded[12] = unseeded[13] = unseeded[14] = unseeded[15] = 0;
        Assert.Throws<ArgumentException>(() => RandomState.SetState(unseeded, shuffleState));

        // A valid state with other twister words is accepted.
        var other = (byte[])torchState.Clone();
        other[24 + 8] ^= 0xFF; // the low byte of twister word 1
        RandomState.SetState(other, shuffleState);
        Assert.NotEqual(draw, TorchSharp.torch.rand(3).data<float>().ToArray());
    }
}
