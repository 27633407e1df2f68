using System.Text.Json;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Models;
using DeepKeras.Training;
using static TorchSharp.torch;

// The distributed tests run this program under `mpiexec -n 2` (and as one process for the reference). It trains a tiny
// model on generated data under DataParallel and writes, on every process, OUT/report.rank<id>.json
//   {"rank":…,"history":{…},"weights":[…],"evaluate":[…],"predict":[…],"files":[…]}
// that the tests compare with the one-process run. Callbacks write into OUT/rank<id>, so the tests can see which
// processes wrote files.
//
//   train OUT OPTIMIZER            Fit (global batch 32, validation split, shuffle), Evaluate, Predict
//   sequence OUT [--merged]        Fit on a sequence of 7 batches of 16 (--merged: the one-process equivalent, pairs joined)
//   pydataset OUT [--merged|--shuffle] Fit on a PyDataset (2 workers) of the same 7 batches (--merged: as for sequence;
//                                  --shuffle: a shuffled batch order, seeded differently on each process; every process
//                                  writes the batches it asked for, per epoch, to OUT/calls.rank<id>.txt)
//   local OUT [--whole]            autoShardDataset: false, each process passes its half (--whole: the one-process equivalent)
//   batchnorm OUT [--synchronized] a model with BatchNormalization; prints every process's moving statistics
//   resume OUT [--crash]           BackupAndRestore in OUT/backup; --crash: process 1 fails in epoch 2
//   throw | die | hang OUT         process 1 throws in a callback / kills itself / stops answering at step 2
Keras.Distribution.Initialize();
var rank = Keras.Distribution.ProcessId;
Keras.Distribution.SetDistribution(new DataParallel(autoShardDataset: !(args is ["local", _, ..])));
switch (args)
{
    case ["train", var output, var optimizer]:
        Train(output, optimizer);
        break;
    case ["sequence", var output, .. var flags]:
        Sequence(output, merged: flags.Contains("--merged"));
        break;
    case ["pydataset", var output, .. var flags]:
        PyDatasetFit(output, merged: flags.Contains("--merged"), shuffle: flags.Contains("--shuffle"));
        break;
    case ["dataloader", var output, .. var flags]:
        DataLoaderFit(output, merged: flags.Contains("--merged"));
        break;
    case ["local", var output, .. var flags]:
        Local(output, whole: flags.Contains("--whole"));
        break;
    case ["batchnorm", var output, .. var flags]:
        BatchNorm(output, synchronized: flags.Contains("--synchronized"));
        break;
    case ["resume", var output, .. var flags]:
        Resume(output, crash: flags.Contains("--crash"));
        break;
    case [var fault and ("throw" or "die" or "hang"), var output]:
        Fault(output, fault);
        break;
    default:
        Console.Error.WriteLine("usage: train OUT OPTIMIZER | sequence OUT [--merged] | pydataset OUT [--merged|--shuffle] | dataloader OUT [--merged] | local OUT [--whole] | batchnorm OUT [--synchronized] | resume OUT [--crash] | throw|die|hang OUT");
        return 2;
}

return 0;

// 202 samples: 161 train (5 batches of 32, then 1 sample: process 0 pads that step) and 41 validation (32, then 9).
(Tensor X, Tensor Y) Data(int n = 202, int seed = 7)
{
    Keras.Utils.SetRandomSeed(seed);
    var x = randn(n, 6);
    var y = x.matmul(randn(6, 3)).argmax(-1);
    return (x, y);
}

