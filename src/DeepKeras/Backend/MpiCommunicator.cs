using DeepKeras.Distribution;
using static TorchSharp.torch;
using U = MPI.Unsafe;

namespace DeepKeras.Backend;

/// <summary>
/// <see cref="ICommunicator"/> over MPI (MPI.NET's raw bindings, MPICH ABI). Collectives run in place on the tensor's own
/// memory (TorchSharp's <c>bytes</c> span of a CPU tensor); tensors on a GPU go through a CPU copy. Large buffers are sent
/// in buckets of at most 64 MB per MPI call, and every call is timed by a <see cref="CollectiveWatchdog"/>.
/// </summary>
internal sealed unsafe class MpiCommunicator : ICommunicator
{
    private const long BucketBytes = 64L << 20;

    // MPICH's MPI_IN_PLACE is the address -1.
    private static readonly IntPtr InPlace = new(-1);

    private readonly MPI.Environment _environment;
    private readonly CollectiveWatchdog _watchdog;
    private bool _shutDown;

    private MpiCommunicator(MPI.Environment environment, TimeSpan timeout)
    {
        _environment = environment;
        Check(U.MPI_Comm_rank(U.MPI_COMM_WORLD, out var rank), "MPI_Comm_rank");
        Check(U.MPI_Comm_size(U.MPI_COMM_WORLD, out var size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        Description = $"{MpiLibrary.Version()} ({MpiLibrary.LoadedName})";
        _watchdog = new CollectiveWatchdog(timeout, $"process {rank} of {size}", () => U.MPI_Abort(U.MPI_COMM_WORLD, 1));
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Loads the MPI library and initializes MPI for a process started by an MPI launcher.</summary>
    /// <param name="timeout">The longest wait allowed in one collective before the job is aborted.</param>
    public static MpiCommunicator Start(TimeSpan timeout)
    {
        MpiLibrary.Load();
        var args = Array.Empty<string>();
        return new MpiCommunicator(new MPI.Environment(ref args, MPI.Threading.Serialized), timeout);
    }

    /// <inheritdoc/>
    public void AllReduce(Tensor buffer, ReduceOp op, string purpose)
    {
        var mpiOp = op == ReduceOp.Sum ? U.MPI_SUM : U.MPI_MAX;
        OnHostCopy(buffer, host => ForEachBucket(host, (p, count, type) =>
        {
            using var watch = _watchdog.Watch(purpose);
            Check(U.MPI_Allreduce(InPlace, p, count, type, mpiOp, U.MPI_COMM_WORLD), $"MPI_Allreduce ({purpose})");
        }));
    }

    /// <inheritdoc/>
    public void Broadcast(Tensor buffer, int root, string purpose) =>
        OnHostCopy(buffer, host => ForEachBucket(host, (p, count, type) =>
        {
            using var watch = _watchdog.Watch(purpose);
            Check(U.MPI_Bcast(p, count, type, root, U.MPI_COMM_WORLD), $"MPI_Bcast ({purpose})");
        }));

    /// <inheritdoc/>
    public Tensor AllGather(Tensor local, string purpose)
    {
        using var scope = NewDisposeScope();
        var rows = local.cpu().contiguous();
        var rowShape = rows.shape.Skip(1).ToArray();
        var rowSize = rowShape.Aggregate(1L, (a, d) => a * d);
        var counts = tensor(new long[Size], int64);
        counts[Rank] = rows.shape[0];
        AllReduce(counts, ReduceOp.Sum, $"{purpose}: row counts");
        var rowCounts = counts.data<long>().ToArray();
        var total = rowCounts.Sum() * rowSize;
        if (total > int.MaxValue)
        {
            throw new InvalidOperationException(
                $"Cannot gather {purpose}: {total} values exceed MPI's limit of {int.MaxValue} per call. Predict in smaller parts.");
        }

        var result = empty([rowCounts.Sum(), .. rowShape], rows.dtype);
        var type = MpiType(rows.dtype, purpose);
        var receiveCounts = rowCounts.Select(c => (int)(c * rowSize)).ToArray();
        var displacements = new int[Size];
        for (var i = 1; i < Size; i++)
        {
            displacements[i] = displacements[i - 1] + receiveCounts[i - 1];
        }

        fixed (byte* send = rows.numel() == 0 ? new Span<byte>(new byte[1]) : rows.bytes)
        fixed (byte* receive = result.numel() == 0 ? new Span<byte>(new byte[1]) : result.bytes)
        {
            using var watch = _watchdog.Watch(purpose);
            Check(U.MPI_Allgatherv((IntPtr)send, receiveCounts[Rank], type, (IntPtr)receive, receiveCounts, displacements, type, U.MPI_COMM_WORLD),
                $"MPI_Allgatherv ({purpose})");
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Shutdown()
    {
        if (!_shutDown)
        {
            _shutDown = true;
            _environment.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Abort(int errorCode)
    {
        U.MPI_Abort(U.MPI_COMM_WORLD, errorCode);
        Environment.Exit(errorCode);
    }

    private static void OnHostCopy(Tensor buffer, Action<Tensor> action)
    {
        if (!buffer.is_contiguous())
        {
            throw new ArgumentException("Collective operations need a contiguous tensor.", nameof(buffer));
        }

        if (buffer.device_type == TorchSharp.DeviceType.CPU)
        {
            action(buffer);
            return;
        }

        // MPI reads host memory here: a CUDA-aware MPI or NCCL would work on the device buffer directly.
        using var host = buffer.cpu();
        action(host);
        buffer.copy_(host);
    }

    private static void ForEachBucket(Tensor buffer, Action<IntPtr, int, int> call)
    {
        var type = MpiType(buffer.dtype, "buffer");
        var flat = buffer.view(-1);
        var total = flat.shape[0];
        var perBucket = BucketBytes / flat.element_size();
        for (long start = 0; start < total; start += perBucket)
        {
            using var part = flat.narrow(0, start, Math.Min(perBucket, total - start));
            fixed (byte* p = part.bytes)
            {
                call((IntPtr)p, (int)part.shape[0], type);
            }
        }
    }

    private static int MpiType(ScalarType dtype, string purpose) => dtype switch
    {
        ScalarType.Float32 => U.MPI_FLOAT,
        ScalarType.Float64 => U.MPI_DOUBLE,
        ScalarType.Int32 => U.MPI_INT,
        ScalarType.Int64 => U.MPI_LONG_LONG,
        ScalarType.Byte => U.MPI_BYTE,
        _ => throw new NotSupportedException($"Cannot send {purpose} of dtype {dtype} over MPI: expected float32, float64, int32, int64 or uint8."),
    };

    private static void Check(int code, string call)
    {
        if (code != U.MPI_SUCCESS)
        {
            var text = new byte[U.MPI_MAX_ERROR_STRING];
            var length = 0;
            U.MPI_Error_string(code, text, ref length);
            throw new InvalidOperationException($"{call} failed with MPI error {code}: {System.Text.Encoding.ASCII.GetString(text, 0, length)}");
        }
    }
}
