using System.Text;
using TorchSharp;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Backend settings: device, threads, random seeds, naming state. The only place that knows about
    /// TorchSharp's devices and global state.
    /// </summary>
    public static class Backend
    {
        /// <summary>The environment variable that overrides the device: <c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
        public const string DeviceVariable = "DEEPKERAS_DEVICE";

        /// <summary>The environment variable that sets the intra-op thread count.</summary>
        public const string ThreadsVariable = "DEEPKERAS_THREADS";

        /// <summary>
        /// The environment variable that controls libtorch's oneDNN CPU kernels: <c>auto</c> (default: keep them unless
        /// a start-up check finds wrong convolution gradients on this CPU), <c>on</c> or <c>off</c>.
        /// </summary>
        public const string OneDnnVariable = OneDnnGuard.Variable;

        private static Device? _requested;
        private static torch.Device? _resolved;
        private static bool _threadsApplied;

        /// <summary>
        /// Gets or sets the device new weights and batches use. Defaults to <see cref="DeepKeras.Device.Auto"/>
        /// or the value of <c>DEEPKERAS_DEVICE</c>. Set it before building models.
        /// </summary>
        /// <exception cref="InvalidOperationException">CUDA was requested and is not available.</exception>
        public static Device Device
        {
            get => _requested ?? ParseDevice(Environment.GetEnvironmentVariable(DeviceVariable));
            set
            {
                _requested = value;
                _resolved = null;
            }
        }

        /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (case-insensitive); null or empty → Auto.</summary>
        /// <param name="text">The device name.</param>
        /// <exception cref="ArgumentException">An unknown name.</exception>
        public static Device ParseDevice(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "auto" => Device.Auto,
            "cpu" => Device.Cpu,
            "cuda" or "gpu" or "cuda:0" => Device.Cuda,
            _ => throw new ArgumentException(
                $"Unknown device '{text}'. Expected one of: auto, cpu, cuda.", nameof(text)),
        };

        /// <summary>Gets the name of the device in use: <c>cpu</c> or <c>cuda</c>.</summary>
        public static string DeviceName => TorchDevice.type == DeviceType.CUDA ? "cuda" : "cpu";

        /// <summary>The TorchSharp device that the current setting resolves to.</summary>
        internal static torch.Device TorchDevice
        {
            get
            {
                if (_resolved is { } d)
                {
                    return d;
                }

                EnsureInitialized();
                var requested = Device;
                var cuda = requested != Device.Cpu && torch.cuda.is_available();
                if (requested == Device.Cuda && !cuda)
                {
                    throw new InvalidOperationException(
                        "Device 'cuda' was requested but CUDA is not available: this build references TorchSharp-cpu " +
                        "or no GPU/driver is present. Use Device.Auto or Device.Cpu, or switch the package to a TorchSharp-cuda build (see README).");
                }

                _resolved = cuda ? torch.CUDA : torch.CPU;
                return _resolved;
            }
        }

        /// <summary>Loads the native libraries once (throws <see cref="BackendLoadException"/> with a fix when they cannot load) and applies the thread setting.</summary>
        public static void EnsureInitialized()
        {
            if (!_threadsApplied)
            {
                NativeHeap.Apply();
            }

            NativePreflight.EnsureLoaded();
            if (!_threadsApplied)
            {
                _threadsApplied = true;
                if (int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var n) && n > 0)
                {
                    torch.set_num_threads(n);
                }

                NnpackGuard.Apply();
                OneDnnGuard.Apply();
            }
        }

        /// <summary>
        /// Gets whether libtorch's oneDNN CPU kernels are in use and why, e.g. <c>oneDNN: off (its convolution input
        /// gradients were wrong on this CPU; …)</c>. See <see cref="OneDnnVariable"/>.
        /// </summary>
        public static string OneDnnStatus
        {
            get
            {
                EnsureInitialized();
                return OneDnnGuard.Status;
            }
        }

        /// <summary>Gets the number of intra-op threads libtorch uses.</summary>
        public static int Threads
        {
            get
            {
                EnsureInitialized();
                return torch.get_num_threads();
            }
        }

        /// <summary>Sets the number of intra-op threads (default: one per core; also <c>DEEPKERAS_THREADS</c>).</summary>
        /// <param name="intraOp">Threads used inside one operation; must be positive.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="intraOp"/> is not positive.</exception>
        public static void SetThreads(int intraOp)
        {
            if (intraOp <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(intraOp), intraOp, "Expected a positive thread count.");
            }

            EnsureInitialized();
            torch.set_num_threads(intraOp);
        }

        /// <summary>The float type of new weights (Keras <c>floatx</c>); always <c>float32</c>.</summary>
        public static string FloatX => "float32";

        /// <summary>Keras's fuzz factor epsilon, <c>1e-7</c>.</summary>
        public static float Epsilon => 1e-7f;

        /// <summary>Resets automatic layer/model names (<c>dense</c>, <c>dense_1</c>, …) as Keras's <c>clear_session()</c>.</summary>
        public static void ClearSession() => Engine.NameScope.Reset();

        /// <summary>
        /// Returns a one-line description: libtorch version, device, CUDA availability, thread count and the oneDNN
        /// decision (<see cref="OneDnnStatus"/>).
        /// </summary>
        public static string Describe()
        {
            EnsureInitialized();
            var sb = new StringBuilder();
            sb.Append($"libtorch {torch.__version__}; device {DeviceName} (requested {Device}); ");
            sb.Append($"CUDA available: {torch.cuda.is_available()}; threads: {torch.get_num_threads()}; ");
            sb.Append(OneDnnGuard.Status);
            return sb.ToString();
        }
    }
}