// Every process initializes differently (seed + rank): training must start from process 0's weights anyway.
Sequential Mlp(string optimizer, bool batchNorm = false, bool synchronized = false)
{
    Keras.Utils.SetRandomSeed(100 + rank);
    var model = batchNorm
        ? Keras.Sequential(Keras.Input(shape: 6), Keras.Layers.Dense(16), Keras.Layers.BatchNormalization(synchronized: synchronized),
            Keras.Layers.Activation("relu"), Keras.Layers.Dense(3, activation: "softmax"))
        : Keras.Sequential(Keras.Input(shape: 6), Keras.Layers.Dense(16, activation: "relu"), Keras.Layers.Dense(3, activation: "softmax"));
    DeepKeras.Optimizers.Optimizer opt = optimizer == "sgd" ? new DeepKeras.Optimizers.SGD(0.05, momentum: 0.9) : new DeepKeras.Optimizers.Adam(0.01);
    model.Compile(optimizer: opt, loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    Keras.Utils.SetRandomSeed(5);
    return model;
}

string RankDir(string output)
{
    var dir = Path.Combine(output, $"rank{rank}");
    Directory.CreateDirectory(dir);
    return dir;
}

void Train(string output, string optimizer)
{
    var (x, y) = Data();
    var model = Mlp(optimizer);
    var dir = RankDir(output);
    var history = model.Fit(x, y, batchSize: 32, epochs: 3, validationSplit: 0.2, verbose: 2, callbacks:
    [
        new CSVLogger(Path.Combine(dir, "log.csv")),
        new ModelCheckpoint(Path.Combine(dir, "best.weights.h5"), saveBestOnly: true, saveWeightsOnly: true),
        new EarlyStopping(monitor: "val_loss", patience: 5),
    ]);
    var (xTest, yTest) = Data(n: 37, seed: 8);
    var evaluation = model.Evaluate(xTest, yTest, batchSize: 16, verbose: 0);
    var predictions = model.PredictTensors(xTest, batchSize: 8)[0];
    Report(model, history, dir, evaluation, predictions);
}

void Sequence(string output, bool merged)
{
    var (x, y) = Data(n: 112);
    var batches = Enumerable.Range(0, 7).Select(i => ((ArrayLike)x.narrow(0, i * 16, 16), (ArrayLike?)y.narrow(0, i * 16, 16))).ToList();
    if (merged)
    {
        // One process, each step on the two batches the two processes compute together.
        batches = Enumerable.Range(0, 4).Select(i => ((ArrayLike)x.narrow(0, i * 32, Math.Min(32, 112 - (i * 32))),
            (ArrayLike?)y.narrow(0, i * 32, Math.Min(32, 112 - (i * 32))))).ToList();
    }

    var model = Mlp("adam");
    var history = model.Fit(batches, epochs: 2, verbose: 0, stepsPerEpoch: batches.Count);
    Report(model, history, RankDir(output), [], null);
}

void PyDatasetFit(string output, bool merged, bool shuffle)
{
    if (merged)
    {
        Sequence(output, merged: true);
        return;
    }

    var (x, y) = Data(n: 112);
    var model = Mlp("adam");
    // Each process would draw another order: only process 0's may count.
    Keras.Utils.SetRandomSeed(5 + (shuffle ? rank : 0));
    var data = new Batches16(x, y);
    var history = model.Fit(data, epochs: 2, verbose: 0, shuffle: shuffle);
    File.WriteAllLines(Path.Combine(output, $"calls.rank{rank}.txt"), data.Epochs.Select(e => string.Join(' ', e)));
    Report(model, history, RankDir(output), [], null);
}

void DataLoaderFit(string output, bool merged)
{
    if (merged)
    {
        Sequence(output, merged: true);
        return;
    }

    // The same 7 batches of 16 from a TorchSharp DataLoader, which frees each batch's tensors when it moves on.
    var (x, y) = Data(n: 112);
    var model = Mlp("adam");
    using var loader = utils.data.DataLoader(utils.data.TensorDataset(x, y), 16);
    var history = model.Fit(loader, epochs: 2, verbose: 0);
    Report(model, history, RankDir(output), [], null);
}

void Local(string output, bool whole)
{
    var (x, y) = Data(n: 202);
    var model = Mlp("adam");
    History history;
    if (whole)
    {
        history = model.Fit(x, y, batchSize: 32, epochs: 2, shuffle: false, verbose: 0);
    }
    else
    {
        // Process r passes its share of every batch of 32: the same steps as one process with the whole data.
        var mine = Enumerable.Range(0, 7).SelectMany(b =>
        {
            var size = Math.Min(32, 202 - (b * 32));
            var (offset, count) = (size * rank / 2, (size * (rank + 1) / 2) - (size * rank / 2));
            return Enumerable.Range(b * 32 + (int)offset, (int)count);
        }).Select(i => (long)i).ToArray();
        var index = tensor(mine);
        history = model.Fit(x.index_select(0, index), y.index_select(0, index), batchSize: 16, epochs: 2, shuffle: false, verbose: 0);
    }

    Report(model, history, RankDir(output), [], null);
}

void BatchNorm(string output, bool synchronized)
{
    var (x, y) = Data(n: 202);
    // SGD: the bias before BatchNormalization has a gradient of pure rounding noise, which Adam would scale up to full steps.
    var model = Mlp("sgd", batchNorm: true, synchronized: synchronized);
    var history = model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0);
    Report(model, history, RankDir(output), [], null);
}

