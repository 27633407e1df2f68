using NumSharp;

namespace DeepKeras.Tests.Utils;

public class ToCategoricalTests
{
    [Fact]
    public void ToCategorical_IntLabels_OneHotFloat32Rows()
    {
        var oneHot = Keras.Utils.ToCategorical(np.array(new[] { 0, 2, 1 }), 3);

        Assert.Equal(NPTypeCode.Single, oneHot.typecode);
        Assert.Equal(new long[] { 3, 3 }, oneHot.shape);
        Assert.Equal(new[] { 1f, 0, 0, /**/ 0, 0, 1, /**/ 0, 1, 0 }, oneHot.ToArray<float>());
    }

    [Fact]
    public void ToCategorical_NoNumClasses_UsesMaxPlusOne()
    {
        // max label 4 → 5 classes.
        var oneHot = Keras.Utils.ToCategorical(np.array(new byte[] { 4, 1 }));

        Assert.Equal(new long[] { 2, 5 }, oneHot.shape);
        Assert.Equal(new[] { 0f, 0, 0, 0, 1, /**/ 0, 1, 0, 0, 0 }, oneHot.ToArray<float>());
    }

    [Fact]
    public void ToCategorical_ColumnVector_DropsTrailingAxisOfOne()
    {
        var y = np.array(new long[] { 1, 0 }).reshape(2, 1);

        var oneHot = Keras.Utils.ToCategorical(y, 2);

        Assert.Equal(new long[] { 2, 2 }, oneHot.shape);
        Assert.Equal(new[] { 0f, 1, 1, 0 }, oneHot.ToArray<float>());
    }

    [Fact]
    public void ToCategorical_Matrix_AddsClassAxis()
    {
        var y = np.array(new[] { 0, 1, 1, 0 }).reshape(2, 2);

        var oneHot = Keras.Utils.ToCategorical(y, 2);

        Assert.Equal(new long[] { 2, 2, 2 }, oneHot.shape);
        Assert.Equal(1f, oneHot.GetSingle(0, 1, 1));
        Assert.Equal(0f, oneHot.GetSingle(0, 1, 0));
    }

    [Fact]
    public void ToCategorical_WholeFloatLabels_AreAccepted()
    {
        var oneHot = Keras.Utils.ToCategorical(np.array(new[] { 2.0f, 0.0f }), 3);

        Assert.Equal(new[] { 0f, 0, 1, 1, 0, 0 }, oneHot.ToArray<float>());
    }

    [Fact]
    public void ToCategorical_LabelNotBelowNumClasses_NamesTheBadLabels()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(np.array(new[] { 0, 3, 1, -1 }), 3));

        Assert.Contains("[0, 3)", e.Message);
        Assert.Contains("y[1]=3", e.Message);
        Assert.Contains("y[3]=-1", e.Message);
        Assert.Equal("y", e.ParamName);
    }

    [Fact]
    public void ToCategorical_FractionalLabels_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.ToCategorical(np.array(new[] { 1.0, 0.5 })));

        Assert.Contains("y[1]=0.5", e.Message);
    }

    [Fact]
    public void ToCategorical_NonPositiveNumClasses_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.ToCategorical(np.array(new[] { 0 }), 0));

        Assert.Equal("numClasses", e.ParamName);
    }
}
