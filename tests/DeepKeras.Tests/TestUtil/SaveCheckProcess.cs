using System.Diagnostics;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Runs tests/DeepKeras.SaveCheck, a separate DeepKeras process, and returns its exit code and stderr.</summary>
internal static class SaveCheckProcess
{
    /// <summary>Runs it with <paramref name="args"/>; <paramref name="environment"/> adds or overrides variables.</summary>
    public static (int Code, string Error) Run(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(baseDir.FullName, "..", "..", "..", "..", "DeepKeras.SaveCheck", "bin", configuration, baseDir.Name, "DeepKeras.SaveCheck.dll"));
        Assert.True(File.Exists(dll), $"DeepKeras.SaveCheck is not built at {dll}");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("DeepKeras.SaveCheck did not finish within 120 s");
        }

        return (process.ExitCode, error.Result);
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