void Resume(string output, bool crash)
{
    var (x, y) = Data();
    var model = Mlp("adam");
    var callbacks = new List<Callback> { new BackupAndRestore(Path.Combine(output, "backup")) };
    if (crash)
    {
        var epoch = 0;
        callbacks.Add(new LambdaCallback(onEpochBegin: (e, _) => epoch = e, onTrainBatchEnd: (b, _) =>
        {
            if (rank == 1 && epoch == 2 && b == 1)
            {
                throw new InvalidOperationException("simulated crash of process 1 in epoch 2");
            }
        }));
    }

    var history = model.Fit(x, y, batchSize: 32, epochs: 4, verbose: 0, callbacks: callbacks);
    Report(model, history, RankDir(output), [], null);
}

void Fault(string output, string fault)
{
    var (x, y) = Data();
    var model = Mlp("adam");
    var failing = new LambdaCallback(onTrainBatchEnd: (b, _) =>
    {
        if (rank != 1 || b != 2)
        {
            return;
        }

        switch (fault)
        {
            case "throw":
                throw new InvalidOperationException("callback failure on process 1 (test)");
            case "die":
                Console.Error.WriteLine("process 1 kills itself (test)");
                System.Diagnostics.Process.GetCurrentProcess().Kill();
                break;
            default:
                Console.Error.WriteLine("process 1 stops answering (test)");
                Thread.Sleep(TimeSpan.FromMinutes(5));
                break;
        }
    });
    model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0, callbacks: [failing]);
    Console.WriteLine($"process {rank} finished training");
}

void Report(Model model, History history, string dir, IEnumerable<double> evaluation, Tensor? predictions)
{
    var report = new Dictionary<string, object?>
    {
        ["rank"] = rank,
        ["processes"] = Keras.Distribution.NumProcesses,
        ["epochs"] = history.Epoch,
        ["history"] = history.HistoryData.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
        ["weights"] = model.Weights.SelectMany(w => w.Value.detach().cpu().reshape(-1).data<float>().ToArray()).ToArray(),
        ["names"] = model.Weights.Select(w => w.Path).ToArray(),
        ["evaluate"] = evaluation.ToArray(),
        ["predict"] = predictions?.reshape(-1).data<float>().ToArray() ?? [],
        ["files"] = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray(),
    };
    // A file per process: mpiexec interleaves long lines that several processes print at once.
    File.WriteAllText(Path.Combine(Path.GetDirectoryName(dir)!, $"report.rank{rank}.json"), JsonSerializer.Serialize(report));
}

/// <summary>Seven batches of 16 rows (the last of them from the same data as the sequence mode), made by two workers; records the indices asked for per epoch.</summary>
internal sealed class Batches16(Tensor x, Tensor y) : DeepKeras.Utils.PyDataset(workers: 2)
{
    private List<int> _current = [];

    public List<List<int>> Epochs { get; } = [];

    public override int Count => 7;

    public override DataBatch GetItem(int index)
    {
        lock (_current)
        {
            _current.Add(index);
        }

        return (x.narrow(0, index * 16, 16), y.narrow(0, index * 16, 16));
    }

    public override void OnEpochBegin() => _current = [];

    public override void OnEpochEnd() => Epochs.Add(_current);
}
