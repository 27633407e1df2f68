using System.Runtime.InteropServices;
using DeepKeras.Saving.Hdf5;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Reads weights from an HDF5 file defensively (Keras's <c>safe_get_h5_group</c>/<c>safe_get_h5_dataset</c>), with
/// DeepKeras's strict HDF5 reader (<see cref="Hdf5File"/>): soft and external links, external storage, virtual,
/// chunked or filtered datasets are refused, and a dataset whose shape or dtype differs from what the model expects is
/// refused before its data is read, so a hostile file can neither make DeepKeras read other files nor allocate more than
/// the model's own weights. Every problem is a <see cref="KerasFileException"/> naming the file.
/// </summary>
internal sealed class H5Reader : IDisposable
{
    private readonly FileStream _stream;
    private readonly Hdf5File _file;
    private readonly Dictionary<Hdf5Object, Dictionary<string, Hdf5Link>> _members = [];

    private H5Reader(string path, FileStream stream, Hdf5File file)
    {
        Path = path;
        _stream = stream;
        _file = file;
    }

    /// <summary>Gets the file named in errors.</summary>
    public string Path { get; }

    /// <summary>Gets the root group.</summary>
    public Hdf5Object Root => _file.Root;

    /// <summary>Opens an HDF5 file.</summary>
    /// <param name="path">The file named in errors (the archive for a <c>.keras</c> file).</param>
    /// <param name="stream">The file; it is disposed with the reader.</param>
    /// <exception cref="KerasFileException">Not an HDF5 file, or a damaged superblock or root group.</exception>
    public static H5Reader Open(string path, FileStream stream)
    {
        try
        {
            return new H5Reader(path, stream, Hdf5File.Open(stream.SafeFileHandle));
        }
        catch (Hdf5FormatException e)
        {
            stream.Dispose();
            throw new KerasFileException(path, $"the weights are not a valid HDF5 file: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Gets the group at a slash-separated path below <paramref name="parent"/>, or null when a part is missing.</summary>
    public Hdf5Object? Group(Hdf5Object parent, string path) => Guard(() =>
    {
        var current = parent;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Member(current, part) is not { } link)
            {
                return null;
            }

            var child = Resolve(current, link);
            current = child.IsGroup ? child : throw Fail($"'{child.Path}' is not a group");
        }

        return current;
    });

    /// <summary>Gets the member names of a group.</summary>
    public IReadOnlyList<string> ChildNames(Hdf5Object group) => Guard(() => Members(group).Keys.ToList());

    /// <summary>Gets whether a group has a member of that name.</summary>
    public bool Has(Hdf5Object group, string name) => Guard(() => Member(group, name) is not null);

    /// <summary>Reads a fixed-length string attribute (Keras's <c>layer_names</c>, <c>weight_names</c>), or null when absent.</summary>
    public string[]? Strings(Hdf5Object obj, string attribute) => Guard(() => Hdf5Attribute.Strings(obj, attribute));

    /// <summary>
    /// Reads a dataset as a tensor of <paramref name="expectedShape"/> and <paramref name="dtype"/>, after checking its
    /// storage, shape and element type.
    /// </summary>
    /// <param name="group">The group holding the dataset.</param>
    /// <param name="name">The dataset name.</param>
    /// <param name="location">The full path, for messages.</param>
    /// <param name="expectedShape">The shape the model needs.</param>
    /// <param name="dtype">The dtype of the result: float32 for weights; int64 or float64 for optimizer scalars.</param>
    /// <exception cref="ShapeMismatchException">The stored shape differs.</exception>
    /// <exception cref="KerasFileException">Missing dataset, unsupported element type or storage.</exception>
    public Tensor ReadTensor(Hdf5Object group, string name, string location, long[] expectedShape, ScalarType dtype) => Guard(() =>
    {
        var link = Member(group, name) ?? throw Fail($"missing dataset '{location}'");
        var dataset = Resolve(group, link);
        if (!dataset.IsDataset)
        {
            throw Fail($"'{location}' is not a dataset");
        }

        if (dataset.Refusal is { } refusal)
        {
            throw Fail($"dataset '{location}' {refusal}; not allowed");
        }

        var space = dataset.Dataspace ?? throw Fail($"dataset '{location}' has no dataspace");
        var type = dataset.Datatype ?? throw Fail($"dataset '{location}' has no datatype");
        var layout = dataset.Layout!;
        var dims = space.Kind == 2 ? [ulong.MaxValue] : space.Dimensions;
        if (dims.Length != expectedShape.Length || dims.Zip(expectedShape).Any(p => p.First != (ulong)p.Second))
        {
            throw new ShapeMismatchException(location, expectedShape, dims.Select(d => d > long.MaxValue ? -1 : (long)d).ToArray());
        }

        var integer = dtype == ScalarType.Int64;
        var supported = type.LittleEndian && (integer
            ? type.Class == 0 && type.Signed && type.Size is 4 or 8
            : type.Class == 1 && type.IsIeee);
        if (!supported)
        {
            throw Fail($"dataset '{location}' has an unsupported dtype ({type.Describe()}); expected {(integer ? "an integer" : "float32")}");
        }

        var count = expectedShape.Aggregate(1L, (a, d) => a * d);
        var bytes = count * type.Size;
        var raw = layout.Class switch
        {
            0 when layout.Compact!.Length == bytes => layout.Compact,
            1 when layout.Size == (ulong)bytes => null,
            0 or 1 => throw Fail($"dataset '{location}' stores {(layout.Class == 0 ? layout.Compact!.Length : (long)layout.Size)} bytes, its shape and dtype need {bytes}"),
            2 => throw Fail($"dataset '{location}' is chunked, which DeepKeras does not read"),
            _ => throw Fail($"dataset '{location}' is a virtual dataset; not allowed"),
        };
        var position = raw is null && bytes > 0 ? _file.Position(layout.Address, bytes, $"the data of '{location}'") : 0;
        return ToTensor(raw, position, count, type, expectedShape, dtype);
    });

    private Tensor ToTensor(byte[]? raw, long position, long count, Hdf5Datatype type, long[] shape, ScalarType dtype)
    {
        Span<byte> Source(Span<byte> destination)
        {
            if (raw is null)
            {
                _file.Fill(position, destination);
            }
            else
            {
                raw.CopyTo(destination);
            }

            if (!BitConverter.IsLittleEndian && type.Size > 1)
            {
                for (var i = 0; i < destination.Length; i += (int)type.Size)
                {
                    destination.Slice(i, (int)type.Size).Reverse();
                }
            }

            return destination;
        }

        Tensor t;
        switch (type.Class, type.Size)
        {
            case (1, 4):
                var floats = new float[count];
                Source(MemoryMarshal.AsBytes(floats.AsSpan()));
                t = tensor(floats, shape);
                break;
            case (1, 8):
                var doubles = new double[count];
                Source(MemoryMarshal.AsBytes(doubles.AsSpan()));
                t = tensor(doubles, shape);
                break;
            case (1, _):
                var halves = new Half[count];
                Source(MemoryMarshal.AsBytes(halves.AsSpan()));
                t = tensor(halves.Select(h => (float)h).ToArray(), shape);
                break;
            case (_, 8):
                var longs = new long[count];
                Source(MemoryMarshal.AsBytes(longs.AsSpan()));
                t = tensor(longs, shape);
                break;
            default:
                var ints = new int[count];
                Source(MemoryMarshal.AsBytes(ints.AsSpan()));
                t = tensor(ints.Select(x => (long)x).ToArray(), shape);
                break;
        }

        return t.dtype == dtype ? t : t.to(dtype);
    }

    private Dictionary<string, Hdf5Link> Members(Hdf5Object group)
    {
        if (!_members.TryGetValue(group, out var members))
        {
            members = [];
            foreach (var link in Hdf5Group.Members(group))
            {
                members.TryAdd(link.Name, link);
            }

            _members[group] = members;
        }

        return members;
    }

    private Hdf5Link? Member(Hdf5Object group, string name) => Members(group).GetValueOrDefault(name);

    private Hdf5Object Resolve(Hdf5Object group, Hdf5Link link) => link.Kind switch
    {
        0 => _file.Object(link.Address, group.Path == "/" ? link.Name : $"{group.Path}/{link.Name}"),
        1 => throw Fail($"'{link.Name}' in group '{group.Path}' is a soft link; not allowed"),
        64 => throw Fail($"'{link.Name}' in group '{group.Path}' is an external link to another file; not allowed"),
        _ => throw Fail($"'{link.Name}' in group '{group.Path}' is a user-defined link; not allowed"),
    };

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Hdf5FormatException e)
        {
            throw Fail(e.Message, e);
        }
    }

    /// <summary>Creates the exception for a problem in this file.</summary>
    public KerasFileException Fail(string problem, Exception? inner = null) => new(Path, problem, inner);

    /// <inheritdoc/>
    public void Dispose()
    {
        _file.Dispose();
        _stream.Dispose();
    }
}

/// <summary>A stored weight has another shape than the model's variable (skipped with <c>skipMismatch</c>).</summary>
/// <param name="location">The dataset path.</param>
/// <param name="expected">The model's shape.</param>
/// <param name="received">The file's shape.</param>
internal sealed class ShapeMismatchException(string location, long[] expected, long[] received)
    : Exception($"shape mismatch for '{location}': the model expects {(Shape)expected}, the file has {FormatShape(received)}")
{
    /// <summary>Gets the dataset path.</summary>
    public string Location { get; } = location;

    private static string FormatShape(long[] dims) => dims.Any(d => d < 0 || d > int.MaxValue)
        ? "(" + string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + (dims.Length == 1 ? ",)" : ")")
        : ((Shape)dims).ToString();
}
