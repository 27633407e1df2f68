using System.Text;
using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class PickleReaderTests
{
    // Python 2.7 cPickle.dumps({'data': a, 'labels': [3, 9], 'batch_label': 'training batch 1 of 5'}, 2) where `a` is a
    // (2, 4) uint8 array with values 0..7 (numpy's C reduce: fresh tuples, not memoized). Keys in Python 2 hash order.
    private const string Python2Cifar =
        "80027d710128550b62617463685f6c6162656c71025515747261696e696e672062617463682031206f662035710355066c6162656c7371045d" +
        "7105284b034b09655504646174617106636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7107636e75" +
        "6d70790a6e6461727261790a71084b008555016287527109284b014b024b0486636e756d70790a64747970650a710a550275314b004b018752" +
        "710b284b0355017c4e4e4e4affffffff4affffffff4b00746289550800010203040506077462752e";

    // Python 3.11 + numpy 1.24: pickle.dumps({'data': np.arange(6, dtype=np.uint8).reshape(2, 3), 'labels': [3, 9]}, 2):
    // bytes are written as _codecs.encode(str, 'latin1'), str as BINUNICODE.
    private const string Python3Protocol2 =
        "80027d7100285804000000646174617101636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7102636e" +
        "756d70790a6e6461727261790a71034b00857104635f636f646563730a656e636f64650a7105580100000062710658060000006c6174696e31" +
        "710786710852710987710a52710b284b014b024b0386710c636e756d70790a64747970650a710d58020000007531710e898887710f52711028" +
        "4b0358010000007c71114e4e4e4affffffff4affffffff4b00747112628968055806000000000102030405711368078671145271157471166258" +
        "060000006c6162656c7371175d7118284b034b0965752e";

    // The same with protocol 4 (FRAME, SHORT_BINUNICODE, STACK_GLOBAL, MEMOIZE, SHORT_BINBYTES), plus
    // 'f': np.array([1.5, -2.0], dtype='>f4'), a big-endian float array.
    private const string Python3Protocol4 =
        "800495fa000000000000007d94288c0464617461948c156e756d70792e636f72652e6d756c74696172726179948c0c5f7265636f6e73747275" +
        "63749493948c056e756d7079948c076e6461727261799493944b0085944301629487945294284b014b024b03869468058c0564747970659493" +
        "948c02753194898887945294284b038c017c944e4e4e4affffffff4affffffff4b00749462894306000102030405947494628c066c6162656c" +
        "73945d94284b034b09658c016694680468074b008594680987945294284b014b028594680e8c02663494898887945294284b038c013e944e4e" +
        "4e4affffffff4affffffff4b007494628943083fc00000c000000094749462752e";

    private static object? Load(byte[] bytes) => PickleReader.Load(new MemoryStream(bytes), "test.pkl");

    private static Dictionary<object, object?> LoadDict(string hex) => Assert.IsType<Dictionary<object, object?>>(Load(Convert.FromHexString(hex)));

    [Fact]
    public void Load_Python2CifarStylePickle_GivesByteKeysListsAndTheArray()
    {
        var dict = LoadDict(Python2Cifar);

        // Python 2 str is read as bytes (Keras's encoding="bytes").
        var keys = dict.Keys.Select(k => Encoding.ASCII.GetString(Assert.IsType<byte[]>(k))).ToList();
        Assert.Equal(["batch_label", "labels", "data"], keys);
        Assert.Equal("training batch 1 of 5"u8.ToArray(), dict["batch_label"u8.ToArray()]);
        Assert.Equal(new List<object?> { 3L, 9L }, dict["labels"u8.ToArray()]);
        var data = Assert.IsType<NDArray>(dict["data"u8.ToArray()]);
        Assert.Equal(new long[] { 2, 4 }, data.shape);
        Assert.Equal(NPTypeCode.Byte, data.typecode);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, data.ToArray<byte>());
    }

    [Fact]
    public void PickleBytes_WritesWhatCPickleWrites()
    {
        var bytes = PickleBytes.Protocol2(p => p.Dict(d => d
            .Str("batch_label").Str("training batch 1 of 5")
            .Str("labels").IntList([3, 9])
            .Str("data").NumpyArray([2, 4], "u1", "|", [0, 1, 2, 3, 4, 5, 6, 7])));

        Assert.Equal(Python2Cifar, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Load_Python3Protocol2_DecodesLatin1BytesAndStrKeys()
    {
        var dict = LoadDict(Python3Protocol2);

        Assert.Equal(["data", "labels"], dict.Keys.Cast<string>());
        var data = Assert.IsType<NDArray>(dict["data"]);
        Assert.Equal(new long[] { 2, 3 }, data.shape);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, data.ToArray<byte>());
        Assert.Equal(new List<object?> { 3L, 9L }, dict["labels"]);
    }

    [Fact]
    public void Load_Python3Protocol4_ReadsFramesMemoizeAndBigEndianFloats()
    {
        var dict = LoadDict(Python3Protocol4);

        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, Assert.IsType<NDArray>(dict["data"]).ToArray<byte>());
        var floats = Assert.IsType<NDArray>(dict["f"]);
        Assert.Equal(NPTypeCode.Single, floats.typecode);
        // '>f4' bytes 3f c0 00 00 = 1.5 and c0 00 00 00 = −2.0.
        Assert.Equal(new[] { 1.5f, -2.0f }, floats.ToArray<float>());
    }

    [Fact]
    public void Load_PlainValues_MapToDotNetTypes()
    {
        // (None, True, False, -1, 2**70, 0.5, u'é', [], (), {}) as Python 2 protocol 2 writes them.
        var bytes = PickleBytes.Protocol2(p => p
            .Op('(').Op('N').Op(0x88).Op(0x89).Int(-1)
            .Op(0x8a).Op(9).Raw([0, 0, 0, 0, 0, 0, 0, 0, 0x40])
            .Op('G').Raw([0x3f, 0xe0, 0, 0, 0, 0, 0, 0])
            .Op('X').Raw([2, 0, 0, 0, 0xc3, 0xa9])
            .Op(']').Op(')').Op('}').Op('t'));

        var tuple = Assert.IsType<PickleTuple>(Load(bytes));

        Assert.Null(tuple[0]);
        Assert.Equal(true, tuple[1]);
        Assert.Equal(false, tuple[2]);
        Assert.Equal(-1L, tuple[3]);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 70), tuple[4]);
        Assert.Equal(0.5, tuple[5]);
        Assert.Equal("é", tuple[6]);
        Assert.Empty(Assert.IsType<List<object?>>(tuple[7]));
        Assert.Equal(0, Assert.IsType<PickleTuple>(tuple[8]).Count);
        Assert.Empty(Assert.IsType<Dictionary<object, object?>>(tuple[9]));
    }

    [Theory]
    [InlineData("cos\nsystem\n(S'echo pwned'\ntR.", "'os.system'")]
    [InlineData("\u0080\u0002c__builtin__\neval\nq\u0001.", "'__builtin__.eval'")]
    [InlineData("\u0080\u0004\u008c\u0008builtins\u0094\u008c\u0004exec\u0094\u0093\u0094.", "'builtins.exec'")]
    public void Load_GlobalsOtherThanNumpyArrays_AreRefusedWithoutRunningAnything(string pickle, string named)
    {
        var bytes = pickle.Select(c => (byte)c).ToArray();

        var e = Assert.Throws<InvalidDataException>(() => Load(bytes));

        Assert.Contains(named, e.Message);
        Assert.Contains("never runs code", e.Message);
    }

    [Fact]
    public void Load_ObjectCreationOpcodes_AreRefused()
    {
        // NEWOBJ (0x81) would instantiate a class.
        var bytes = PickleBytes.Protocol2(p => p.Global("numpy", "ndarray").Op(')').Op(0x81));

        var e = Assert.Throws<InvalidDataException>(() => Load(bytes));

        Assert.Contains("opcode 0x81", e.Message);
    }

    [Fact]
    public void Load_NumpyObjectArray_IsRefused()
    {
        // An object array's state holds a list of Python objects instead of raw bytes.
        var bytes = PickleBytes.Protocol2(p => p
            .Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Op(0x85).Str("b", false).Op(0x87).Op('R')
            .Op('(').Int(1).Int(1).Op(0x85).Global("numpy", "dtype").Str("O8", false).Int(0).Int(1).Op(0x87).Op('R')
            .Op('(').Int(3).Str("|", false).Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(63).Op('t').Op('b')
            .Op(0x89).Op(']').Op('N').Op('a').Op('t').Op('b'));

        var e = Assert.Throws<InvalidDataException>(() => Load(bytes));

        Assert.Contains("array of Python objects", e.Message);
    }

    [Fact]
    public void Load_Truncated_SaysSo()
    {
        var bytes = Convert.FromHexString(Python2Cifar);

        var e = Assert.Throws<InvalidDataException>(() => Load(bytes[..^12]));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("test.pkl", e.Message);
    }

    [Fact]
    public void Load_HugeDeclaredLength_FailsWithoutAllocatingIt()
    {
        // BINSTRING declaring 2 GiB − 1 bytes, followed by 3.
        var bytes = new byte[] { 0x80, 2, (byte)'T', 0xff, 0xff, 0xff, 0x7f, 1, 2, 3 };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Load(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("2147483647 bytes", e.Message);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Load_StackMisuse_IsReportedAsDamage()
    {
        var e1 = Assert.Throws<InvalidDataException>(() => Load([0x80, 2, (byte)'a', (byte)'.']));
        Assert.Contains("empty stack", e1.Message);

        var e2 = Assert.Throws<InvalidDataException>(() => Load([0x80, 2, (byte)'K', 1, (byte)'e', (byte)'.']));
        Assert.Contains("MARK", e2.Message);

        var e3 = Assert.Throws<InvalidDataException>(() => Load([0x80, 2, (byte)'h', 7, (byte)'.']));
        Assert.Contains("memo entry 7", e3.Message);
    }
}
