using System.IO.Compression;
using System.Text.Json.Nodes;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Merging;

/// <summary>
/// The merge layers against Keras 3 (scripts/keras-golden/gen_merging.py): Keras-saved models load and predict Keras's
/// outputs, print Keras's summary, and the same models built in DeepKeras (with the layer classes and with the function
/// forms) compute the same values and save the config Keras writes. Masks from inputs are merged as Keras merges them.
/// </summary>
public sealed class MergeGoldenTests
{
    /// <summary>Each case's merge layer, as the generator made it.</summary>
    private static readonly Dictionary<string, Func<Merge>> Layers = new()
    {
        ["merge_add"] = () => new Add(name: "add"),
        ["merge_subtract"] = () => new Subtract(name: "subtract"),
        ["merge_multiply"] = () => new Multiply(name: "multiply"),
        ["merge_average"] = () => new Average(name: "average"),
        ["merge_maximum"] = () => new Maximum(name: "maximum"),
        ["merge_minimum"] = () => new Minimum(name: "minimum"),
        ["merge_add_broadcast"] = () => new Add(name: "add_b"),
        ["merge_multiply_broadcast"] = () => new Multiply(name: "multiply_b"),
        ["merge_concatenate"] = () => new Concatenate(axis: 1, name: "concatenate"),
        ["merge_dot"] = () => new Dot(1, name: "dot"),
        ["merge_dot_pair"] = () => new Dot((1, 2), name: "dot_pair"),
        ["merge_dot_normalize"] = () => new Dot(-1, normalize: true, name: "dot_norm"),
        ["merge_dot_mixed"] = () => new Dot((1, 2), name: "dot_mixed"),
        ["merge_dot_4d"] = () => new Dot((2, 1), name: "dot_4d"),
    };

    /// <summary>Each case through the function form (Keras <c>keras.layers.add(inputs)</c>, …).</summary>
    private static readonly Dictionary<string, Func<KerasTensor[], KerasTensor>> Functions = new()
    {
        ["merge_add"] = x => Keras.Layers.Add(x, name: "add"),
        ["merge_subtract"] = x => Keras.Layers.Subtract(x, name: "subtract"),
        ["merge_multiply"] = x => Keras.Layers.Multiply(x, name: "multiply"),
        ["merge_average"] = x => Keras.Layers.Average(x, name: "average"),
        ["merge_maximum"] = x => Keras.Layers.Maximum(x, name: "maximum"),
        ["merge_minimum"] = x => Keras.Layers.Minimum(x, name: "minimum"),
        ["merge_add_broadcast"] = x => Keras.Layers.Add(x, name: "add_b"),
        ["merge_multiply_broadcast"] = x => Keras.Layers.Multiply(x, name: "multiply_b"),
        ["merge_concatenate"] = x => Keras.Layers.Concatenate(x, axis: 1, name: "concatenate"),
        ["merge_dot"] = x => Keras.Layers.Dot(x, axes: 1, name: "dot"),
        ["merge_dot_pair"] = x => Keras.Layers.Dot(x, axes: (1, 2), name: "dot_pair"),
        ["merge_dot_normalize"] = x => Keras.Layers.Dot(x, axes: -1, normalize: true, name: "dot_norm"),
        ["merge_dot_mixed"] = x => Keras.Layers.Dot(x, axes: (1, 2), name: "dot_mixed"),
        ["merge_dot_4d"] = x => Keras.Layers.Dot(x, axes: (2, 1), name: "dot_4d"),
    };

    public static TheoryData<string> Cases => new(Layers.Keys);

    private static Tensor[] Inputs(KerasGolden g) =>
        Enumerable.Range(0, 3).Where(i => File.Exists(Path.Combine(g.Dir, $"x{i}.npy"))).Select(i => g.Tensor($"x{i}")).ToArray();

    private static KerasTensor[] SymbolicInputs(Tensor[] xs) =>
        xs.Select((x, i) => Keras.Input(shape: ((Shape)x.shape).WithoutBatch(), name: $"in{i}")).ToArray();

