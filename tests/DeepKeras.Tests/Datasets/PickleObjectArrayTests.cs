using System.Text;
using DeepKeras.Datasets;

namespace DeepKeras.Tests.Datasets;

/// <summary>The one pickle reader's object arrays, its integer-run fast path and the offsets in its errors.</summary>
public class PickleObjectArrayTests
{
    private static object? Read(byte[] bytes, bool objectArrays = true) =>
        PickleReader.Read(new MemoryStream(bytes), "t.pkl", objectArrays);

    // A numpy object array as numpy pickles it: _reconstruct, dtype('O8'), BUILD (1, shape, dtype, False, [elements]).
    private static byte[] ObjectArray(long[] shape, Action<PickleBytes> elements) => PickleBytes.Protocol2(p => p
        .Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Op(0x85).Str("b", false).Op(0x87).Op('R')
        .Op('(').Int(1).Then(q => q.Op('(').Then(r => Array.ForEach(shape, d => r.Int(d))).Op('t'))
        .Global("numpy", "dtype").Str("O8", false).Int(0).Int(1).Op(0x87).Op('R')
        .Op('(').Int(3).Str("|", false).Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(63).Op('t').Op('b')
        .Op(0x89).Op(']').Then(elements).Op('t').Op('b'));

    [Fact]
    public void Read_ObjectArray_BecomesTheListOfItsElements()
    {
        var bytes = ObjectArray([3], p => p.Op('(').Str("word").Op('N').IntList([7, 70000, -2]).Op('e'));

        var items = Assert.IsType<List<object?>>(Read(bytes));

        Assert.Equal(3, items.Count);
        Assert.Equal("word"u8.ToArray(), items[0]);
        Assert.Null(items[1]);
        Assert.Equal(new List<object?> { 7L, 70000L, -2L }, items[2]);
    }

    [Fact]
    public void Read_ObjectArrayOfTwoDimensionsOrWrongCount_IsDamage()
    {
        var twoD = ObjectArray([1, 1], p => p.Op('N').Op('a'));
        var short1 = ObjectArray([2], p => p.Op('N').Op('a'));

        var e2 = Assert.Throws<InvalidDataException>(() => Read(twoD));
        var e1 = Assert.Throws<InvalidDataException>(() => Read(short1));

        Assert.Contains("an object array of shape (1, 1) holds 1 elements; only 1-D object arrays", e2.Message);
        Assert.Contains("an object array of shape (2) holds 1 elements", e1.Message);
    }

    [Fact]
    public void Load_ObjectArray_IsRefusedAtItsBuildOpcode()
    {
        var bytes = ObjectArray([1], p => p.Op('N').Op('a'));

        var e = Assert.Throws<InvalidDataException>(() => Read(bytes, objectArrays: false));

        Assert.Contains($"'t.pkl' is a pickle that uses a numpy array of Python objects at byte {bytes.Length - 2}.", e.Message);
    }

    [Fact]
    public void IntegerRun_FollowedByOtherOpcodes_IsReadOneByOne()
    {
        // [1, 300, None] (the run meets NONE), then a tuple (1, 2) built after a MARK above a list, then [5, 6] where
        // the run of the last APPENDS is cut short by a memo get (memo 9 holds 5).
        var bytes = PickleBytes.Protocol2(p => p
            .Int(5).Op('q').Op(9).Op('0')
            .Op('(')
            .Op(']').Op('(').Int(1).Int(300).Op('N').Op('e')
            .Op(']').Op('(').Int(1).Int(2).Op('t').Op('a')
            .Op(']').Op('(').Op('h').Op(9).Int(6).Op('e')
            .Op('t'));

        var tuple = Assert.IsType<PickleTuple>(Read(bytes));

        Assert.Equal(new List<object?> { 1L, 300L, null }, tuple[0]);
        var withTuple = Assert.IsType<List<object?>>(tuple[1]);
        Assert.Equal(new object?[] { 1L, 2L }, Assert.IsType<PickleTuple>(Assert.Single(withTuple)).Items);
        Assert.Equal(new List<object?> { 5L, 6L }, tuple[2]);
    }

    [Fact]
    public void IntegerRun_Truncated_ReportsTheOffsetOfTheCutOpcode()
    {
        // PROTO 2, EMPTY_LIST, MARK, BININT1 1, BININT 3 of its 4 bytes.
        byte[] bytes = [0x80, 2, (byte)']', (byte)'(', (byte)'K', 1, (byte)'J', 1, 2, 3];

        var e = Assert.Throws<InvalidDataException>(() => Read(bytes));

        Assert.Equal(
            "'t.pkl' is not a valid pickle: it declares 4 bytes of data, but only 3 follow (the file is truncated) (opcode at byte 6).",
            e.Message);
    }

    [Fact]
    public void RefusedGlobal_NamesItsOffset()
    {
        var bytes = Encoding.Latin1.GetBytes("\u0080\u0002K\u0001cposix\nsystem\n.");

        var e = Assert.Throws<InvalidDataException>(() => Read(bytes));

        Assert.StartsWith("'t.pkl' is a pickle that uses the global 'posix.system' at byte 4.", e.Message);
    }

    [Fact]
    public void IntLists_ElementsOtherThanListsOfInt32_AreNamed()
    {
        var strElement = ObjectArray([2], p => p.Op('(').IntList([1, 2]).Str("oops").Op('e'));
        // [1, 2**40]: LONG1 with 6 bytes.
        var bigValue = ObjectArray([1], p => p.Op(']').Op('(').Int(1).Op(0x8a).Op(6).Raw([0, 0, 0, 0, 0, 1]).Op('e').Op('a'));
        var plainList = PickleBytes.Protocol2(p => p.IntList([1, 2]));

        var e1 = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(strElement), "x_test", 2));
        var e2 = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(bigValue), "x_test", 1));
        var e3 = Assert.Throws<InvalidDataException>(() => PickledIntLists.Read(new MemoryStream(plainList), "x_test", 2));

        Assert.Equal("Array 'x_test' cannot be read as a numpy object array of integer lists: element 1 is a bytes value, expected a list of integers.", e1.Message);
        Assert.Contains("element 0[1] is the integer 1099511627776, expected a 32-bit integer", e2.Message);
        Assert.Contains("element 0 is the integer 1, expected a list of integers", e3.Message);
    }
}
