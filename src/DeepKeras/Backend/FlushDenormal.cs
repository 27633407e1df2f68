namespace DeepKeras.Backend;

/// <summary>
/// Treats denormal (subnormal) floats as zero in libtorch's CPU arithmetic (the FTZ/DAZ flags of x86's MXCSR, ARM's
/// FPCR.FZ), as TensorFlow does in its threads and as PyTorch's <c>torch.set_flush_denormal(True)</c> does on request.
/// </summary>
/// <remarks>
/// Values below ~1.2e-38 appear in long recurrent back-propagation (products of many gate derivatives below 1) and in
/// decaying optimizer moments; the CPU then takes a micro-code assist on every operation that touches one, which made
/// the same LSTM epoch run several times slower from one round to the next. The flags are per thread and a new thread
/// inherits its creator's: they are set once when the backend starts (before libtorch starts its worker threads) and
/// again on the thread that runs <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c>. <c>DEEPKERAS_FLUSH_DENORMAL=0</c> keeps
/// IEEE gradual underflow.
/// </remarks>
internal static class FlushDenormal
{
    /// <summary>The environment variable that turns flushing off (<c>0</c>).</summary>
    public const string Variable = "DEEPKERAS_FLUSH_DENORMAL";

    private static readonly bool Wanted = Environment.GetEnvironmentVariable(Variable)?.Trim() != "0";

    [ThreadStatic]
    private static bool _setOnThisThread;

    /// <summary>Gets a one-line account of the decision.</summary>
    public static string Status { get; private set; } = "denormals: not set";

    /// <summary>Sets the flags on the calling thread (once per thread).</summary>
    public static void OnThisThread()
    {
        if (_setOnThisThread)
        {
            return;
        }

        _setOnThisThread = true;
        if (!Wanted)
        {
            Status = $"denormals: kept ({Variable}=0)";
            return;
        }

        try
        {
            Status = AtenContext.SetFlushDenormal(true) ? "denormals: flushed to zero" : "denormals: kept (not supported on this CPU)";
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            Status = "denormals: kept (libtorch without the switch)";
        }
    }
}
