using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Runs tests/DeepKeras.SaveCheck, a separate DeepKeras process, and returns its exit code and stderr.</summary>
internal static class SaveCheckProcess
{
    /// <summary>Runs it with <paramref name="args"/>; <paramref name="environment"/> adds or overrides variables.</summary>
    public static (int Code, string Error) Run(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = ChildProcess.Run(ChildProcess.DotnetHost, [ChildProcess.HelperDll("DeepKeras.SaveCheck"), .. args], TimeSpan.FromSeconds(120), environment);
        Assert.False(run.TimedOut, "DeepKeras.SaveCheck did not finish within 120 s");
        return (run.ExitCode, run.Error);
    }

    /// <summary>Writes tensors in SaveCheck's format: int32 rank, int64 dims, float32 data, one after another.</summary>
    public static void WriteTensors(string path, params Tensor[] tensors)
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

    /// <summary>Reads the tensors of a file in SaveCheck's format.</summary>
    public static List<(long[] Shape, float[] Data)> ReadTensors(string path)
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
}
