using System.Text.Json.Nodes;
using DeepKeras.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// One ops.json case written by scripts/keras-golden/gen_ops.py: named input tensors and what Keras 3 returned for each
/// named op call ({"dtype", "shape", "values"}). A test maps each result name to the same call on Keras.Ops/Keras.Random.
/// </summary>
internal sealed class GoldenOps
{
    private readonly JsonObject _inputs;
    private readonly JsonObject _results;
    private readonly Dictionary<string, Tensor> _tensors = [];

    private GoldenOps(JsonNode json)
    {
        _inputs = json["inputs"]!.AsObject();
        _results = json["results"]!.AsObject();
    }

    /// <summary>Loads a case.</summary>
    public static GoldenOps Load(string caseName) => new(KerasGolden.Case(caseName).Json("ops"));

    /// <summary>Gets the names of Keras's results, sorted.</summary>
    public IEnumerable<string> ResultNames => _results.Select(p => p.Key).Order(StringComparer.Ordinal);

    /// <summary>An input tensor with Keras's dtype (cached, detached from dispose scopes).</summary>
    public Tensor this[string input]
    {
        get
        {
            if (!_tensors.TryGetValue(input, out var t))
            {
                Assert.True(_inputs.ContainsKey(input), $"golden input '{input}' is missing");
                t = FromJson(_inputs[input]!).DetachFromDisposeScope();
                _tensors[input] = t;
            }

            return t;
        }
    }

    /// <summary>Asserts that <paramref name="actual"/> has Keras's dtype, shape and values for a result name.</summary>
    public void Check(string name, Tensor actual, double tol = 1e-5)
    {
        Assert.True(_results.ContainsKey(name), $"golden result '{name}' is missing: rerun scripts/keras-golden/run.sh gen_ops.py");
        var expected = _results[name]!;
        Assert.Equal((string)expected["dtype"]!, Keras.Ops.Dtype(actual));
        Assert.Equal(Shape(expected), actual.shape);
        using var scope = NewDisposeScope();
        var want = FromJson(expected).to(float64).cpu();
        var got = actual.detach().to(float64).cpu();
        var finite = want.isfinite();
        var far = (want - got).abs().gt(tol + tol * want.abs()).logical_or(got.isfinite().logical_not());
        var bad = finite.logical_and(far)
            .logical_or(want.isinf().logical_and(want.ne(got)))
            .logical_or(want.isnan().ne(got.isnan()));
        Assert.True(bad.sum().item<long>() == 0,
            $"{name}: values differ from Keras's. Expected [{Values(want)}], received [{Values(got)}]");
    }

    private static long[] Shape(JsonNode entry) => entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();

    private static Tensor FromJson(JsonNode entry)
    {
        var dtype = (string)entry["dtype"]!;
        var shape = Shape(entry);
        var values = entry["values"]!.AsArray();
        return dtype switch
        {
            "bool" => tensor(values.Select(v => (bool)v!).ToArray(), shape),
            _ when dtype.Contains("int", StringComparison.Ordinal) =>
                tensor(values.Select(v => (long)v!).ToArray(), shape).to(KerasDtypes.ToTorch(dtype, "golden")),
            _ => tensor(values.Select(Number).ToArray(), shape).to(KerasDtypes.ToTorch(dtype, "golden")),
        };
    }

    // gen_ops.py writes non-finite floats as "nan", "inf" and "-inf".
    private static double Number(JsonNode? v) => v!.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? double.Parse(((string)v!).Replace("inf", "Infinity", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
        : (double)v;

    private static string Values(Tensor t) => string.Join(", ", t.reshape(-1).data<double>().ToArray().Take(24).Select(v => v.ToString("G7")));
}
