using System.Buffers.Binary;
using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class NpzReaderTests
{
    [Fact]
    public void Read_SeveralDtypes_KeysShapesAndValues()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("arrays.npz", DatasetFiles.Npz(
            ("x", DatasetFiles.Npy("|u1", [2, 3], [0, 1, 2, 250, 251, 255])),
            ("y", DatasetFiles.Npy("<i8", [2], DatasetFiles.Longs(-7, 1L << 40))),
            ("w", DatasetFiles.Npy("<f4", [3], DatasetFiles.Floats(0.5f, -1.25f, 3e-8f)))));

        var arrays = NpzReader.Read(path);

        Assert.Equal(["w", "x", "y"], arrays.Keys.Order());
        Assert.Equal(NPTypeCode.Byte, arrays["x"].typecode);
        Assert.Equal(new long[] { 2, 3 }, arrays["x"].shape);
        Assert.Equal(250, arrays["x"].GetByte(1, 0));
        Assert.Equal(NPTypeCode.Int64, arrays["y"].typecode);
        Assert.Equal(new[] { -7L, 1L << 40 }, arrays["y"].ToArray<long>());
        Assert.Equal(NPTypeCode.Single, arrays["w"].typecode);
        Assert.Equal(new[] { 0.5f, -1.25f, 3e-8f }, arrays["w"].ToArray<float>());
    }

    [Fact]
    public void Read_BigEndianFloats_AreByteSwapped()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), -2f);

        var array = NpyReader.Read(new MemoryStream(DatasetFiles.Npy(">f4", [2], data)), "be");

        Assert.Equal(new[] { 1.5f, -2f }, array.ToArray<float>());
    }

    [Fact]
    public void Read_FortranOrder_GivesTheRowMajorArray()
    {
        // The 2×3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column is 1, 4, 2, 5, 3, 6.
        var npy = DatasetFiles.Npy("<f4", [2, 3], DatasetFiles.Floats(1, 4, 2, 5, 3, 6), fortranOrder: true);

        var array = NpyReader.Read(new MemoryStream(npy), "f");

        Assert.Equal(new long[] { 2, 3 }, array.shape);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, array.ToArray<float>());
    }

    [Fact]
    public void Read_PickledObjectArray_IsRefusedWithoutUnpickling()
    {
        // A pickle stream follows an object header; it must never be interpreted.
        var npy = DatasetFiles.Npy("|O", [2], [0x80, 0x04, 0x95, (byte)'c', (byte)'o', (byte)'s', 0x2e]);
        using var home = new KerasHomeScope();
        var path = home.Put("objects.npz", DatasetFiles.Npz(("seqs", npy)));

        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(path));

        Assert.Contains("Array 'seqs'", e.Message);
        Assert.Contains("pickle", e.Message);
        Assert.Contains("never unpickles", e.Message);
    }

    [Fact]
    public void Read_StructuredDtype_IsRefused()
    {
        var npy = DatasetFiles.Npy("", [1], new byte[8],
            rawHeader: "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }");

        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(npy), "rec"));

        Assert.Contains("structured dtype", e.Message);
    }

    [Fact]
    public void Read_UnknownDtype_ListsSupportedOnes()
    {
        var npy = DatasetFiles.Npy("<c8", [1], new byte[8]);

        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(npy), "c"));

        Assert.Contains("dtype '<c8'", e.Message);
        Assert.Contains("'<f4'", e.Message);
    }

    [Fact]
    public void Read_TruncatedData_NamesExpectedAndFoundBytes()
    {
        var npy = DatasetFiles.Npy("<f4", [4], DatasetFiles.Floats(1, 2, 3));

        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(npy), "t"));

        Assert.Contains("= 16 bytes", e.Message);
        Assert.Contains("only 12", e.Message);
    }

    [Fact]
    public void Read_HeaderWithCodeInsteadOfLiteral_IsRejected()
    {
        var npy = DatasetFiles.Npy("", [1], new byte[4],
            rawHeader: "{'descr': __import__('os').system('echo hi'), 'fortran_order': False, 'shape': (1,), }");

        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(npy), "evil"));

        Assert.Contains("invalid .npy header", e.Message);
    }

    [Fact]
    public void Read_NotAZip_SaysSo()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("bad.npz", "not a zip at all"u8.ToArray());

        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(path));

        Assert.Contains("not a valid .npz", e.Message);
    }
}
