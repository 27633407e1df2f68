using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class IdxReaderTests
{
    [Fact]
    public void Read_GzippedImages_ShapeDtypeAndValuesFromHeader()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("images.gz", DatasetFiles.Idx([2, 3, 4], DatasetFiles.Ramp(24)));

        var images = IdxReader.Read(path);

        Assert.Equal(NPTypeCode.Byte, images.typecode);
        Assert.Equal(new long[] { 2, 3, 4 }, images.shape);
        // Row-major: element [1, 2, 3] is at 1·12 + 2·4 + 3 = 23.
        Assert.Equal(23, images.GetByte(1, 2, 3));
        Assert.Equal(DatasetFiles.Ramp(24), images.ToArray<byte>());
    }

    [Fact]
    public void Read_PlainLabels_NotGzipped_Works()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("labels", DatasetFiles.Idx([5], [9, 0, 3, 7, 1], gzip: false));

        var labels = IdxReader.Read(path);

        Assert.Equal(new long[] { 5 }, labels.shape);
        Assert.Equal(new byte[] { 9, 0, 3, 7, 1 }, labels.ToArray<byte>());
    }

    [Fact]
    public void Read_FloatMagic_ThrowsNamingTheMagicNumber()
    {
        using var home = new KerasHomeScope();
        var bytes = DatasetFiles.Idx([2], [1, 2], gzip: false);
        bytes[2] = 0x0d; // float32 element type
        var path = home.Put("floats.idx", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("0x00000d01", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void Read_TruncatedData_SaysHowMuchIsMissing()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("short.gz", DatasetFiles.Idx([2, 2, 2], DatasetFiles.Ramp(5)));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("(2, 2, 2) = 8 bytes", e.Message);
        Assert.Contains("only 5 follow the header", e.Message);
    }

    [Fact]
    public void Read_TrailingData_IsRejected()
    {
        using var home = new KerasHomeScope();
        var path = home.Put("long.gz", DatasetFiles.Idx([3], DatasetFiles.Ramp(4)));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("more data follows", e.Message);
    }

    [Fact]
    public void Read_DamagedGzip_ThrowsInvalidData()
    {
        using var home = new KerasHomeScope();
        var bytes = DatasetFiles.Idx([4], [1, 2, 3, 4]);
        Array.Fill(bytes, (byte)0xff, 10, bytes.Length - 10);
        var path = home.Put("damaged.gz", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, e.Message);
    }
}
