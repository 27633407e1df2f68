using DeepKeras.Backend;

namespace DeepKeras.Tests.Backend;

public class BackendTests
{
    [Theory]
    [InlineData(null, Device.Auto)]
    [InlineData("", Device.Auto)]
    [InlineData("auto", Device.Auto)]
    [InlineData("CPU", Device.Cpu)]
    [InlineData("cuda", Device.Cuda)]
    public void ParseDevice_AcceptsKerasStyleNames(string? text, Device expected) =>
        Assert.Equal(expected, Keras.Backend.ParseDevice(text));

    [Fact]
    public void ParseDevice_Unknown_ListsChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => Keras.Backend.ParseDevice("tpu"));
        Assert.Contains("Expected one of: auto, cpu, cuda", ex.Message);
    }

    [Fact]
    public void Device_Cuda_WithoutCuda_ThrowsInsteadOfFallingBack()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            return; // A CUDA build with a GPU honours the request; nothing to refuse.
        }

        var before = Keras.Backend.Device;
        try
        {
            Keras.Backend.Device = Device.Cuda;
            var ex = Assert.Throws<InvalidOperationException>(() => Keras.Backend.DeviceName);
            Assert.Contains("CUDA is not available", ex.Message);
        }
        finally
        {
            Keras.Backend.Device = before;
        }

        Assert.Equal("cpu", Keras.Backend.DeviceName);
    }

    [Fact]
    public void Describe_NamesLibtorchVersionDeviceAndThreads()
    {
        var text = Keras.Backend.Describe();
        Assert.Matches(@"^libtorch 2\.10\.\d+(\.\d+)?; device cpu \(requested \w+\); CUDA available: False; threads: \d+; oneDNN: .+$", text);
    }

    [Fact]
    public void NativeHeap_KeepsBuffersForReuseOnGlibcUnlessTheUserTunedMalloc()
    {
        Keras.Backend.EnsureInitialized();
        var userTuned = Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("MALLOC_") && k.EndsWith('_'));
        var expected = !OperatingSystem.IsLinux() ? "malloc: platform default"
            : userTuned ? "malloc: as set by MALLOC_* variables"
            : Environment.GetEnvironmentVariable(NativeHeap.Variable) == "default" ? "malloc: glibc defaults (DEEPKERAS_MALLOC=default)"
            : "malloc: buffers kept for reuse";
        Assert.Equal(expected, NativeHeap.Status);
    }

    [Fact]
    public void Nnpack_IsSwitchedOffExactlyWhenItCannotInitialise()
    {
        Keras.Backend.EnsureInitialized();
        Assert.Equal(NnpackGuard.Available, NnpackGuard.Enabled);
    }

    [Theory]
    [InlineData("GLIBCXX_3.4.30", "GLIBCXX_3.4.32", -1)]
    [InlineData("GLIBCXX_3.4.33", "GLIBCXX_3.4.32", 1)]
    [InlineData("GLIBCXX_3.4", "GLIBCXX_3.4.0", 0)]
    public void CompareGlibcxx_OrdersVersionsNumerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(NativePreflight.CompareGlibcxx(a, b)));

    [Fact]
    public void Diagnose_LoaderFailure_NamesTheProblemAndTheFix()
    {
        var ex = new DllNotFoundException("Unable to load shared library 'LibTorchSharp' or one of its dependencies: " +
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found");
        var message = NativePreflight.Diagnose(new TypeInitializationException("TorchSharp.torch", ex));
        Assert.StartsWith("DeepKeras could not load the TorchSharp native libraries", message);
        Assert.Contains("GLIBCXX_3.4.32' not found", message);
    }

    [Fact]
    public void Diagnose_OldLibStdCxx_SaysWhichVersionIsNeededAndHowToInstallIt()
    {
        var ex = new DllNotFoundException("Unable to load shared library 'LibTorchSharp'");
        var message = NativePreflight.Diagnose(ex, ("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "GLIBCXX_3.4.30"));
        Assert.Contains("TorchSharp 0.107 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+ runtime); found GLIBCXX_3.4.30 at /usr/lib/x86_64-linux-gnu/libstdc++.so.6", message);
        Assert.Contains("./build.sh setup", message);
        Assert.Contains("trixie", message);
    }

    [Fact]
    public void FindLibStdCxx_OnThisMachine_ProvidesTheRequiredVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (path, newest) = NativePreflight.FindLibStdCxx();
        Assert.NotNull(path);
        Assert.True(NativePreflight.CompareGlibcxx(newest!, "GLIBCXX_3.4.32") >= 0, $"{path} provides up to {newest}");
    }

    [Fact]
    public void Threads_CanBeSet()
    {
        var before = Keras.Backend.Threads;
        Keras.Backend.SetThreads(1);
        Assert.Equal(1, Keras.Backend.Threads);
        Keras.Backend.SetThreads(before);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Backend.SetThreads(0));
    }
}