    /// <summary>Element-wise within 1e-5 of Keras, relative to the size of Keras's value.</summary>
    private static void AssertRelativeClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.to(float64).cpu();
        var excess = ((e - actual.detach().to(float64).cpu()).abs() - (1e-5 * (e.abs() + 1e-6))).max().item<double>();
        Assert.True(excess <= 0, $"{what}: differs from Keras by more than 1e-5 relative (excess {excess:E3})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PredictsKerasOutputs_AndPrintsKerasSummary(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Keras.Models.LoadModel(g.File("model.keras"));

        var y = model.PredictTensors(Inputs(g))[0];

        AssertRelativeClose(g.Tensor("y"), y, name);
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuiltInDeepKeras_ComputesKerasOutputs_AndSavesKerasConfig(string name)
    {
        var g = KerasGolden.Case(name);
        var xs = Inputs(g);
        var inputs = SymbolicInputs(xs);
        var layer = Layers[name]();
        var model = Keras.Model(inputs, [layer.Apply(inputs)], name: name);
        using var dir = new TempDir();

        AssertRelativeClose(g.Tensor("y"), model.PredictTensors(xs)[0], name);
        AssertRelativeClose(g.Tensor("y"), layer.Apply(xs), $"{name} (eager)");
        model.Save(dir.File("again.keras"));

        // The functional config (layers, their configs and build configs, the connections); the wrapper around it is the
        // saving work's (DeepKeras names a functional model "Model" of module "keras", which Keras also loads).
        var expected = ArchiveConfig(g.File("model.keras"))["config"]!;
        var actual = ArchiveConfig(dir.File("again.keras"))["config"]!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
        var layerJson = JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(layer)))!;
        Assert.True(JsonNode.DeepEquals(g.Json("layer"), layerJson), $"{name} layer: expected\n{g.Json("layer").ToJsonString()}\nactual\n{layerJson.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FunctionForm_OnSymbolicAndEagerTensors_ComputesKerasOutputs(string name)
    {
        var g = KerasGolden.Case(name);
        var xs = Inputs(g);
        var inputs = SymbolicInputs(xs);

        var output = Functions[name](inputs);
        var model = Keras.Model(inputs, [output], name: name);

        Assert.Equal(Layers[name]().GetType(), output.Layer.GetType());
        AssertRelativeClose(g.Tensor("y"), model.PredictTensors(xs)[0], name);
        Assert.True(JsonNode.DeepEquals(g.Json("layer")["config"], JsonNode.Parse(KerasJson.Write(output.Layer.GetConfig()))));
        var eager = name switch
        {
            "merge_concatenate" => Keras.Layers.Concatenate(xs, axis: 1),
            "merge_dot" => Keras.Layers.Dot(xs, axes: 1),
            "merge_dot_pair" or "merge_dot_mixed" => Keras.Layers.Dot(xs, axes: (1, 2)),
            "merge_dot_normalize" => Keras.Layers.Dot(xs, axes: -1, normalize: true),
            "merge_dot_4d" => Keras.Layers.Dot(xs, axes: (2, 1)),
            _ => ((Func<Tensor[], Tensor>)(name switch
            {
                "merge_subtract" => Keras.Layers.Subtract,
                "merge_multiply" or "merge_multiply_broadcast" => Keras.Layers.Multiply,
                "merge_average" => Keras.Layers.Average,
                "merge_maximum" => Keras.Layers.Maximum,
                "merge_minimum" => Keras.Layers.Minimum,
                _ => Keras.Layers.Add,
            }))(xs),
        };
        AssertRelativeClose(g.Tensor("y"), eager, $"{name} (eager function)");
    }

    private static JsonNode ArchiveConfig(string kerasFile)
    {
        using var zip = ZipFile.OpenRead(kerasFile);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    public static TheoryData<string, string> MaskCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kind in new[] { "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "concatenate_axis1", "dot" })
            {
                foreach (var pair in new[] { "ab", "ac", "ca" })
                {
                    data.Add(kind, pair);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MaskCases))]
    public void InputsWithMasks_MergeValuesAndMasksAsKeras(string kind, string pair)
    {
        var g = KerasGolden.Case("merge_masks");
        var embeddings = new Dictionary<char, Tensor>();
        foreach (var (id, tokens, maskZero) in new[] { ('a', "ta", true), ('b', "tb", true), ('c', "tb", false) })
        {
            var emb = new Embedding(10, 3, maskZero: maskZero);
            emb.Build(new Shape(null, 4));
            emb.SetWeights([g.Array($"emb_{id}")]);
            embeddings[id] = emb.Apply(g.Tensor(tokens));
        }

        Merge layer = kind switch
        {
            "add" => new Add(),
            "subtract" => new Subtract(),
            "multiply" => new Multiply(),
            "average" => new Average(),
            "maximum" => new Maximum(),
            "minimum" => new Minimum(),
            "concatenate" => new Concatenate(),
            "concatenate_axis1" => new Concatenate(axis: 1),
            _ => new Dot(2),
        };

        var output = layer.Apply([embeddings[pair[0]], embeddings[pair[1]]]);

        AssertRelativeClose(g.Tensor($"{kind}_{pair}_y"), output, $"{kind} {pair}");
        var mask = KerasMask.Get(output);
        Assert.Equal(g.Json("masked")[$"{kind}_{pair}"]!.GetValue<bool>(), mask is not null);
        if (mask is not null)
        {
            Assert.Equal(g.Tensor($"{kind}_{pair}_mask").to(ScalarType.Bool).data<bool>().ToArray(), mask.data<bool>().ToArray());
        }
    }

    [Fact]
    public void MergedMasks_ReachTheLstm_AsKeras()
    {
        var g = KerasGolden.Case("merge_masked_model");
        var x = new[] { g.Tensor("x0"), g.Tensor("x1") };

        var y = MaskedMergeModel(g, maskZero: true).PredictTensors(x)[0];

        AssertRelativeClose(g.Tensor("y"), y, "masked merge model");
        // Without masks the LSTM reads the padded steps too, and the outputs differ.
        var unmasked = MaskedMergeModel(g, maskZero: false).PredictTensors(x)[0];
        Assert.True((unmasked - g.Tensor("y")).abs().max().item<float>() > 1e-3);
    }

    /// <summary>The generator's model: two Embeddings, Multiply, Concatenate along time, LSTM; Keras's weights.</summary>
    private static Model MaskedMergeModel(KerasGolden g, bool maskZero)
    {
        var ia = Keras.Input(shape: 4, dtype: "int32", name: "tokens_a");
        var ib = Keras.Input(shape: 4, dtype: "int32", name: "tokens_b");
        var embA = new Embedding(10, 3, maskZero: maskZero, name: "emb_a");
        var embB = new Embedding(10, 3, maskZero: maskZero, name: "emb_b");
        var lstm = new LSTM(2, name: "lstm");
        var (xa, xb) = (embA.Apply(ia), embB.Apply(ib));
        var joined = Keras.Layers.Concatenate([Keras.Layers.Multiply(xa, xb), xb], axis: 1);
        var model = Keras.Model([ia, ib], [lstm.Apply(joined)], name: "masked_merge");
        embA.SetWeights([g.Array("emb_a_0")]);
        embB.SetWeights([g.Array("emb_b_0")]);
        lstm.SetWeights([g.Array("lstm_0"), g.Array("lstm_1"), g.Array("lstm_2")]);
        return model;
    }
}
