using NumSharp;

namespace DeepKeras.Tests.Utils;

public class PadSequencesTests
{
    private static readonly int[][] Sequence = [[1], [2, 3], [4, 5, 6]];

    private static int[,] ToMatrix(NDArray a)
    {
        Assert.Equal(2, a.ndim);
        var values = a.ToArray<int>();
        var m = new int[a.shape[0], a.shape[1]];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(int));
        return m;
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        // keras.utils.pad_sequences docstring: default, value=-1, padding='post', maxlen=2.
        Assert.Equal(new[,] { { 0, 0, 1 }, { 0, 2, 3 }, { 4, 5, 6 } }, ToMatrix(Keras.Utils.PadSequences(Sequence)));
        Assert.Equal(new[,] { { -1, -1, 1 }, { -1, 2, 3 }, { 4, 5, 6 } }, ToMatrix(Keras.Utils.PadSequences(Sequence, value: -1)));
        Assert.Equal(new[,] { { 1, 0, 0 }, { 2, 3, 0 }, { 4, 5, 6 } }, ToMatrix(Keras.Utils.PadSequences(Sequence, padding: "post")));
        Assert.Equal(new[,] { { 0, 1 }, { 2, 3 }, { 5, 6 } }, ToMatrix(Keras.Utils.PadSequences(Sequence, maxlen: 2)));
    }

    [Fact]
    public void DefaultDtypeIsInt32_AndMaxlenDefaultsToLongest()
    {
        var x = Keras.Utils.PadSequences(new List<List<int>> { new() { 7, 8, 9, 10 }, new() { 1 } });
        Assert.Equal(NPTypeCode.Int32, x.typecode);
        Assert.Equal(new long[] { 2, 4 }, x.shape.Select(d => (long)d).ToArray());
        Assert.Equal(new[,] { { 7, 8, 9, 10 }, { 0, 0, 0, 1 } }, ToMatrix(x));
    }

    [Fact]
    public void Truncation_PreKeepsTheEnd_PostKeepsTheStart()
    {
        int[][] seq = [[1, 2, 3, 4, 5], [6]];
        Assert.Equal(new[,] { { 3, 4, 5 }, { 0, 0, 6 } }, ToMatrix(Keras.Utils.PadSequences(seq, maxlen: 3)));
        Assert.Equal(new[,] { { 1, 2, 3 }, { 0, 0, 6 } }, ToMatrix(Keras.Utils.PadSequences(seq, maxlen: 3, truncating: "post")));
        Assert.Equal(new[,] { { 1, 2, 3 }, { 6, 0, 0 } },
            ToMatrix(Keras.Utils.PadSequences(seq, maxlen: 3, padding: "post", truncating: "post")));
        Assert.Equal(new[,] { { 3, 4, 5 }, { 6, 9, 9 } }, ToMatrix(Keras.Utils.PadSequences(seq, maxlen: 3, padding: "post", value: 9)));
    }

    [Fact]
    public void EmptySequence_IsAllPadding_AndLongerMaxlenPads()
    {
        int[][] seq = [[], [5, 6]];
        Assert.Equal(new[,] { { 0, 0, 0, 0 }, { 0, 0, 5, 6 } }, ToMatrix(Keras.Utils.PadSequences(seq, maxlen: 4)));
        var none = Keras.Utils.PadSequences(Array.Empty<int[]>(), maxlen: 3);
        Assert.Equal(new[] { 0, 3 }, none.shape.Select(d => (int)d).ToArray());
    }

    [Fact]
    public void FloatDtype_KeepsFractionalValue_IntDtypeTruncatesIt()
    {
        var f = Keras.Utils.PadSequences(Sequence, dtype: "float32", value: 0.5);
        Assert.Equal(NPTypeCode.Single, f.typecode);
        Assert.Equal(new[] { 0.5f, 0.5f, 1f, 0.5f, 2f, 3f, 4f, 5f, 6f }, f.ToArray<float>());
        // numpy's np.full(..., 1.7, dtype="int32") stores 1.
        Assert.Equal(1, Keras.Utils.PadSequences(Sequence, value: 1.7).ToArray<int>()[0]);
        Assert.Equal(NPTypeCode.Int64, Keras.Utils.PadSequences(Sequence, dtype: "int64").typecode);
        Assert.Equal(NPTypeCode.Byte, Keras.Utils.PadSequences(Sequence, dtype: "uint8").typecode);
    }

    [Fact]
    public void BadArguments_GiveKerasMessages()
    {
        var ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, padding: "middle"));
        Assert.Contains("Padding type \"middle\" not understood", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, truncating: "both"));
        Assert.Contains("Truncating type \"both\" not understood", ex.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.PadSequences(Sequence, maxlen: 0));
        Assert.Contains("Received: maxlen=0", range.Message);
        ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, dtype: "string"));
        Assert.Contains("Expected one of: int32, int64, float32, float64, uint8", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(new[] { new[] { 1 }, null! }));
        Assert.Contains("`sequences` must be a list of iterables. Found non-iterable: null (at position 1)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences(Sequence, dtype: "uint8", value: -1));
        Assert.Contains("`value`=-1 is out of bounds for dtype uint8", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Keras.Utils.PadSequences([[300]], dtype: "uint8"));
        Assert.Contains("Value 300 of sequence 0 is out of bounds for dtype uint8", ex.Message);
    }
}
