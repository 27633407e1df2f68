using System.Reflection;
using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// Finds the MPI library behind MPI.NET. MPI.NET P/Invokes <c>msmpi</c> (Microsoft MPI) and uses MPICH's ABI (its handle
/// constants, e.g. <c>MPI_COMM_WORLD = 0x44000000</c>); on Linux and macOS the name is mapped to an MPICH-ABI library —
/// MPICH, Intel MPI, MVAPICH or Cray MPICH. Open MPI's ABI differs (its handles are pointers), so it is refused with a
/// clear message instead of crashing in the first call.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>The environment variable naming the MPI library to load (a path or a file name).</summary>
    public const string LibraryVariable = "DEEPKERAS_MPI_LIBRARY";

    private const string Advice =
        "DeepKeras's multi-process training needs an MPI with MPICH's ABI: MPICH (Debian/Ubuntu: apt-get install mpich), " +
        "Intel MPI, MVAPICH or Cray MPICH. Set " + LibraryVariable + " to the library's path (e.g. /opt/intel/mpi/lib/libmpi.so.12) " +
        "when it is not found by name. Open MPI is not supported: its ABI differs from MPICH's.";

    private static readonly object Gate = new();
    private static IntPtr _handle;

    /// <summary>Gets the loaded library's path or name (null before <see cref="Load"/>).</summary>
    public static string? LoadedName { get; private set; }

    /// <summary>Gets whether this process was started by an MPI launcher (<c>mpiexec</c>, <c>srun</c> with PMI).</summary>
    /// <exception cref="NotSupportedException">The launcher is Open MPI's <c>mpirun</c>.</exception>
    public static bool IsLaunched()
    {
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null)
        {
            throw new NotSupportedException("This process was started by Open MPI's mpirun. " + Advice);
        }

        // Hydra (MPICH, Intel MPI, MVAPICH) and Slurm's PMI-1/PMI-2 set PMI_RANK/PMI_SIZE; PMIx launchers set PMIX_RANK.
        return Environment.GetEnvironmentVariable("PMI_RANK") is not null
            || Environment.GetEnvironmentVariable("PMI_SIZE") is not null
            || Environment.GetEnvironmentVariable("PMIX_RANK") is not null;
    }

    /// <summary>
    /// Loads the library, checks its ABI and routes MPI.NET's P/Invokes to it. Idempotent.
    /// </summary>
    /// <exception cref="DllNotFoundException">No MPICH-ABI library was found.</exception>
    /// <exception cref="NotSupportedException">The library is Open MPI.</exception>
    public static void Load()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            var (handle, name) = Open();
            if (NativeLibrary.TryGetExport(handle, "ompi_mpi_comm_world", out _))
            {
                throw new NotSupportedException($"The MPI library {name} is Open MPI. " + Advice);
            }

            if (!NativeLibrary.TryGetExport(handle, "MPI_Allreduce", out _))
            {
                throw new DllNotFoundException($"{name} is not an MPI library (it has no MPI_Allreduce). " + Advice);
            }

            _handle = handle;
            LoadedName = name;
            if (!OperatingSystem.IsWindows())
            {
                try
                {
                    NativeLibrary.SetDllImportResolver(typeof(MPI.Communicator).Assembly, Resolve);
                }
                catch (InvalidOperationException)
                {
                    // The application installed its own resolver for MPI.NET: it decides which library MPI.NET uses.
                }
            }
        }
    }

    /// <summary>Returns the library's version text (<c>MPI_Get_library_version</c>), e.g. <c>MPICH Version: 4.0.2 …</c>.</summary>
    public static unsafe string Version()
    {
        if (_handle == IntPtr.Zero || !NativeLibrary.TryGetExport(_handle, "MPI_Get_library_version", out var export))
        {
            return "unknown MPI";
        }

        var text = new byte[8192];
        var length = 0;
        fixed (byte* p = text)
        {
            ((delegate* unmanaged<byte*, int*, int>)export)(p, &length);
        }

        var version = System.Text.Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length)).TrimEnd('\0', '\n', ' ');
        var firstLine = string.Join(' ', version.Split('\n')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return firstLine.Length == 0 ? "unknown MPI" : firstLine;
    }

    private static (IntPtr Handle, string Name) Open()
    {
        if (Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } requested)
        {
            return NativeLibrary.TryLoad(requested, out var h)
                ? (h, requested)
                : throw new DllNotFoundException($"{LibraryVariable}={requested} could not be loaded. " + Advice);
        }

        string[] candidates = OperatingSystem.IsWindows() ? ["msmpi.dll"]
            : OperatingSystem.IsMacOS() ? ["libmpich.12.dylib", "libmpi.12.dylib", "libmpich.dylib", "libmpi.dylib"]
            : ["libmpich.so.12", "libmpi.so.12", "libmpich.so", "libmpi_cray.so.12"];
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var h))
            {
                return (h, name);
            }
        }

        throw new DllNotFoundException($"No MPI library found (tried {string.Join(", ", candidates)}). " + Advice);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase) ? _handle : IntPtr.Zero;
}
