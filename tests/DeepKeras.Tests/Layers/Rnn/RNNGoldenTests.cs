using System.Text.Json.Nodes;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>
/// Keras-saved <c>RNN(cell)</c> models (scripts/keras-golden/gen_rnncell.py) load in DeepKeras, predict Keras's outputs,
/// print Keras's summary, serialize their RNN layer as Keras does, and save again with Keras's weight layout (compared
/// with the weights file of the Keras-saved model, as h5py lists it).
/// </summary>
public sealed class RNNGoldenTests
{
    public static TheoryData<string> SavedModels => new()
    {
        "rnncell_list", "rnncell_simple", "rnncell_lstm_seq", "rnncell_gru_state", "rnncell_gru_before", "rnncell_stacked",
        "rnncell_masked", "rnncell_zero_output", "rnncell_minimal", "rnncell_minimal_stack",
    };

    private static Model Load(KerasGolden g)
    {
        MinimalRNNCell.Register();
        return Keras.Models.LoadModel(g.File("model.keras"));
    }

    [Theory]
    [MemberData(nameof(SavedModels))]
    public void KerasSavedModel_PredictsKerasOutputs(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Load(g);

        var outputs = model.PredictTensors(g.Tensor("x0"));

        var expected = Enumerable.Range(0, outputs.Length + 1).TakeWhile(i => System.IO.File.Exists(Path.Combine(g.Dir, $"y{i}.npy"))).Count();
        Assert.Equal(expected, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            KerasGolden.AssertClose(g.Tensor($"y{i}"), outputs[i], 1e-6, $"{name} output {i}");
        }
    }

    [Theory]
    [MemberData(nameof(SavedModels))]
    public void KerasSavedModel_PrintsKerasSummary(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Load(g);

        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);

        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(SavedModels))]
    public void SavedAgain_HasKerasWeightLayout(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Load(g);
        using var dir = new TempDir();

        model.Save(dir.File("again.keras"));

        Assert.Equal(WeightLayout(g.File("model.keras")), WeightLayout(dir.File("again.keras")));
    }

    /// <summary>The groups and datasets of a .keras file's weights as h5py lists them (names, shapes, dtypes).</summary>
    private static string WeightLayout(string kerasFile) => string.Join("\n",
        PythonH5.Run("check_weights_layout.py", kerasFile).Split('\n').Where(l => !l.StartsWith("Z ", StringComparison.Ordinal)));

    [Theory]
    [InlineData("rnncell_list")]
    [InlineData("rnncell_simple")]
    [InlineData("rnncell_lstm_seq")]
    [InlineData("rnncell_gru_state")]
    [InlineData("rnncell_gru_before")]
    [InlineData("rnncell_stacked")]
    [InlineData("rnncell_zero_output")]
    [InlineData("rnncell_minimal")]
    [InlineData("rnncell_minimal_stack")]
    public void RnnLayer_SerializesAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var expected = g.Json("rnn_config");
        var rnn = Load(g).Layers.OfType<RNN>().Single(l => l.Name == expected["config"]!["name"]!.GetValue<string>());

        var actual = JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(rnn)))!;

        WithoutConfigWorkDifferences(expected);
        WithoutConfigWorkDifferences(actual);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }

    /// <summary>
    /// Removes the two differences that belong to the config round-trip work, not to the RNN layer: Keras 3.15's
    /// initializers also write <c>input_axes</c>/<c>output_axes</c> (null here), and Keras writes <c>"module": null</c> for a
    /// registered custom class (DeepKeras writes the .NET namespace).
    /// </summary>
    internal static void WithoutConfigWorkDifferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "input_axes", "output_axes" })
                {
                    if (o.TryGetPropertyValue(key, out var v) && v is null)
                    {
                        o.Remove(key);
                    }
                }

                if (o["registered_name"] is JsonValue && o.ContainsKey("class_name"))
                {
                    o.Remove("module");
                }

                foreach (var (_, child) in o.ToList())
                {
                    WithoutConfigWorkDifferences(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    WithoutConfigWorkDifferences(child);
                }

                break;
        }
    }

    [Fact]
    public void LstmCellOn28Features_Has23808Parameters_AsKeras()
    {
        var model = new Sequential(
            [Keras.Input(shape: new Shape(null, 28)), new RNN(new LSTMCell(64, name: "lstm64_cell"), name: "lstm64")],
            name: "lstm_params");

        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);

        Assert.Equal(23_808, model.CountParams());
        Assert.Equal(KerasGolden.Case("rnncell_lstm_params").Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Fact]
    public void StackedCellsBuiltInCSharp_SaveKerasWeightLayout()
    {
        var g = KerasGolden.Case("rnncell_stacked");
        var input = Keras.Input(shape: (5, 3), name: "seq");
        var cells = new StackedRNNCells(
            [new LSTMCell(4, name: "c_lstm"), new GRUCell(3, name: "c_gru"), new SimpleRNNCell(2, name: "c_simple")], name: "stack");
        var outputs = new RNN(cells, returnSequences: true, returnState: true, name: "stacked").ApplySymbolic([input]);
        var model = new Functional([input], outputs, name: "stacked_model");
        using var dir = new TempDir();

        model.Save(dir.File("stacked.keras"));

        var layout = WeightLayout(dir.File("stacked.keras"));
        Assert.Equal(WeightLayout(g.File("model.keras")), layout);
        Assert.Contains("D layers/rnn/cell/cells/gru_cell/vars/2 (2, 9) float32", layout);
        Assert.Equal(5, outputs.Length);
        Assert.Equal(
            ["(None, 5, 2)", "(None, 4)", "(None, 4)", "(None, 3)", "(None, 2)"],
            outputs.Select(o => o.Shape.ToString()));
    }
}
