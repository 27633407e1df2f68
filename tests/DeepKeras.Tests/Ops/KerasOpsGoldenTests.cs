using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>
/// Every Keras.Ops call of the case tables against what Keras 3 computes for the same call on the same inputs
/// (scripts/keras-golden/gen_ops.py): the dtype name, the shape and the values (within 1e-5).
/// </summary>
public sealed class KerasOpsGoldenTests
{
    private static readonly Dictionary<string, Dictionary<string, Func<GoldenOps, Tensor>>> Cases = new()
    {
        ["ops_reductions"] = ReductionCases.Build(),
        ["ops_elementwise"] = ElementwiseCases.Build(),
        ["ops_binary"] = BinaryCases.Build(),
        ["ops_shape"] = ShapeCases.Build(),
        ["ops_nn"] = NnCases.Build(),
        ["ops_core"] = CoreCases.Build(),
    };

    private static readonly Dictionary<string, GoldenOps> Golden = [];

    public static TheoryData<string, string> Calls
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (caseName, calls) in Cases)
            {
                foreach (var name in calls.Keys.Order(StringComparer.Ordinal))
                {
                    data.Add(caseName, name);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Calls))]
    public void Op_MatchesKeras(string caseName, string name)
    {
        var g = Load(caseName);
        using var scope = NewDisposeScope();
        g.Check(name, Cases[caseName][name](g));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EveryKerasResult_HasACall(string caseName) =>
        Assert.Equal(Load(caseName).ResultNames, Cases[caseName].Keys.Order(StringComparer.Ordinal));

    private static GoldenOps Load(string caseName)
    {
        lock (Golden)
        {
            if (!Golden.TryGetValue(caseName, out var g))
            {
                g = GoldenOps.Load(caseName);
                Golden[caseName] = g;
            }

            return g;
        }
    }
}
