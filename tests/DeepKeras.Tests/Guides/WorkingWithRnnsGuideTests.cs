using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Callbacks;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// The keras-io guide "Working with RNNs" (guides/working_with_rnns.py), cell by cell, against what Keras 3.15.1 prints
/// and computes (scripts/keras-golden/gen_guide_rnns.py). Inputs and weights come from a formula (<see cref="Formula"/>,
/// the same in the generator) instead of random draws, so both sides start from the same numbers.
/// <para>
/// Cells (after = now; before = at commit 46043e9, before issue 12):
/// <list type="table">
/// <item>1 imports — after: straight (usings; tensorflow is only imported here) — before: straight</item>
/// <item>2 Embedding → LSTM → Dense summary — after: straight — before: straight</item>
/// <item>3 GRU(return_sequences) → SimpleRNN summary — after: straight — before: straight</item>
/// <item>4 encoder-decoder: return_state, initial_state — after: other name (ApplySymbolic returns every output; the initial
/// states follow the sequence: Apply(x, h, c)) — before: other name</item>
/// <item>5 stateful LSTM over three paragraphs, reset_states — after: straight — before: straight</item>
/// <item>6 layer.states as the initial_state of a new LSTM — after: other name (States; Apply([x, .. states])) — before: other name</item>
/// <item>7 Bidirectional summary — after: straight — before: straight</item>
/// <item>8 build_model with LSTM or RNN(LSTMCell) — after: straight — before: impossible (no RNN layer, no LSTMCell)</item>
/// <item>9 mnist.load_data — after: straight (Datasets.Mnist.LoadData; this test uses Fashion-MNIST, as MNIST is not in this
/// machine's cache) — before: straight</item>
/// <item>10 compile and fit the LSTM model — after: straight — before: straight</item>
/// <item>11 RNN(LSTMCell) model: set_weights, compile, fit — after: straight — before: impossible (no RNN(LSTMCell))</item>
/// <item>12 CPU prediction of one sample — after: other name (tf.device dropped: CPU is the default device; tf.expand_dims and
/// tf.argmax are Ops.ExpandDims and Ops.Argmax; the plt.imshow plot is not drawn) — before: other name (torch ops)</item>
/// <item>13 NestedCell — impossible: needs TensorFlow (tf.TensorShape, tf.nest.flatten, tf.einsum on the cell's tensors) and
/// cells with nested per-step inputs, which RNNCell does not take (one input tensor per step) — before: impossible</item>
/// <item>14 RNN model over two input sequences — impossible: nested RNN inputs (cell 13) — before: impossible</item>
/// <item>15 fit on random nested data — impossible: the model of cell 14 — before: impossible</item>
/// </list>
/// After: 9 straight, 3 other name, 3 impossible. Before: 7 straight, 3 other name, 5 impossible.
/// </para>
/// </summary>
public sealed class WorkingWithRnnsGuideTests
{
    /// <summary>sin(0.37 · (i + offset)) · scale over the flat index i, as float32 (the generator's <c>formula</c>).</summary>
    private static Tensor Formula(long[] shape, int offset, double scale)
    {
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Math.Sin(0.37 * (i + (double)offset)) * scale);
        }

        return tensor(values).reshape(shape);
    }

    /// <summary>Sets every weight to the formula with a distinct offset (batch normalization keeps its own), as the generator.</summary>
    private static void FormulaWeights(Layer layer, int offset)
    {
        var weights = layer.Weights;
        for (var i = 0; i < weights.Count; i++)
        {
            if (!weights[i].Path.Contains("batch_normalization", StringComparison.Ordinal))
            {
                weights[i].Assign(Formula(weights[i].Value.shape, offset + 1000 * i, 0.1));
            }
        }
    }

    private static string SummaryOf(Model model, int lineLength = 88)
    {
        var lines = new List<string>();
        model.Summary(lineLength: lineLength, printFn: lines.Add);
        return string.Join("\n", lines).TrimEnd('\n');
    }

    private static string Expected(string name) => KerasGolden.Case("guide_rnns_summaries").Text(name).TrimEnd('\n');

    [Fact]
    public void Cell02_EmbeddingLstmDense_Summary()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Layers.Embedding(inputDim: 1000, outputDim: 64, name: "embedding"));
        model.Add(Keras.Layers.LSTM(128, name: "lstm"));
        model.Add(Keras.Layers.Dense(10, name: "dense"));
        Assert.Equal(Expected("cell02_unbuilt").Replace("\"sequential\"", $"\"{model.Name}\""), SummaryOf(model));

        model.Build(new Shape(null, null));
        Assert.Equal(Expected("cell02_built").Replace("\"sequential\"", $"\"{model.Name}\""), SummaryOf(model));
        Assert.Equal(164_106, model.CountParams());
    }

    [Fact]
    public void Cell03_GruReturnSequences_SimpleRnn_Summary()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Layers.Embedding(inputDim: 1000, outputDim: 64, name: "embedding"));
        model.Add(Keras.Layers.GRU(256, returnSequences: true, name: "gru"));
        model.Add(Keras.Layers.SimpleRNN(128, name: "simple_rnn"));
        model.Add(Keras.Layers.Dense(10, name: "dense"));
        model.Build(new Shape(null, null));
        Assert.Equal(Expected("cell03_built").Replace("\"sequential\"", $"\"{model.Name}\""), SummaryOf(model));
        Assert.Equal(new Shape(null, null, 256), model.Layers[1].OutputShape);
    }

    [Fact]
    public void Cell04_EncoderStates_InitializeTheDecoder()
    {
        const int encoderVocab = 1000;
        const int decoderVocab = 2000;
        var encoderInput = Keras.Input(shape: new int?[] { null }, name: "input_layer");
        var encoderEmbedded = Keras.Layers.Embedding(inputDim: encoderVocab, outputDim: 64, name: "embedding").Apply(encoderInput);
        var encoderOutputs = Keras.Layers.LSTM(64, returnState: true, name: "encoder").ApplySymbolic([encoderEmbedded]);
        var (stateH, stateC) = (encoderOutputs[1], encoderOutputs[2]);
        var decoderInput = Keras.Input(shape: new int?[] { null }, name: "input_layer_1");
        var decoderEmbedded = Keras.Layers.Embedding(inputDim: decoderVocab, outputDim: 64, name: "embedding_1").Apply(decoderInput);
        var decoderOutput = Keras.Layers.LSTM(64, name: "decoder").Apply(decoderEmbedded, stateH, stateC);
        var output = Keras.Layers.Dense(10, name: "dense").Apply(decoderOutput);
        var model = Keras.Model([encoderInput, decoderInput], [output], name: "functional");
        Assert.Equal(Expected("cell04"), SummaryOf(model, lineLength: 110));

        // With the generator's formula weights and tokens, the decoder's outputs are Keras's.
        var g = KerasGolden.Case("guide_rnns_summaries");
        var tokens = g.Json("cell04_tokens");
        Assert.Equal(tokens["weight_paths"]!.AsArray().Select(p => (string)p!), model.Weights.Select(w => w.Path));
        FormulaWeights(model, 3);
        Tensor Tokens(string key) => tensor(tokens[key]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (long)v!)).ToArray()).reshape(2, -1);
        var y = model.PredictTensors(ArrayLike.Many(Tokens("encoder"), Tokens("decoder")), verbose: 0)[0];
        KerasGolden.AssertClose(g.Tensor("cell04_output"), y, 1e-5, "decoder output");
    }

    private static readonly Tensor Paragraph1 = Formula([20, 10, 50], 1, 0.5) + 0.5;
    private static readonly Tensor Paragraph2 = Formula([20, 10, 50], 2, 0.5) + 0.5;
    private static readonly Tensor Paragraph3 = Formula([20, 10, 50], 3, 0.5) + 0.5;

    [Fact]
    public void Cell05_StatefulLstm_CarriesStateAcrossCalls_UntilResetStates()
    {
        var lstmLayer = Keras.Layers.LSTM(64, stateful: true);
        lstmLayer.Build(new Shape(20, 10, 50));
        FormulaWeights(lstmLayer, 11);
        var output = lstmLayer.Apply(Paragraph1);
        output = lstmLayer.Apply(Paragraph2);
        output = lstmLayer.Apply(Paragraph3);
        var g = KerasGolden.Case("guide_rnns_stateful");
        KerasGolden.AssertClose(g.Tensor("output3"), output, 1e-5, "output after three paragraphs");

        lstmLayer.ResetStates();
        Assert.All(lstmLayer.States!, s => Assert.Equal(0.0, s.abs().max().item<float>()));
        KerasGolden.AssertClose(g.Tensor("reset_output1"), lstmLayer.Apply(Paragraph1), 1e-5, "output after reset_states");
    }

    [Fact]
    public void Cell06_StatesOfOneLayer_AreTheInitialStateOfAnother()
    {
        var lstmLayer = Keras.Layers.LSTM(64, stateful: true);
        lstmLayer.Build(new Shape(20, 10, 50));
        FormulaWeights(lstmLayer, 11);
        var output = lstmLayer.Apply(Paragraph1);
        output = lstmLayer.Apply(Paragraph2);
        var existingState = lstmLayer.States!;
        var g = KerasGolden.Case("guide_rnns_stateful");
        KerasGolden.AssertClose(g.Tensor("output2"), output, 1e-5, "output2");
        KerasGolden.AssertClose(g.Tensor("state_h"), existingState[0], 1e-5, "h");
        KerasGolden.AssertClose(g.Tensor("state_c"), existingState[1], 1e-5, "c");

        var newLstmLayer = Keras.Layers.LSTM(64);
        newLstmLayer.Build(new Shape(20, 10, 50));
        FormulaWeights(newLstmLayer, 17);
        var newOutput = newLstmLayer.Apply([Paragraph3, .. existingState]);
        KerasGolden.AssertClose(g.Tensor("new_output"), newOutput, 1e-5, "new layer's output");
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], lstmLayer.Weights.Select(w => w.Name)); // the states are no weights
    }

    [Fact]
    public void Cell07_Bidirectional_Summary()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Layers.Bidirectional(Keras.Layers.LSTM(64, returnSequences: true), inputShape: (5, 10), name: "bidirectional"));
        model.Add(Keras.Layers.Bidirectional(Keras.Layers.LSTM(32), name: "bidirectional_1"));
        model.Add(Keras.Layers.Dense(10, name: "dense"));
        Assert.Equal(Expected("cell07").Replace("\"sequential\"", $"\"{model.Name}\""), SummaryOf(model));
    }

    private const int BatchSize = 64;
    private const int InputDim = 28;
    private const int Units = 64;
    private const int OutputSize = 10;

    private static Sequential BuildModel(bool allowCudnnKernel = true)
    {
        // Layer names fixed to Keras's auto-names of the generator: the tests share the name counters.
        Layer lstmLayer = allowCudnnKernel
            ? Keras.Layers.LSTM(Units, inputShape: new Shape(null, InputDim), name: "lstm")
            : Keras.Layers.RNN(Keras.Layers.LSTMCell(Units), inputShape: new Shape(null, InputDim), name: "rnn");
        return Keras.Sequential(
            lstmLayer,
            Keras.Layers.BatchNormalization(name: "batch_normalization"),
            Keras.Layers.Dense(OutputSize, name: "dense"));
    }

    /// <summary>The first 512 training and 128 test images of Fashion-MNIST, scaled to [0, 1] (the generator's slice).</summary>
    private static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadSlice()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.FashionMnist.LoadData();
        static Tensor Images(NumSharp.NDArray x, int n) =>
            tensor(x["0:" + n].ToArray<byte>()).reshape(n, 28, 28).to_type(ScalarType.Float32) / 255.0f;
        static Tensor Labels(NumSharp.NDArray y, int n) => tensor(y["0:" + n].ToArray<byte>()).to_type(ScalarType.Int64);
        return ((Images(xTrain, 512), Labels(yTrain, 512)), (Images(xTest, 128), Labels(yTest, 128)));
    }

    private static void AssertHistory(string name, History history)
    {
        var expected = KerasGolden.Case("guide_rnns_mnist").Json(name);
        foreach (var key in new[] { "loss", "accuracy", "val_loss", "val_accuracy" })
        {
            TestData.Near((double)expected[key]![0]!, history[key][0], 2e-4);
        }
    }

    [Fact]
    public void Cell08_to_12_LstmAndRnnLstmCell_TrainAsKeras_OnAFashionMnistSlice()
    {
        // MNIST is not in this machine's Keras cache: Fashion-MNIST (same shapes) in both Keras and here; 512 samples,
        // one epoch, no shuffling (the generator does the same), weights from the formula.
        var ((xTrain, yTrain), (xTest, yTest)) = LoadSlice();
        var sample = xTrain[0];

        var model = BuildModel(allowCudnnKernel: true);
        Assert.Equal(KerasGolden.Case("guide_rnns_mnist").Text("summary").TrimEnd('\n').Replace("\"sequential\"", $"\"{model.Name}\""), SummaryOf(model));
        FormulaWeights(model, 23);
        model.Compile(loss: new global::DeepKeras.Losses.SparseCategoricalCrossentropy(fromLogits: true), optimizer: "sgd", metrics: ["accuracy"]);
        var history = model.Fit(xTrain, yTrain, validationData: (xTest, yTest), batchSize: BatchSize, epochs: 1, shuffle: false, verbose: 0);
        AssertHistory("history_lstm", history);

        var noncudnnModel = BuildModel(allowCudnnKernel: false);
        noncudnnModel.SetWeights(model.GetWeights());
        noncudnnModel.Compile(loss: new global::DeepKeras.Losses.SparseCategoricalCrossentropy(fromLogits: true), optimizer: "sgd", metrics: ["accuracy"]);
        history = noncudnnModel.Fit(xTrain, yTrain, validationData: (xTest, yTest), batchSize: BatchSize, epochs: 1, shuffle: false, verbose: 0);
        AssertHistory("history_rnn_cell", history);

        // Cell 12: the first model's weights in a new model predict the sample on the CPU.
        var cpuModel = BuildModel(allowCudnnKernel: true);
        cpuModel.SetWeights(model.GetWeights());
        var logits = TensorConvert.ToTensor(cpuModel.PredictOnBatch(Keras.Ops.ExpandDims(sample, 0)), null);
        var result = Keras.Ops.Argmax(logits, axis: 1);
        var expected = KerasGolden.Case("guide_rnns_mnist");
        KerasGolden.AssertClose(expected.Tensor("sample_logits"), logits, 2e-4, "sample logits");
        Assert.Equal((long)expected.Json("sample_prediction")["predicted"]!, result[0].item<int>());
    }
}
