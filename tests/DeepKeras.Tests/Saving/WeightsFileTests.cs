using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Saving;
using DeepKeras.Tests.Callbacks;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

public class WeightsFileTests
{
    private static Sequential Mlp(int hidden = 4, int outputs = 2, string? first = null) => new(
        [Keras.Input(shape: 3), new Dense(hidden, activation: "relu", name: first), new Dropout(0.1), new Dense(outputs)]);

    [Fact]
    public void SaveWeights_LoadWeights_CopiesEveryWeightExactly()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(10);
        var a = Mlp();
        var b = Mlp();
        var x = randn(4, 3);
        Assert.NotEqual(SavingTestUtil.Outputs(a, x)[0], SavingTestUtil.Outputs(b, x)[0]);

        a.SaveWeights(dir.File("a.weights.h5"));
        b.LoadWeights(dir.File("a.weights.h5"));
        SavingTestUtil.SameWeights(a, b);
        Assert.Equal(SavingTestUtil.Outputs(a, x)[0], SavingTestUtil.Outputs(b, x)[0]);

        var c = Mlp();
        a.Save(dir.File("a.keras"));
        c.LoadWeights(dir.File("a.keras"));
        SavingTestUtil.SameWeights(a, c);
    }

    [Fact]
    public void FileNames_FollowKerasRules()
    {
        using var dir = new TempDir();
        var model = Mlp();
        var e = Assert.Throws<ArgumentException>(() => model.SaveWeights(dir.File("w.h5")));
        Assert.Contains("The filename must end in `.weights.h5`. Received: filepath=", e.Message);
        Assert.Throws<ArgumentException>(() => model.LoadWeights(dir.File("w.bin")));
        Assert.Throws<FileNotFoundException>(() => model.LoadWeights(dir.File("missing.weights.h5")));
        Assert.Throws<FileNotFoundException>(() => Keras.Models.LoadModel(dir.File("missing.keras")));
        Assert.Throws<FileNotFoundException>(() => Keras.Models.LoadModel(dir.File("model.h5")));
        Assert.Contains("load `.weights.h5` files into a model with `LoadWeights`",
            Assert.Throws<ArgumentException>(() => Keras.Models.LoadModel(dir.File("model.weights.h5"))).Message);
    }

    [Fact]
    public void MismatchedModel_FailsWithoutChangingAnyWeight()
    {
        using var dir = new TempDir();
        Keras.Utils.SetRandomSeed(11);
        Mlp(outputs: 2).SaveWeights(dir.File("two.weights.h5"));
        var target = Mlp(outputs: 3);
        var before = target.GetWeights().Select(w => w.ToArray<float>()).ToList();

        var e = Assert.Throws<KerasFileException>(() => target.LoadWeights(dir.File("two.weights.h5")));
        Assert.Contains("two.weights.h5", e.Message);
        Assert.Contains("shape mismatch for 'layers/dense_1/vars/0': the model expects (4, 3), the file has (4, 2)", e.Message);
        Assert.Equal(before, target.GetWeights().Select(w => w.ToArray<float>()).ToList());

        var warnings = CallbackTestUtil.CaptureConsole(() => target.LoadWeights(dir.File("two.weights.h5"), skipMismatch: true), stderr: true);
        Assert.Contains("Skipping loading weights", warnings);
        Assert.NotEqual(before[0], target.GetWeights()[0].ToArray<float>());
        Assert.Equal(before[2], target.GetWeights()[2].ToArray<float>());
    }

    [Fact]
    public void MissingLayerGroup_IsReported()
    {
        using var dir = new TempDir();
        new Sequential([Keras.Input(shape: 3), new Dense(4)]).SaveWeights(dir.File("one.weights.h5"));
        var e = Assert.Throws<KerasFileException>(() => Mlp().LoadWeights(dir.File("one.weights.h5")));
        Assert.Contains("layer 'dense", e.Message);
        Assert.Contains("expected 2 variables, but received 0 variables during loading (group 'layers/dense_1/vars' is missing)", e.Message);
    }

    [Fact]
    public void OptimizerState_TravelsWithWeights()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 64, features: 3, classes: 2, seed: 12);
        var trained = Mlp();
        trained.Compile(optimizer: new RMSprop(0.01, momentum: 0.5, centered: true), loss: "sparse_categorical_crossentropy");
        trained.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        trained.SaveWeights(dir.File("state.weights.h5"));

        var fresh = Mlp();
        fresh.Compile(optimizer: new RMSprop(0.01, momentum: 0.5, centered: true), loss: "sparse_categorical_crossentropy");
        fresh.LoadWeights(dir.File("state.weights.h5"));
        Assert.Equal(4, fresh.Optimizer!.Iterations);
        var a = OptimizerState.SlotsInOrder(trained.Optimizer!, trained.TrainableWeights);
        var b = OptimizerState.SlotsInOrder(fresh.Optimizer, fresh.TrainableWeights);
        // velocity, momentum, average gradient for 4 variables
        Assert.Equal(12, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].data<float>().ToArray(), b[i].data<float>().ToArray());
        }

        // One more step from the same state gives the same weights.
        trained.TrainOnBatch(x.narrow(0, 0, 16), y.narrow(0, 0, 16));
        fresh.TrainOnBatch(x.narrow(0, 0, 16), y.narrow(0, 0, 16));
        SavingTestUtil.SameWeights(trained, fresh);
    }

    [Fact]
    public void WeightsFile_HasKerasLayout_ReadByH5py()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 8, features: 3, classes: 2, seed: 13);
        var model = new Sequential([Keras.Input(shape: 3), new Dense(4, name: "hidden"), new Dropout(0.2, name: "drop"), new Dense(2, name: "logits")], name: "layout_mlp");
        model.Compile(optimizer: new Adam(name: "adam"), loss: "sparse_categorical_crossentropy");
        model.TrainOnBatch(x, y);
        model.SaveWeights(dir.File("layout.weights.h5"));

        Assert.Equal(
            string.Join("\n",
                "G layers",
                "G layers/dense",
                "G layers/dense/vars name=hidden",
                "D layers/dense/vars/0 (3, 4) float32",
                "D layers/dense/vars/1 (4,) float32",
                "G layers/dense_1",
                "G layers/dense_1/vars name=logits",
                "D layers/dense_1/vars/0 (4, 2) float32",
                "D layers/dense_1/vars/1 (2,) float32",
                "G layers/dropout",
                "G layers/dropout/vars name=drop",
                "G optimizer",
                "G optimizer/vars name=adam",
                "D optimizer/vars/0 () int64",
                "D optimizer/vars/1 () float32",
                // m and v interleaved per variable: kernel, bias, kernel_1, bias_1
                "D optimizer/vars/2 (3, 4) float32",
                "D optimizer/vars/3 (3, 4) float32",
                "D optimizer/vars/4 (4,) float32",
                "D optimizer/vars/5 (4,) float32",
                "D optimizer/vars/6 (4, 2) float32",
                "D optimizer/vars/7 (4, 2) float32",
                "D optimizer/vars/8 (2,) float32",
                "D optimizer/vars/9 (2,) float32",
                "G vars name=layout_mlp"),
            PythonH5.Run("check_weights_layout.py", dir.File("layout.weights.h5")));
    }

    [Fact]
    public void KerasArchive_FunctionalLayout_ReadByH5py()
    {
        using var dir = new TempDir();
        var a = Keras.Input(shape: 2, name: "left");
        var b = Keras.Input(shape: 3, name: "right");
        var merged = new Concatenate(name: "merge").Apply(a, b);
        var output = new Dense(1, name: "score").Apply(new Dense(4, name: "features").Apply(merged));
        var model = new Functional([a, b], [output], name: "ranker");
        model.Save(dir.File("ranker.keras"));

        Assert.Equal(
            string.Join("\n",
                "Z metadata.json stored",
                "Z config.json stored",
                "Z model.weights.h5 stored",
                "G layers",
                "G layers/concatenate",
                "G layers/concatenate/vars name=merge",
                "G layers/dense",
                "G layers/dense/vars name=features",
                "D layers/dense/vars/0 (5, 4) float32",
                "D layers/dense/vars/1 (4,) float32",
                "G layers/dense_1",
                "G layers/dense_1/vars name=score",
                "D layers/dense_1/vars/0 (4, 1) float32",
                "D layers/dense_1/vars/1 (1,) float32",
                "G layers/input_layer",
                "G layers/input_layer/vars name=left",
                "G layers/input_layer_1",
                "G layers/input_layer_1/vars name=right",
                "G vars name=ranker"),
            PythonH5.Run("check_weights_layout.py", dir.File("ranker.keras")));
    }

    [Fact]
    public void RecurrentWrapperAndNormalizationLayout_ReadByH5py()
    {
        using var dir = new TempDir();
        var model = new Sequential(
            [
                Keras.Input(shape: (5, 3)),
                new LSTM(4, returnSequences: true, name: "encoder"),
                new Bidirectional(new GRU(2, returnSequences: true, name: "context"), name: "both_ways"),
                new TimeDistributed(new Dense(1, name: "per_step"), name: "steps"),
                new Flatten(name: "flat"),
                new BatchNormalization(name: "norm"),
            ],
            name: "seq_layout");
        model.SaveWeights(dir.File("rnn.weights.h5"));

        // Keras: the recurrent weights live in the layer's `cell` (lstm_cell, gru_cell; GRU's reset_after bias is (2, 3·units)),
        // Bidirectional keeps forward_layer/backward_layer, TimeDistributed its `layer`, BatchNormalization stores
        // gamma, beta, moving_mean, moving_variance.
        Assert.Equal(
            string.Join("\n",
                "G layers",
                "G layers/batch_normalization",
                "G layers/batch_normalization/vars name=norm",
                "D layers/batch_normalization/vars/0 (5,) float32",
                "D layers/batch_normalization/vars/1 (5,) float32",
                "D layers/batch_normalization/vars/2 (5,) float32",
                "D layers/batch_normalization/vars/3 (5,) float32",
                "G layers/bidirectional",
                "G layers/bidirectional/backward_layer",
                "G layers/bidirectional/backward_layer/cell",
                "G layers/bidirectional/backward_layer/cell/vars name=gru_cell",
                "D layers/bidirectional/backward_layer/cell/vars/0 (4, 6) float32",
                "D layers/bidirectional/backward_layer/cell/vars/1 (2, 6) float32",
                "D layers/bidirectional/backward_layer/cell/vars/2 (2, 6) float32",
                "G layers/bidirectional/backward_layer/vars name=backward_context",
                "G layers/bidirectional/forward_layer",
                "G layers/bidirectional/forward_layer/cell",
                "G layers/bidirectional/forward_layer/cell/vars name=gru_cell",
                "D layers/bidirectional/forward_layer/cell/vars/0 (4, 6) float32",
                "D layers/bidirectional/forward_layer/cell/vars/1 (2, 6) float32",
                "D layers/bidirectional/forward_layer/cell/vars/2 (2, 6) float32",
                "G layers/bidirectional/forward_layer/vars name=forward_context",
                "G layers/bidirectional/vars name=both_ways",
                "G layers/flatten",
                "G layers/flatten/vars name=flat",
                "G layers/lstm",
                "G layers/lstm/cell",
                "G layers/lstm/cell/vars name=lstm_cell",
                "D layers/lstm/cell/vars/0 (3, 16) float32",
                "D layers/lstm/cell/vars/1 (4, 16) float32",
                "D layers/lstm/cell/vars/2 (16,) float32",
                "G layers/lstm/vars name=encoder",
                "G layers/time_distributed",
                "G layers/time_distributed/layer",
                "G layers/time_distributed/layer/vars name=per_step",
                "D layers/time_distributed/layer/vars/0 (4, 1) float32",
                "D layers/time_distributed/layer/vars/1 (1,) float32",
                "G layers/time_distributed/vars name=steps",
                "G vars name=seq_layout"),
            PythonH5.Run("check_weights_layout.py", dir.File("rnn.weights.h5")));
    }
}
