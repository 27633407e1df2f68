using System.Diagnostics;

namespace DeepKeras.Backend;

/// <summary>
/// Bounds the time a process may wait in one collective operation. A process that died is usually reported by the MPI
/// launcher, but one that hangs, or that left training while the others wait for it, would block them forever: past the
/// timeout the watchdog prints which operation was stuck and aborts the whole job.
/// </summary>
internal sealed class CollectiveWatchdog
{
    private readonly TimeSpan _timeout;
    private readonly string _who;
    private readonly Action _abort;
    private readonly Thread _thread;
    private long _startedAt;
    private string _purpose = "";
    private long _calls;

    /// <summary>Starts the watchdog's background thread.</summary>
    /// <param name="timeout">The longest wait allowed in one collective.</param>
    /// <param name="who">The process, for the message (e.g. <c>process 0 of 2</c>).</param>
    /// <param name="abort">Ends the job (MPI_Abort).</param>
    public CollectiveWatchdog(TimeSpan timeout, string who, Action abort)
    {
        _timeout = timeout;
        _who = who;
        _abort = abort;
        _thread = new Thread(Run) { IsBackground = true, Name = "DeepKeras collective watchdog" };
        _thread.Start();
    }

    /// <summary>Marks the start of a collective; dispose the result when it returns.</summary>
    /// <param name="purpose">What the collective does, for the message.</param>
    public Scope Watch(string purpose)
    {
        _purpose = purpose;
        _calls++;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        return new Scope(this);
    }

    private void Run()
    {
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(_timeout.TotalMilliseconds / 10, 50, 1000));
        while (true)
        {
            Thread.Sleep(poll);
            var started = Volatile.Read(ref _startedAt);
            if (started == 0 || Stopwatch.GetElapsedTime(started) < _timeout)
            {
                continue;
            }

            Console.Out.Flush();
            Console.Error.WriteLine(
                $"DeepKeras: {_who} waited more than {_timeout.TotalSeconds:0.#} s in collective operation #{_calls} ({_purpose}): " +
                "another process has died, hangs, or stopped calling the same operations. Aborting the job. " +
                $"(Set {Keras.Distribution.TimeoutVariable} to change the timeout.)");
            Console.Error.Flush();
            _abort();
            Thread.Sleep(TimeSpan.FromSeconds(10));
            Environment.FailFast($"DeepKeras: {_who} could not abort the MPI job after a stuck collective ({_purpose}).");
        }
    }

    /// <summary>The span of one collective call.</summary>
    public readonly struct Scope(CollectiveWatchdog owner) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => Volatile.Write(ref owner._startedAt, 0);
    }
}
