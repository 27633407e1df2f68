using System.Reflection;
using PureHDF;
using PureHDF.VOL.Native;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Reads an HDF5 weights file defensively (Keras's <c>safe_get_h5_group</c>/<c>safe_get_h5_dataset</c>): objects
/// reached through external links, datasets with external or virtual storage and datasets whose shape or dtype
/// differ from what the model expects are refused before any data is read, so a hostile file can neither make
/// DeepKeras read other files nor allocate more than the model's own weights.
/// </summary>
internal sealed class H5Reader : IDisposable
{
    // PureHDF 2.2 does not expose where an object lives or whether a dataset stores its data in external files; both
    // are read from its (pinned) internals. A missing member is reported, not ignored (see CheckInternals).
    private static readonly PropertyInfo? ContextProperty =
        typeof(NativeObject).GetProperty("Context", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly PropertyInfo? ExternalFilesProperty =
        typeof(NativeDataset).GetProperty("InternalExternalFileList", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly NativeFile _file;
    private readonly object? _driver;

    private H5Reader(string path, NativeFile file)
    {
        Path = path;
        _file = file;
        _driver = DriverOf(file);
    }

    /// <summary>Gets the file named in errors.</summary>
    public string Path { get; }

    /// <summary>Gets the root group.</summary>
    public IH5Group Root => _file;

    /// <summary>Opens an HDF5 stream.</summary>
    /// <param name="path">The file named in errors (the archive for a <c>.keras</c> file).</param>
    /// <param name="stream">A readable, seekable stream; it is disposed with the reader.</param>
    /// <exception cref="KerasFileException">Not an HDF5 file.</exception>
    public static H5Reader Open(string path, Stream stream)
    {
        CheckInternals();
        try
        {
            return new H5Reader(path, H5File.Open(stream, leaveOpen: false));
        }
        catch (Exception e) when (e is not KerasFileException and not OutOfMemoryException)
        {
            stream.Dispose();
            throw new KerasFileException(path, $"the weights are not a valid HDF5 file: {e.Message}", e);
        }
    }

    /// <summary>Throws when the PureHDF internals the safety checks rely on are missing (a PureHDF version change).</summary>
    public static void CheckInternals()
    {
        if (ContextProperty is null || ExternalFilesProperty is null)
        {
            throw new InvalidOperationException(
                "The HDF5 safety checks need PureHDF 2.2.0 (NativeObject.Context and NativeDataset.InternalExternalFileList were not found).");
        }
    }

    /// <summary>Gets the group at a slash-separated path, or null when any part is missing.</summary>
    /// <exception cref="KerasFileException">The path leads to a dataset, or through an external link.</exception>
    public IH5Group? Group(IH5Group parent, string path)
    {
        var current = parent;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!current.LinkExists(part))
            {
                return null;
            }

            var child = Get(current, part);
            current = child as IH5Group ?? throw Fail($"'{path}' is a {Kind(child)}, expected a group");
        }

        return current;
    }

    /// <summary>Gets a child object after checking it lives in this file.</summary>
    public IH5Object Get(IH5Group parent, string name)
    {
        IH5Object child;
        try
        {
            child = parent.Get(name);
        }
        catch (Exception e) when (e is not KerasFileException and not OutOfMemoryException)
        {
            throw Fail($"cannot read the object '{name}' in group '{parent.Name}': {e.Message}", e);
        }

        if (child is IH5UnresolvedLink)
        {
            throw Fail($"'{name}' in group '{parent.Name}' is a dangling link");
        }

        if (!ReferenceEquals(DriverOf(child), _driver))
        {
            throw Fail($"'{name}' in group '{parent.Name}' is an external link to another file; not allowed");
        }

        return child;
    }

    /// <summary>Gets the names of a group's children (links), without resolving them.</summary>
    public IReadOnlyList<string> ChildNames(IH5Group group)
    {
        try
        {
            return group.Children().Select(c => c.Name).ToList();
        }
        catch (Exception e) when (e is not KerasFileException and not OutOfMemoryException)
        {
            throw Fail($"cannot list group '{group.Name}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a dataset as a tensor of <paramref name="expectedShape"/> and <paramref name="dtype"/>, after checking
    /// its shape and element type.
    /// </summary>
    /// <param name="group">The group holding the dataset.</param>
    /// <param name="name">The dataset name.</param>
    /// <param name="location">The full path, for messages.</param>
    /// <param name="expectedShape">The shape the model needs.</param>
    /// <param name="dtype">The dtype of the result: float32 for weights; int64 or float64 for optimizer scalars.</param>
    /// <exception cref="ShapeMismatchException">The stored shape differs.</exception>
    /// <exception cref="KerasFileException">Missing dataset, unsupported element type or storage.</exception>
    public Tensor ReadTensor(IH5Group group, string name, string location, long[] expectedShape, ScalarType dtype)
    {
        if (!group.LinkExists(name))
        {
            throw Fail($"missing dataset '{location}'");
        }

        var dataset = Get(group, name) as IH5Dataset ?? throw Fail($"'{location}' is not a dataset");
        ulong[] dims;
        H5DataTypeClass typeClass;
        int size;
        try
        {
            dims = dataset.Space.Type == H5DataspaceType.Scalar ? [] : dataset.Space.Dimensions;
            typeClass = dataset.Type.Class;
            size = dataset.Type.Size;
            if (dataset.Layout.Class == H5DataLayoutClass.VirtualStorage)
            {
                throw Fail($"dataset '{location}' is a virtual dataset; not allowed");
            }
        }
        catch (Exception e) when (e is not KerasFileException and not OutOfMemoryException)
        {
            throw Fail($"cannot read the header of dataset '{location}': {e.Message}", e);
        }

        if (ExternalFilesProperty!.GetValue(dataset) is not null)
        {
            throw Fail($"dataset '{location}' stores its data in external files; not allowed");
        }

        if (dims.Length != expectedShape.Length || dims.Zip(expectedShape).Any(p => p.First != (ulong)p.Second))
        {
            throw new ShapeMismatchException(location, expectedShape, dims.Select(d => (long)d).ToArray());
        }

        try
        {
            return ReadData(dataset, typeClass, size, expectedShape, dtype, location);
        }
        catch (Exception e) when (e is not KerasFileException and not OutOfMemoryException)
        {
            throw Fail($"cannot read dataset '{location}' (truncated or corrupted): {e.Message}", e);
        }
    }

    private Tensor ReadData(IH5Dataset dataset, H5DataTypeClass typeClass, int size, long[] shape, ScalarType dtype, string location)
    {
        var scalar = shape.Length == 0;
        Tensor t;
        switch (typeClass, size)
        {
            case (H5DataTypeClass.FloatingPoint, 4):
                t = scalar ? tensor(dataset.Read<float>()) : tensor(dataset.Read<float[]>(), shape);
                break;
            case (H5DataTypeClass.FloatingPoint, 8):
                t = scalar ? tensor(dataset.Read<double>()) : tensor(dataset.Read<double[]>(), shape);
                break;
            case (H5DataTypeClass.FloatingPoint, 2):
                var halves = scalar ? [dataset.Read<Half>()] : dataset.Read<Half[]>();
                t = tensor(halves.Select(h => (float)h).ToArray(), shape);
                break;
            case (H5DataTypeClass.FixedPoint, 8) when dtype == ScalarType.Int64:
                t = scalar ? tensor(dataset.Read<long>()) : tensor(dataset.Read<long[]>(), shape);
                break;
            case (H5DataTypeClass.FixedPoint, 4) when dtype == ScalarType.Int64:
                t = scalar ? tensor((long)dataset.Read<int>()) : tensor(dataset.Read<int[]>().Select(x => (long)x).ToArray(), shape);
                break;
            case (H5DataTypeClass.Opaque or H5DataTypeClass.BitField or H5DataTypeClass.FixedPoint, 2) when IsBfloat16(dataset):
                var raw = scalar ? [dataset.Read<ushort>()] : dataset.Read<ushort[]>();
                t = tensor(raw.Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray(), shape);
                break;
            default:
                throw Fail($"dataset '{location}' has an unsupported dtype ({typeClass}, {size} bytes); expected {(dtype == ScalarType.Int64 ? "an integer" : "float32")}");
        }

        return t.dtype == dtype ? t : t.to(dtype);
    }

    private static bool IsBfloat16(IH5Dataset dataset) =>
        dataset.AttributeExists("dtype") && dataset.Attribute("dtype").Read<string>() == "bfloat16";

    private static object? DriverOf(object obj)
    {
        var context = obj is NativeObject ? ContextProperty!.GetValue(obj) : null;
        return context?.GetType().GetProperty("Driver")?.GetValue(context);
    }

    private static string Kind(IH5Object o) => o switch
    {
        IH5Dataset => "dataset",
        IH5Group => "group",
        _ => "datatype",
    };

    /// <summary>Creates the exception for a problem in this file.</summary>
    public KerasFileException Fail(string problem, Exception? inner = null) => new(Path, problem, inner);

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}

/// <summary>A stored weight has another shape than the model's variable (skipped with <c>skipMismatch</c>).</summary>
/// <param name="location">The dataset path.</param>
/// <param name="expected">The model's shape.</param>
/// <param name="received">The file's shape.</param>
internal sealed class ShapeMismatchException(string location, long[] expected, long[] received)
    : Exception($"shape mismatch for '{location}': the model expects {(Shape)expected}, the file has {(Shape)received}")
{
    /// <summary>Gets the dataset path.</summary>
    public string Location { get; } = location;
}
