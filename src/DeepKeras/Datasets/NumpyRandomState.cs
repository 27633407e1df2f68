namespace DeepKeras.Datasets;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c> as far as <c>shuffle</c> needs it: the MT19937 generator seeded
/// with <c>init_genrand(seed)</c>, 32-bit draws, and the Fisher–Yates shuffle numpy runs on a 1-D array
/// (<c>for i in n-1 … 1: j = random_interval(i); swap(x[i], x[j])</c>, where <c>random_interval</c> masks draws to the
/// next power of two minus one and rejects values above <c>i</c>). With the same seed it puts elements in the same order
/// as numpy, so Keras datasets that shuffle with a seed (IMDB) come out in Keras's order.
/// </summary>
internal sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>Seeds the generator like <c>RandomState(seed)</c> with an integer seed.</summary>
    /// <param name="seed">The seed, 0 to 2³²−1.</param>
    public NumpyRandomState(uint seed)
    {
        _mt[0] = seed;
        for (var i = 1; i < N; i++)
        {
            _mt[i] = unchecked((1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30))) + (uint)i);
        }

        _index = N;
    }

    /// <summary>The next 32-bit output of MT19937 (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        var y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform integer in [0, <paramref name="max"/>] by masked rejection (numpy <c>random_interval</c>).</summary>
    /// <param name="max">The inclusive upper bound.</param>
    public ulong Interval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            // numpy's next_uint64 for MT19937 joins two 32-bit draws, the first as the high half.
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max)
            {
            }
        }

        return value;
    }

    /// <summary>Shuffles an array in place exactly as <c>RandomState.shuffle</c> shuffles a 1-D numpy array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The array.</param>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>np.arange(n)</c> shuffled: the permutation Keras applies with <c>x[indices]</c>.</summary>
    /// <param name="n">The number of indices.</param>
    public int[] ShuffledIndices(int n)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        Shuffle(indices);
        return indices;
    }

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var y = (_mt[i] & UpperMask) | (_mt[(i + 1) % N] & LowerMask);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0);
        }

        _index = 0;
    }
}
