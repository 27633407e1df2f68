using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepKeras.Callbacks;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>
/// The functional_api guide's "issue ticket" model (title, body, tags → priority, department), shrunk, against Keras
/// (scripts/keras-golden/gen_names.py): compiled with dictionaries and with lists, trained from Keras's initial weights
/// on dictionary data, its History, printed logs, Evaluate and predictions equal Keras's.
/// </summary>
public sealed partial class NamedOutputsGoldenTests
{
    private const int N = 24;
    private static readonly KerasGolden G = KerasGolden.Case("names_ticket");

    private static (KerasTensor[] Inputs, KerasTensor Priority, KerasTensor Department) TicketGraph()
    {
        var title = Keras.Input(shape: 5, name: "title");
        var body = Keras.Input(shape: 7, name: "body");
        var tags = Keras.Input(shape: 5, name: "tags");
        var t = new LSTM(6, name: "title_lstm").Apply(new Embedding(30, 8, name: "title_embedding").Apply(title));
        var b = new LSTM(4, name: "body_lstm").Apply(new Embedding(30, 8, name: "body_embedding").Apply(body));
        var features = new Concatenate(name: "features").Apply(t, b, tags);
        return ([title, body, tags], new Dense(1, name: "priority").Apply(features), new Dense(3, name: "department").Apply(features));
    }

    private static Functional TicketModel()
    {
        var (inputs, priority, department) = TicketGraph();
        var model = new Functional(inputs, [priority, department], name: "ticket");
        model.LoadWeights(G.File("initial.weights.h5"));
        return model;
    }

    private static Tensor Rows(string name, int start, int count) => G.Tensor(name).narrow(0, start, count);

    private static Dictionary<string, ArrayLike> X(int start = 0, int count = N) => new()
    {
        ["title"] = Rows("title", start, count),
        ["body"] = Rows("body", start, count),
        ["tags"] = Rows("tags", start, count),
    };

    private static Dictionary<string, ArrayLike> Y(string priority = "priority", string department = "department", int start = 0, int count = N) => new()
    {
        [priority] = Rows("priority", start, count),
        [department] = Rows("department", start, count),
    };

    private static (History History, string Printed) PrintedFit(Model model, ArrayLike x, ArrayLike y, int epochs,
        (ArrayLike X, ArrayLike Y)? validationData = null)
    {
        var text = new StringWriter();
        var history = model.Fit(x, y, batchSize: 8, epochs: epochs, verbose: 2, shuffle: false, validationData: validationData,
            callbacks: [new ProgbarLogger(text, dynamicDisplay: false)]);
        return (history, TimingField().Replace(text.ToString().Replace("\r\n", "\n"), ""));
    }

    [GeneratedRegex(@" - \d+s - \d+[mu]?s/step")]
    private static partial Regex TimingField();

    [GeneratedRegex(@"\d+\.\d+(e[+-]\d+)?")]
    private static partial Regex PrintedNumber();

