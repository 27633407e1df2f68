using DeepKeras.Backend;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Backend;

public sealed class KerasDtypesTests
{
    public static TheoryData<string, string> Pairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (key, value) in KerasGolden.Case("ops_result_type").Json("result_type").AsObject())
            {
                data.Add(key, (string)value!);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ResultType_MatchesKerasResultType(string operands, string expected)
    {
        // "int" and "float" stand for Python scalars (weak types), as keras.backend.result_type(int32, float).
        var args = operands.Split(',').Select(d => d is "int" or "float" ? (d == "int" ? "int32" : "float32", true) : (d, false)).ToArray();
        Assert.Equal(expected, KerasDtypes.ResultType(args));
    }

    [Fact]
    public void ResultType_ZeroDimensionalTensorNextToATensor_ActsAsPythonScalar()
    {
        using var scope = NewDisposeScope();
        var ints = tensor(new[] { 1, 2 });
        Assert.Equal(ScalarType.Float32, KerasDtypes.ResultType(ints, tensor(0.5)));
        Assert.Equal(ScalarType.Int32, KerasDtypes.ResultType(ints, tensor(7L)));
        Assert.Equal(ScalarType.Float16, KerasDtypes.ResultType(ints.to(ScalarType.Float16), tensor(0.5)));
    }

    [Theory]
    [InlineData("float32", ScalarType.Float32)]
    [InlineData("INT32", ScalarType.Int32)]
    [InlineData("int", ScalarType.Int32)]
    [InlineData("uint8", ScalarType.Byte)]
    [InlineData("bfloat16", ScalarType.BFloat16)]
    [InlineData("bool", ScalarType.Bool)]
    public void ToTorch_KerasNames(string name, ScalarType expected) => Assert.Equal(expected, KerasDtypes.ToTorch(name, "test"));

    [Fact]
    public void ToTorch_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => KerasDtypes.ToTorch("floatz", "Ops.Cast"));
        Assert.Contains("Ops.Cast: invalid dtype 'floatz'", e.Message);
        Assert.Contains("float32", e.Message);
        Assert.Contains("Received: dtype=floatz", e.Message);
    }

    [Fact]
    public void Name_RoundTripsEveryKerasName()
    {
        foreach (var name in KerasDtypes.Names)
        {
            Assert.Equal(name, KerasDtypes.Name(KerasDtypes.ToTorch(name, "test")));
        }
    }
}
