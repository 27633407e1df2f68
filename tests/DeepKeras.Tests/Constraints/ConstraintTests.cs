using DeepKeras.Constraints;
using DeepKeras.Layers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Constraints;

/// <summary>The four Keras constraints: their math and configs against Keras's, names, factories and errors.</summary>
public sealed class ConstraintTests
{
    public static TheoryData<string> Cases => ["max_norm", "max_norm_axes", "min_max_norm", "non_neg", "unit_norm"];

    private static Constraint Make(string name) => name switch
    {
        "max_norm" => new MaxNorm(1.5),
        "max_norm_axes" => new MaxNorm(2.0, axis: (0, 1)),
        "min_max_norm" => new MinMaxNorm(0.5, 1.2, rate: 0.7, axis: 2),
        "non_neg" => new NonNeg(),
        _ => new UnitNorm(axis: -1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Call_MatchesKeras(string name)
    {
        var g = KerasGolden.Case("regconstraint_math");
        using var scope = NewDisposeScope();
        KerasGolden.AssertClose(g.Tensor(name), Make(name).Call(g.Tensor("w")), 1e-6, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_EqualsKerasConfig(string name)
    {
        var g = KerasGolden.Case("regconstraint_math");
        var keras = KerasJson.Parse(g.Json("configs")[name]!.ToJsonString());
        ConfigDiff.AssertEqual(keras, ConfigDiff.Json(KerasSerializer.Serialize(Make(name))), name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasConfig_Deserializes_ToTheSameConstraint(string name)
    {
        var g = KerasGolden.Case("regconstraint_math");
        var keras = KerasJson.Parse(g.Json("configs")[name]!.ToJsonString());
        var c = Keras.Saving.DeserializeKerasObject<Constraint>(keras!);
        Assert.Equal(Make(name).GetType(), c.GetType());
        using var scope = NewDisposeScope();
        KerasGolden.AssertClose(g.Tensor(name), c.Call(g.Tensor("w")), 1e-6, name);
    }

    [Theory]
    [InlineData("max_norm", typeof(MaxNorm))]
    [InlineData("MaxNorm", typeof(MaxNorm))]
    [InlineData("min_max_norm", typeof(MinMaxNorm))]
    [InlineData("MinMaxNorm", typeof(MinMaxNorm))]
    [InlineData("non_neg", typeof(NonNeg))]
    [InlineData("NonNeg", typeof(NonNeg))]
    [InlineData("unit_norm", typeof(UnitNorm))]
    [InlineData("UnitNorm", typeof(UnitNorm))]
    public void Get_ResolvesKerasNames(string identifier, Type expected)
    {
        Assert.IsType(expected, Keras.Constraints.Get(identifier));
        Assert.IsType(expected, (Constraint)identifier);
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Constraints.Get("max_nrm"));
        Assert.Contains("Could not interpret constraint identifier: max_nrm", e.Message);
        Assert.Contains("min_max_norm", e.Message);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var max = Keras.Constraints.MaxNorm();
        Assert.Equal(2.0, max.MaxValue);
        Assert.Equal([0], max.Axis);
        var mm = Keras.Constraints.MinMaxNorm();
        Assert.Equal((0.0, 1.0, 1.0), (mm.MinValue, mm.MaxValue, mm.Rate));
        Assert.Equal([0], Keras.Constraints.UnitNorm().Axis);
        Assert.Empty(Keras.Constraints.NonNeg().GetConfig());
        Assert.Equal("<MaxNorm max_value=3, axis=0>", new MaxNorm(3).ToString());
    }

    [Fact]
    public void MaxNorm_CapsEachColumnOfADenseKernel()
    {
        using var scope = NewDisposeScope();
        // Columns with norms 5 and 0.5: the first is scaled to norm 2, the second stays.
        var w = tensor(new float[] { 3, 0.3f, 4, 0.4f }).reshape(2, 2);
        var c = new MaxNorm(2).Call(w);
        var norms = c.square().sum(0L).sqrt();
        Assert.Equal(2.0, norms[0].item<float>(), 5);
        Assert.Equal(0.5, norms[1].item<float>(), 5);
    }

    [Fact]
    public void AxisOutOfRange_NamesTheConstraintAndTheShape()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => new UnitNorm(axis: 3).Call(ones(2, 2)));
        Assert.Contains("UnitNorm: axis 3 is out of range for a weight of rank 2", e.Message);
    }
}