    // The printed text equals Keras's, its numbers to one unit in the last printed digit (a float32 MAPE of 133.76135
    // prints 133.7614 or 133.7613 depending on the last bit).
    private static void AssertPrinted(string expected, string actual)
    {
        Assert.Equal(PrintedNumber().Replace(expected, "#"), PrintedNumber().Replace(actual, "#"));
        var want = PrintedNumber().Matches(expected).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var got = PrintedNumber().Matches(actual).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < want.Length; i++)
        {
            TestData.Near(want[i], got[i], 1.01e-4 * Math.Max(1, Math.Abs(want[i]) / 1000), $"printed number {i}");
        }
    }

    private static void AssertHistory(JsonNode expected, History history)
    {
        Assert.Equal(expected["history_keys"]!.AsArray().Select(k => (string)k!), history.HistoryData.Keys);
        foreach (var (key, values) in expected["history"]!.AsObject())
        {
            var actual = history[key];
            var want = values!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(want.Length, actual.Count);
            for (var i = 0; i < want.Length; i++)
            {
                // 1e-5, relative above 1 (float32 holds a MAPE of ~133 to about 1e-5 of its value).
                TestData.Near(want[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(want[i])), $"{key}[{i}]");
            }
        }
    }

    private static void AssertValues(JsonNode expected, IReadOnlyList<double> actual, string what)
    {
        var want = expected.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(want.Length, actual.Count);
        for (var i = 0; i < want.Length; i++)
        {
            TestData.Near(want[i], actual[i], 1e-5, $"{what}[{i}]");
        }
    }

    [Fact]
    public void DictCompileAndDictData_TrainAsKeras()
    {
        var expected = G.Json("results_dict");
        var model = TicketModel();
        model.Compile(
            optimizer: new RMSprop(1e-3),
            loss: new Dictionary<string, Loss?>
            {
                ["priority"] = new BinaryCrossentropy(fromLogits: true),
                ["department"] = new CategoricalCrossentropy(fromLogits: true),
            },
            lossWeights: new Dictionary<string, double> { ["priority"] = 1.0, ["department"] = 0.2 },
            metrics: new Dictionary<string, MetricsArg?> { ["priority"] = ["mae"], ["department"] = ["categorical_accuracy", "accuracy"] });

        var (history, printed) = PrintedFit(model, X(), Y(), epochs: 3, validationData: (X(N, 8), Y(start: N, count: 8)));

        AssertHistory(expected, history);
        AssertPrinted(G.Text("fit_dict_printed"), printed);
        var evaluated = model.Evaluate(X(), Y(), verbose: 0);
        AssertValues(expected["evaluate"]!, evaluated, "evaluate");
        Assert.Equal(expected["evaluate_dict_keys"]!.AsArray().Select(k => (string)k!).Order(StringComparer.Ordinal),
            evaluated.Names.Order(StringComparer.Ordinal));
        Assert.Equal(expected["output_names"]!.AsArray().Select(k => (string)k!), model.OutputNames);

        var error = Assert.Throws<InvalidOperationException>(() => model.Predict(X()));
        Assert.Contains("has 2 outputs (priority, department)", error.Message);
        Assert.Contains("PredictAll", error.Message);
        var predicted = model.PredictAll(X(), verbose: 0);
        Assert.Equal("list", (string)expected["predict_type"]!);
        Assert.False(predicted.IsDictionary);
        Assert.Equal(["priority", "department"], predicted.Names);
        KerasGolden.AssertClose(G.Tensor("predict_priority"), TensorConvert.ToTensor(predicted[0], null), 1e-5, "priority");
        KerasGolden.AssertClose(G.Tensor("predict_department"), TensorConvert.ToTensor(predicted["department"], null), 1e-5, "department");
    }

    [Fact]
    public void ListCompile_PerOutputMetricsAndNoLossHead_TrainAsKeras()
    {
        var expected = G.Json("results_list");
        var model = TicketModel();
        model.Compile(optimizer: new RMSprop(1e-3), loss: [null, new CategoricalCrossentropy(fromLogits: true)],
            metrics: [["mape", "mae"], ["categorical_accuracy"]]);
        var x = new[] { Rows("title", 0, N), Rows("body", 0, N), Rows("tags", 0, N) };
        var y = new[] { Rows("priority", 0, N), Rows("department", 0, N) };

        var (history, printed) = PrintedFit(model, x, y, epochs: 2);

        AssertHistory(expected, history);
        AssertPrinted(G.Text("fit_list_printed"), printed);
        Assert.DoesNotContain("priority_loss", printed);
        Assert.DoesNotContain("department_mae", printed);
        AssertValues(expected["evaluate"]!, model.Evaluate(x, y, verbose: 0), "evaluate");
    }

    [Fact]
    public void DictOutputs_NameLogsAndPredictionsByKey_AsKeras()
    {
        var expected = G.Json("results_dict_outputs");
        var (inputs, priority, department) = TicketGraph();
        var model = new Functional(
            new Dictionary<string, KerasTensor> { ["title"] = inputs[0], ["body"] = inputs[1], ["tags"] = inputs[2] },
            new Dictionary<string, KerasTensor> { ["score"] = priority, ["dept"] = department }, name: "ticket_dict");
        var source = TicketModel();
        foreach (var layer in source.Layers)
        {
            model.GetLayer(layer.Name).SetWeights(layer.GetWeights());
        }

        model.Compile(optimizer: new RMSprop(1e-3),
            loss: new Dictionary<string, Loss?>
            {
                ["score"] = new BinaryCrossentropy(fromLogits: true),
                ["dept"] = new CategoricalCrossentropy(fromLogits: true),
            },
            lossWeights: new Dictionary<string, double> { ["score"] = 1.0, ["dept"] = 0.2 },
            metrics: new Dictionary<string, MetricsArg?> { ["score"] = "mae" });
        var history = model.Fit(X(), Y("score", "dept"), batchSize: 8, epochs: 2, shuffle: false, verbose: 0);

        AssertHistory(expected, history);
        AssertValues(expected["evaluate"]!, model.Evaluate(X(), Y("score", "dept"), verbose: 0), "evaluate");
        Assert.Equal(expected["output_names"]!.AsArray().Select(k => (string)k!), model.OutputNames);
        var predicted = model.PredictAll(X(), verbose: 0);
        Assert.Equal("dict", (string)expected["predict_type"]!);
        Assert.True(predicted.IsDictionary);
        Assert.Equal(expected["predict_keys"]!.AsArray().Select(k => (string)k!), predicted.Names);
        KerasGolden.AssertClose(G.Tensor("dict_predict_score"), TensorConvert.ToTensor(predicted["score"], null), 1e-5, "score");
        KerasGolden.AssertClose(G.Tensor("dict_predict_dept"), TensorConvert.ToTensor(predicted["dept"], null), 1e-5, "dept");
    }
}
