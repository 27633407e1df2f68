using System.Reflection;
using System.Runtime.InteropServices;

namespace DeepKeras.Interactive;

/// <summary>
/// Keeps the native libraries of the figure packages (SkiaSharp, HarfBuzzSharp) bound for the life of the process.
/// </summary>
/// <remarks>
/// In a notebook, a package's native library is found through the kernel's package resolver, which lives only as long
/// as the kernel. SkiaSharp objects that ScottPlot leaves to the garbage collector are freed by finalizers, and a
/// finalizer whose P/Invoke is first bound after the kernel is gone (between sessions, at shutdown) cannot find the
/// library: the process dies with a <see cref="DllNotFoundException"/>. Resolving each library once while the kernel
/// runs and answering its assembly's later imports with that handle keeps every import bindable.
/// </remarks>
internal static class NativeLibraryPins
{
    /// <summary>Pins the libraries; an assembly that already has a resolver keeps it.</summary>
    public static void Pin()
    {
        Pin(typeof(SkiaSharp.SKObject).Assembly, "libSkiaSharp");
        Pin(typeof(HarfBuzzSharp.Blob).Assembly, "libHarfBuzzSharp");
    }

    private static void Pin(Assembly assembly, string library)
    {
        if (!NativeLibrary.TryLoad(library, assembly, null, out var handle))
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == library ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // The assembly has its own resolver, which outlives the kernel as this one would.
        }
    }
}
