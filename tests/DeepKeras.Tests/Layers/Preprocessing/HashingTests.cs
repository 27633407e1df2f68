using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class HashingTests
{
    private static readonly string[,] Abcde = { { "A" }, { "B" }, { "C" }, { "D" }, { "E" } };

    private static long[] Ids(Tensor t)
    {
        Assert.Equal(ScalarType.Int64, t.dtype);
        return t.data<long>().ToArray();
    }

    // keras/src/layers/preprocessing/hashing.py docstring examples, with the printed bins.
    [Fact]
    public void Docstring_FarmHash64()
    {
        var y = new Hashing(numBins: 3).Apply(Abcde);
        Assert.Equal(new long[] { 5, 1 }, y.shape);
        Assert.Equal([1L, 0, 1, 1, 2], Ids(y));
    }

    [Fact]
    public void Docstring_FarmHash64_WithMaskValue()
    {
        var y = new Hashing(numBins: 3, maskValue: "").Apply(new[,] { { "A" }, { "B" }, { "" }, { "C" }, { "D" } });
        Assert.Equal([1L, 1, 0, 2, 2], Ids(y));
    }

    [Fact]
    public void Docstring_SipHash64()
    {
        Assert.Equal([1L, 2, 1, 0, 2], Ids(new Hashing(numBins: 3, salt: [133, 137]).Apply(Abcde)));
    }

    [Fact]
    public void Docstring_SipHash64_SingleIntegerSalt()
    {
        var layer = new Hashing(numBins: 3, salt: [133]);
        Assert.Equal([0L, 0, 2, 1, 0], Ids(layer.Apply(Abcde)));
        Assert.Equal([133L, 133], layer.Salt);
    }

    [Fact]
    public void Integers_HashAsTheirDecimalText_InsideAModel()
    {
        // IntegerLookup's docstring gives the FarmHash buckets of these ids (4 buckets): [3, 3, 2, 2, 0, 1].
        var layer = new Hashing(numBins: 4);
        var ids = tensor(new long[] { 100, 300, 700, 1100, 1700, 2000 });
        Assert.Equal([3L, 3, 2, 2, 0, 1], Ids(layer.Apply(ids)));
        Assert.Equal(Ids(layer.Apply(["100", "300", "700", "1100", "1700", "2000"])), Ids(layer.Apply(ids.to(int32))));

        var input = Keras.Input(shape: 2, dtype: "int64");
        var model = Keras.Model(input, Keras.Layers.Hashing(numBins: 4, outputMode: "multi_hot").Apply(input));
        var encoded = model.Apply(tensor(new long[,] { { 100, 700 }, { 1700, 1700 } }));
        Assert.Equal(new long[] { 2, 4 }, encoded.shape);
        Assert.Equal(new float[] { 0, 0, 1, 1, 1, 0, 0, 0 }, encoded.data<float>().ToArray());
    }

    [Fact]
    public void OutputModes_OneHotAndCount()
    {
        var oneHot = new Hashing(numBins: 3, outputMode: "one_hot").Apply(Abcde);
        Assert.Equal(new long[] { 5, 3 }, oneHot.shape);
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1 }, oneHot.data<float>().ToArray());
        var count = new Hashing(numBins: 3, outputMode: "count").Apply(new[,] { { "A", "C", "E" } });
        Assert.Equal(new float[] { 0, 2, 1 }, count.data<float>().ToArray());
        Assert.Equal(new Shape(null, 3), new Hashing(3, outputMode: "count").ComputeOutputShape(new Shape(null, 5)));
    }

    [Fact]
    public void Config_HasKerasKeys_AndRoundTrips()
    {
        var layer = new Hashing(numBins: 5, maskValue: "", salt: [1, 2], name: "hash");
        var c = layer.GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "num_bins", "salt", "mask_value", "output_mode", "sparse"], c.Keys);
        Assert.Equal(5, c["num_bins"]);
        Assert.Equal(new long[] { 1, 2 }, c["salt"]);
        var back = Layer.FromConfig<Hashing>(c);
        Assert.Equal(Ids(layer.Apply(Abcde)), Ids(back.Apply(Abcde)));
    }

    [Fact]
    public void BadArguments_NameTheLayerAndArgument()
    {
        Assert.Contains("Received: num_bins=0", Assert.Throws<ArgumentOutOfRangeException>(() => new Hashing(0, name: "h0")).Message);
        var mode = Assert.Throws<ArgumentException>(() => new Hashing(3, outputMode: "tf_idf", name: "h1"));
        Assert.Contains("Hashing 'h1'", mode.Message);
        Assert.Equal("outputMode", mode.ParamName);
        Assert.Contains("can only be a tuple of size 2 integers", Assert.Throws<ArgumentException>(() => new Hashing(3, salt: [1, 2, 3])).Message);
        Assert.Contains("`sparse=True`", Assert.Throws<ArgumentException>(() => new Hashing(3, sparse: true)).Message);
    }
}
