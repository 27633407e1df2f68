using System.Text;
using DeepKeras.Datasets;

namespace DeepKeras.Tests.Datasets;

public class PickledIntListsTests
{
    // Golden bytes from numpy 1.24: a = np.empty(2, dtype=object); a[0] = [1, 300]; a[1] = [70000].
    // np.save(f, a) (header + protocol-3 pickle):
    private const string NpySaveProtocol3 =
        "934e554d5059010076007b276465736372273a20277c4f272c2027666f727472616e5f6f72646572273a2046616c73652c2027736861" +
        "7065273a2028322c292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020" +
        "202020202020202020202020202020202020200a8003636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e737472" +
        "7563740a7100636e756d70790a6e6461727261790a71014b008571024301627103877104527105284b014b02857106636e756d70790a" +
        "64747970650a710758020000004f387108898887710952710a284b0358010000007c710b4e4e4e4affffffff4affffffff4b3f74710c" +
        "62895d710d285d710e284b014d2c01655d710f4a701101006165747110622e";

    // pickle.dumps(a, protocol=2): how numpy < 1.16 saved under Python 3 (bytes spelled as _codecs.encode('b', 'latin1')).
    private const string Protocol2 =
        "8002636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7100636e756d70790a6e646172726179" +
        "0a71014b00857102635f636f646563730a656e636f64650a7103580100000062710458060000006c6174696e31710586710652710787" +
        "7108527109284b014b0285710a636e756d70790a64747970650a710b58020000004f38710c898887710d52710e284b0358010000007c" +
        "710f4e4e4e4affffffff4affffffff4b3f74711062895d7111285d7112284b014d2c01655d71134a701101006165747114622e";

    // pickle.dumps(a, protocol=4): what numpy 2 writes (FRAME, SHORT_BINUNICODE, STACK_GLOBAL, MEMOIZE, BINGET).
    private const string Protocol4 =
        "8004959a000000000000008c156e756d70792e636f72652e6d756c74696172726179948c0c5f7265636f6e7374727563749493948c05" +
        "6e756d7079948c076e6461727261799493944b0085944301629487945294284b014b02859468038c0564747970659493948c024f3894" +
        "898887945294284b038c017c944e4e4e4affffffff4affffffff4b3f749462895d94285d94284b014d2c01655d944a70110100616574" +
        "94622e";

    private static readonly int[][] Golden = [[1, 300], [70000]];

    [Fact]
    public void TestWriter_EmitsExactlyNumpysBytes()
    {
        Assert.Equal(NpySaveProtocol3, Convert.ToHexStringLower(NumpyPickle.ObjectArrayNpy(Golden)));
    }

    [Fact]
    public void ReadIntLists_NumpySaveOutput_GivesTheLists()
    {
        var lists = NpyReader.ReadIntLists(new MemoryStream(Convert.FromHexString(NpySaveProtocol3)), "x_train");

        Assert.Equal(Golden, lists);
    }

    [Theory]
    [InlineData(Protocol2)]
    [InlineData(Protocol4)]
    public void Read_Protocols2And4_GiveTheSameLists(string hex)
    {
        Assert.Equal(Golden, PickledIntLists.Read(new MemoryStream(Convert.FromHexString(hex)), "x", 2));
    }

    [Fact]
    public void Read_ManyLongLists_UsesLongMemoKeysAndApplyBatches()
    {
        // 300 lists push the memo past 255 (LONG_BINPUT); lists of 1,000 and 2,001 items take several APPENDS batches
        // (the last of one item); values cover BININT1, BININT2, BININT and a negative BININT.
        var seqs = Enumerable.Range(0, 300).Select(i => new[] { i, i * 1000, -i }).ToList();
        seqs.Add(Enumerable.Range(0, 1000).ToArray());
        seqs.Add(Enumerable.Range(0, 2001).Select(k => k * 37).ToArray());
        seqs.Add([]);
        var expected = seqs.ToArray();

        var lists = PickledIntLists.Read(new MemoryStream(NumpyPickle.Protocol3(expected)), "x", expected.Length);

        Assert.Equal(expected, lists);
    }

    [Fact]
    public void Read_OsSystemPickle_IsRefusedBeforeAnythingRuns()
    {
        // The classic malicious pickle: os.system('touch pwned').
        var evil = Encoding.ASCII.GetBytes("cos\nsystem\n(S'touch pwned'\ntR.");

        var e = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(evil), "x_train", 1));

        Assert.Contains("Array 'x_train'", e.Message);
        Assert.Contains("'os.system'", e.Message);
        Assert.Contains("never runs code", e.Message);
    }

    [Fact]
    public void Read_UnknownOpcode_NamesItAndItsOffset()
    {
        // PROTO 3, then INST ('i'), which numpy never writes.
        var e = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream([0x80, 3, (byte)'i']), "x", 1));

        Assert.Contains("opcode 0x69 at byte 2", e.Message);
    }

    [Fact]
    public void Read_Truncated_SaysSo()
    {
        var bytes = NumpyPickle.Protocol3(Golden);

        var e = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(bytes[..^10]), "x", 2));

        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Read_LengthDiffersFromHeader_Throws()
    {
        var e = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(NumpyPickle.Protocol3(Golden)), "x", 3));

        Assert.Contains("shape (2), but the .npy header declares (3,)", e.Message);
    }

    [Fact]
    public void ReadIntLists_NumericArray_IsRejectedWithItsDtype()
    {
        var npy = DatasetFiles.Npy("<i8", [1], DatasetFiles.Longs(5));

        var e = Assert.Throws<InvalidDataException>(() => NpyReader.ReadIntLists(new MemoryStream(npy), "x_train"));

        Assert.Contains("dtype '<i8', expected an object array", e.Message);
    }
}
