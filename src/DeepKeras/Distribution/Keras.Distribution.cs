using System.Globalization;
using DeepKeras.Distribution;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Training on several processes or machines (Keras <c>keras.distribution</c>): start the program with an MPI
    /// launcher (<c>mpiexec -n 2 dotnet app.dll</c>), call <see cref="Initialize"/>, then
    /// <c>SetDistribution(new DataParallel())</c>; <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> then split every batch
    /// across the processes. Started without a launcher, the program is one process and nothing changes.
    /// </summary>
    /// <example><code>
    /// Keras.Distribution.Initialize();
    /// Keras.Distribution.SetDistribution(new DataParallel());
    /// model.Fit(x, y, batchSize: 256, epochs: 5);   // each of N processes computes 256 / N samples per step
    /// </code></example>
    public static class Distribution
    {
        /// <summary>
        /// The environment variable with the longest time, in seconds, a process may wait in one collective operation
        /// before the job is aborted (default 600).
        /// </summary>
        public const string TimeoutVariable = "DEEPKERAS_DISTRIBUTED_TIMEOUT";

        private static readonly object Gate = new();
        private static ICommunicator? _communicator;
        private static bool _initialized;
        private static bool _aborting;
        private static DistributionStrategy? _current;

        /// <summary>
        /// Joins the processes of an MPI launch (Keras <c>keras.distribution.initialize</c>). It reads the launcher's
        /// environment (<c>mpiexec</c>, <c>srun</c> with PMI): the process count, this process's id and the hosts come from
        /// the launcher and its hostfile. Without a launcher it does nothing and the program runs as one process. Calling
        /// it again does nothing; <see cref="ProcessId"/>, <see cref="NumProcesses"/> and <see cref="DataParallel"/> call it.
        /// </summary>
        /// <exception cref="DllNotFoundException">Started by a launcher, but no MPICH-ABI MPI library is found.</exception>
        /// <exception cref="NotSupportedException">The MPI is Open MPI, whose ABI MPI.NET cannot use.</exception>
        public static void Initialize()
        {
            if (Volatile.Read(ref _initialized))
            {
                return;
            }

            lock (Gate)
            {
                if (_initialized)
                {
                    return;
                }

                if (MpiLibrary.IsLaunched())
                {
                    var communicator = MpiCommunicator.Start(ReadTimeout());
                    _communicator = communicator;
                    AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject as Exception, "an unhandled exception");
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Exit();
                }

                Volatile.Write(ref _initialized, true);
            }
        }

        /// <summary>Gets this process's id, 0 to <see cref="NumProcesses"/> − 1 (MPI rank); 0 without a launcher.</summary>
        public static int ProcessId
        {
            get
            {
                Initialize();
                return _communicator?.Rank ?? 0;
            }
        }

        /// <summary>Gets the number of processes in the job; 1 without a launcher.</summary>
        public static int NumProcesses
        {
            get
            {
                Initialize();
                return _communicator?.Size ?? 1;
            }
        }

        /// <summary>Gets the distribution set by <see cref="SetDistribution"/> (Keras <c>keras.distribution.distribution()</c>), or null.</summary>
        public static DistributionStrategy? Current => _current;

        /// <summary>
        /// Sets the distribution that <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> use (Keras
        /// <c>keras.distribution.set_distribution</c>); null returns to single-process behaviour. Every process must set
        /// the same distribution. See also <see cref="DistributionStrategy.Scope"/>.
        /// </summary>
        /// <param name="value">The distribution, e.g. <c>new DataParallel()</c>.</param>
        public static void SetDistribution(DistributionStrategy? value) => _current = value;

        /// <summary>Describes the job: <c>2 processes (MPICH Version: 4.0.2 …), this is process 0</c>.</summary>
        public static string Describe() => _communicator is { } c
            ? $"{c.Size} processes ({c.Description}), this is process {c.Rank}"
            : "1 process (not started by an MPI launcher)";

        /// <summary>Gets the communicator of an MPI launch with several processes, or null.</summary>
        internal static ICommunicator? Communicator
        {
            get
            {
                Initialize();
                return _communicator is { Size: > 1 } c ? c : null;
            }
        }

        /// <summary>
        /// Prints why this process fails and aborts every process of the job (no process is left waiting for it).
        /// Returns false, doing nothing, when the program is a single process.
        /// </summary>
        /// <param name="error">The error.</param>
        /// <param name="during">What was running, e.g. <c>Fit</c>.</param>
        internal static bool Fail(Exception? error, string during)
        {
            if (_communicator is not { Size: > 1 } c)
            {
                return false;
            }

            _aborting = true;
            Console.Out.Flush();
            Console.Error.WriteLine($"DeepKeras: process {c.Rank} of {c.Size} failed during {during}; aborting the job.");
            Console.Error.WriteLine(error?.ToString() ?? "(no exception)");
            Console.Error.Flush();
            c.Abort(1);
            return true;
        }

        private static void Exit()
        {
            if (_communicator is not { } c || _aborting)
            {
                return;
            }

            if (DataParallelTraining.Busy)
            {
                Fail(null, "training (the process exited in the middle of Fit, Evaluate or Predict)");
                return;
            }

            c.Shutdown();
        }

        private static TimeSpan ReadTimeout()
        {
            var text = Environment.GetEnvironmentVariable(TimeoutVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return TimeSpan.FromSeconds(600);
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new ArgumentException($"{TimeoutVariable} must be a positive number of seconds. Received: {text}");
        }
    }
}
