using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>How <see cref="ICommunicator.AllReduce"/> combines the processes' values.</summary>
internal enum ReduceOp
{
    /// <summary>Element-wise sum.</summary>
    Sum,

    /// <summary>Element-wise maximum.</summary>
    Max,
}

/// <summary>
/// The collective operations data-parallel training needs, on tensors' own memory. The MPI implementation lives in
/// <c>Backend/MpiCommunicator</c>; a GPU implementation (NCCL) would implement the same interface. Every process must
/// call the same collectives in the same order with the same sizes; each call names its purpose for the error that a
/// stuck call produces.
/// </summary>
internal interface ICommunicator
{
    /// <summary>Gets this process's index, 0 to <see cref="Size"/> − 1.</summary>
    int Rank { get; }

    /// <summary>Gets the number of processes.</summary>
    int Size { get; }

    /// <summary>Gets a one-line description of the transport (e.g. the MPI library's version).</summary>
    string Description { get; }

    /// <summary>Combines <paramref name="buffer"/> across processes, in place; every process receives the result.</summary>
    /// <param name="buffer">A contiguous float32, float64, int32 or int64 tensor of the same size on every process.</param>
    /// <param name="op">The reduction.</param>
    /// <param name="purpose">What is reduced, for error messages (e.g. <c>"gradients"</c>).</param>
    void AllReduce(Tensor buffer, ReduceOp op, string purpose);

    /// <summary>Copies <paramref name="root"/>'s <paramref name="buffer"/> into every other process's, in place.</summary>
    /// <param name="buffer">A contiguous tensor of the same size and dtype on every process.</param>
    /// <param name="root">The process whose values are sent.</param>
    /// <param name="purpose">What is sent, for error messages.</param>
    void Broadcast(Tensor buffer, int root, string purpose);

    /// <summary>Concatenates every process's <paramref name="local"/> along axis 0, in process order.</summary>
    /// <param name="local">This process's rows (the row shape and dtype must match across processes).</param>
    /// <param name="purpose">What is gathered, for error messages.</param>
    /// <returns>A new CPU tensor with all processes' rows.</returns>
    Tensor AllGather(Tensor local, string purpose);

    /// <summary>Ends the communication at a normal exit (MPI_Finalize; it waits for the other processes to finish too).</summary>
    void Shutdown();

    /// <summary>Ends every process of the job with <paramref name="errorCode"/>; does not return.</summary>
    /// <param name="errorCode">The exit code.</param>
    void Abort(int errorCode);
}
