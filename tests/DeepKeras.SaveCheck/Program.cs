using DeepKeras;
using DeepKeras.Models;
using static TorchSharp.torch;

// A separate process for the saving tests: it loads a model saved by the test process and prints nothing but what the
// test reads back, so "load in a new process" really is a new process (fresh name counters, registry and RNG).
//
//   predict MODEL.keras OUT.bin IN.bin [IN2.bin ...]    writes every output of Forward(inputs, training: false)
//   predict-all LIST.txt                                 the same for each line "MODEL.keras OUT.bin IN.bin ..." of LIST
//   resume  MODEL.keras OUT.keras X.bin Y.bin EPOCHS INITIAL_EPOCH BATCH_SIZE
//                                                       Fit(shuffle: false) from INITIAL_EPOCH to EPOCHS, then saves
//
// Tensors are files of: int32 rank, int64 dims[rank], then float32 data (row-major); several tensors follow each other.
// An application registers its functions at startup; this one registers the one the tests use.
Keras.Saving.RegisterKerasSerializable("savecheck>halve", t => t * 0.5);

try
{
    switch (args)
    {
        case ["predict", var model, var output, .. var inputs]:
            Predict(model, output, inputs);
            return 0;
        case ["predict-all", var list]:
            foreach (var line in File.ReadAllLines(list).Where(l => l.Length > 0))
            {
                var parts = line.Split('\t');
                Predict(parts[0], parts[1], parts[2..]);
            }

            return 0;
        case ["resume", var model, var output, var x, var y, var epochs, var initialEpoch, var batchSize]:
            var resumed = Keras.Models.LoadModel(model);
            resumed.Fit(TensorFile.ReadOne(x), TensorFile.ReadOne(y), batchSize: int.Parse(batchSize), epochs: int.Parse(epochs),
                initialEpoch: int.Parse(initialEpoch), shuffle: false, verbose: 0);
            resumed.Save(output);
            return 0;
        default:
            Console.Error.WriteLine("usage: predict MODEL OUT IN... | resume MODEL OUT X Y EPOCHS INITIAL_EPOCH BATCH_SIZE");
            return 2;
    }
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}

static void Predict(string model, string output, string[] inputs)
{
    var loaded = Keras.Models.LoadModel(model);
    using (no_grad())
    {
        TensorFile.Write(output, loaded.Forward(inputs.Select(TensorFile.ReadOne).ToArray(), training: false));
    }
}

/// <summary>Reads and writes the raw tensor files exchanged with the tests.</summary>
internal static class TensorFile
{
    public static Tensor ReadOne(string path) => Read(path).Single();

    public static List<Tensor> Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var result = new List<Tensor>();
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

            result.Add(tensor(data, dims));
        }

        return result;
    }

    public static void Write(string path, IEnumerable<Tensor> tensors)
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
}
