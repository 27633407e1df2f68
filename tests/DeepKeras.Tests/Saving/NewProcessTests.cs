using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Regularizers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Models saved here are loaded by tests/DeepKeras.SaveCheck, a separate process with its own name counters,
/// registry and random state: its predictions must equal ours bit for bit, and training resumed there must equal
/// uninterrupted training here.
/// </summary>
public class NewProcessTests
{
    private static readonly Func<Tensor, Tensor> Halve = t => t * 0.5;

    private static (int Code, string Error) RunSaveCheck(params string[] args)
    {
        var run = ChildProcess.Run(ChildProcess.DotnetHost, [ChildProcess.HelperDll("DeepKeras.SaveCheck"), .. args], TimeSpan.FromSeconds(120));
        Assert.False(run.TimedOut, "DeepKeras.SaveCheck did not finish within 120 s");
        return (run.ExitCode, run.Error);
    }

    private static void WriteTensors(string path, params Tensor[] tensors)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (var t in tensors)
        {
            var c = t.detach().cpu().contiguous().to(float32);
            writer.Write((int)c.dim());
            foreach (var d in c.shape)
            {
                writer.Write(d);
            }

            foreach (var v in c.data<float>())
            {
                writer.Write(v);
            }
        }
    }

    private static List<(long[] Shape, float[] Data)> ReadTensors(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var result = new List<(long[], float[])>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var dims = new long[reader.ReadInt32()];
            for (var i = 0; i < dims.Length; i++)
            {
                dims[i] = reader.ReadInt64();
            }

            var data = new float[dims.Aggregate(1L, (a, d) => a * d)];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = reader.ReadSingle();
            }

            result.Add((dims, data));
        }

        return result;
    }

    private static IEnumerable<(string Name, Model Model, Tensor[] Inputs)> Zoo()
    {
        Keras.Utils.SetRandomSeed(41);
        yield return ("mlp", Keras.Sequential(Keras.Input(shape: 6), Keras.Layers.Dense(8, activation: "relu", kernelRegularizer: new L2(0.01)),
            Keras.Layers.Dropout(0.3), Keras.Layers.Dense(4, activation: "softmax")), [randn(5, 6)]);
        yield return ("reshape", new Sequential(new Dense(12, inputShape: 6), new Reshape([3, 4]), new Activation("tanh"), new Flatten(), new Dense(2)), [randn(3, 6)]);

        var a = Keras.Input(shape: 4);
        var b = Keras.Input(shape: 4);
        var shared = new Dense(5, activation: "elu");
        var sum = Keras.Layers.Add().Apply(shared.Apply(a), shared.Apply(b));
        var cat = Keras.Layers.Concatenate().Apply(sum, a);
        yield return ("graph", Keras.Model([a, b], [new Dense(1, activation: "sigmoid").Apply(cat), new Dense(3).Apply(sum)]), [randn(4, 4), randn(4, 4)]);

        var inner = new Sequential(new Dense(6, activation: "relu", inputShape: 3), new Dense(2));
        var x = Keras.Input(shape: 3);
        yield return ("nested", Keras.Model(x, new Activation("softmax").Apply(inner.Apply(x))), [randn(2, 3)]);

        Keras.Saving.RegisterKerasSerializable("savecheck>halve", Halve);
        yield return ("lambda", Keras.Sequential(Keras.Input(shape: 3), Keras.Layers.Dense(3), Keras.Layers.Lambda(Halve)), [randn(2, 3)]);
    }

    [Fact]
    public void Predictions_InANewProcess_AreBitIdentical()
    {
        using var dir = new TempDir();
        foreach (var (name, model, inputs) in Zoo())
        {
            var modelPath = dir.File($"{name}.keras");
            model.Save(modelPath);
            var inputPaths = inputs.Select((t, i) =>
            {
                var path = dir.File($"{name}-in{i}.bin");
                WriteTensors(path, t);
                return path;
            }).ToArray();
            var (code, error) = RunSaveCheck(["predict", modelPath, dir.File($"{name}-out.bin"), .. inputPaths]);
            Assert.True(code == 0, $"{name}: DeepKeras.SaveCheck failed: {error}");

            var expected = SavingTestUtil.Outputs(model, inputs);
            var actual = ReadTensors(dir.File($"{name}-out.bin"));
            Assert.Equal(expected.Length, actual.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i].Data);
            }
        }
    }

    [Fact]
    public void EveryLayerTypeAndFactory_PredictsBitIdenticallyInANewProcess()
    {
        using var dir = new TempDir();
        var zoo = LayerZoo.Layers().Concat(LayerZoo.Applications()).ToList();
        var lines = new List<string>();
        var expected = new Dictionary<string, float[][]>();
        foreach (var (name, model, inputs) in zoo)
        {
            var modelPath = dir.File($"{name}.keras");
            model.Save(modelPath);
            var inputPaths = inputs.Select((t, i) =>
            {
                var path = dir.File($"{name}-in{i}.bin");
                WriteTensors(path, t);
                return path;
            });
            lines.Add(string.Join('\t', [modelPath, dir.File($"{name}-out.bin"), .. inputPaths]));
            expected[name] = SavingTestUtil.Outputs(model, inputs);
        }

        File.WriteAllLines(dir.File("list.txt"), lines);
        var (code, error) = RunSaveCheck("predict-all", dir.File("list.txt"));
        Assert.True(code == 0, $"DeepKeras.SaveCheck failed: {error}");
        foreach (var (name, _, _) in zoo)
        {
            var actual = ReadTensors(dir.File($"{name}-out.bin"));
            Assert.Equal(expected[name].Length, actual.Count);
            for (var i = 0; i < actual.Count; i++)
            {
                Assert.True(expected[name][i].SequenceEqual(actual[i].Data), $"{name}: output {i} differs in the new process");
            }
        }
    }

    [Fact]
    public void TwoEpochs_SaveLoadInNewProcess_TwoMore_EqualsFourEpochs()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 96, features: 5, classes: 3, seed: 42);
        Sequential Build()
        {
            Keras.Utils.SetRandomSeed(43);
            var m = Keras.Sequential(Keras.Input(shape: 5), Keras.Layers.Dense(12, activation: "relu"), Keras.Layers.Dense(3, activation: "softmax"));
            m.Compile(optimizer: new Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            return m;
        }

        var uninterrupted = Build();
        uninterrupted.Fit(x, y, batchSize: 16, epochs: 4, shuffle: false, verbose: 0);

        var first = Build();
        first.Fit(x, y, batchSize: 16, epochs: 2, shuffle: false, verbose: 0);
        first.Save(dir.File("two.keras"));
        WriteTensors(dir.File("x.bin"), x);
        WriteTensors(dir.File("y.bin"), y.to(float32));
        var (code, error) = RunSaveCheck("resume", dir.File("two.keras"), dir.File("four.keras"), dir.File("x.bin"), dir.File("y.bin"), "4", "2", "16");
        Assert.True(code == 0, $"DeepKeras.SaveCheck failed: {error}");

        var resumed = Keras.Models.LoadModel(dir.File("four.keras"));
        Assert.Equal(uninterrupted.Optimizer!.Iterations, resumed.Optimizer!.Iterations);
        var expected = uninterrupted.GetWeights();
        var actual = resumed.GetWeights();
        for (var i = 0; i < expected.Count; i++)
        {
            var diff = expected[i].ToArray<float>().Zip(actual[i].ToArray<float>(), (p, q) => Math.Abs(p - q)).Max();
            Assert.True(diff <= 1e-6, $"weight {i} differs by {diff}");
        }
    }
}
