using DeepKeras.Backend;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Backend;

/// <summary>
/// The package's libtorch is loaded by absolute path before TorchSharp looks for it by name, so a foreign libtorch
/// earlier on the search path (a system libtorch from python3-torch, or LD_LIBRARY_PATH) cannot take its place.
/// </summary>
public sealed class LibtorchPreloadTests
{
    [LinuxFact]
    public void InThisProcess_TheLibrariesNextToTheAppAreTheOnesMapped()
    {
        Keras.Backend.EnsureInitialized();
        Assert.Equal(Path.GetFullPath(AppContext.BaseDirectory), Path.GetFullPath(LibtorchPreload.LoadedFrom!));
        var mapped = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last())
            .Where(p => Path.GetFileName(p) == "libtorch_cpu.so").Distinct().ToList();
        Assert.Equal([Path.Combine(Path.GetFullPath(AppContext.BaseDirectory), "libtorch_cpu.so")], mapped);
    }

    [LinuxFact]
    public void AForeignLibtorchFirstOnTheLibraryPath_DoesNotStopANewProcess_AndOptingOutExplainsWhatHappened()
    {
        using var dir = new TempDir();
        // Decoys: a real shared library (zlib) under libtorch's file names, first on LD_LIBRARY_PATH.
        var zlib = new[] { "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib64/libz.so.1" }.First(File.Exists);
        var decoys = Directory.CreateDirectory(Path.Combine(dir.Path, "decoy")).FullName;
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            File.Copy(zlib, Path.Combine(decoys, name));
        }

        Keras.Utils.SetRandomSeed(3);
        var model = Keras.Sequential(Keras.Input(shape: 3), Keras.Layers.Dense(2, activation: "tanh"));
        var x = randn(4, 3);
        model.Save(dir.File("m.keras"));
        SaveCheckProcess.WriteTensors(dir.File("x.bin"), x);

        var env = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = decoys };
        var (code, error) = SaveCheckProcess.Run(["predict", dir.File("m.keras"), dir.File("y.bin"), dir.File("x.bin")], env);
        Assert.True(code == 0, error);
        var expected = model.PredictTensors(x)[0];
        Assert.Equal(Tensors.Values(expected).Select(v => (float)v), SaveCheckProcess.ReadTensors(dir.File("y.bin"))[0].Data);

        env["DEEPKERAS_PRELOAD_LIBTORCH"] = "0";
        (code, error) = SaveCheckProcess.Run(["predict", dir.File("m.keras"), dir.File("y2.bin"), dir.File("x.bin")], env);
        Assert.NotEqual(0, code);
        Assert.Contains("DeepKeras could not load the TorchSharp native libraries", error);
        Assert.Contains($"A different libtorch was loaded into the process first ({Path.Combine(decoys, "libtorch_cpu.so")})", error);
    }
}
