using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.Distribution.DistributedRun;

namespace DeepKeras.Tests.Distribution;

/// <summary>A failing, dying or stuck process ends the whole job quickly, with an exit code and a message.</summary>
public class DistributedFaultTests
{
    [MpiFact]
    public void ExceptionInACallbackOnProcess1_AbortsTheJobWithItsMessage()
    {
        var run = RunFault("throw");
        Assert.Contains("DeepKeras: process 1 of 2 failed during Fit; aborting the job.", run.Error);
        Assert.Contains("callback failure on process 1 (test)", run.Error);
    }

    [MpiFact]
    public void ProcessThatDies_EndsTheOtherProcesses()
    {
        var run = RunFault("die");
        Assert.Contains("process 1 kills itself (test)", run.Error);
        Assert.Contains("BAD TERMINATION", run.Output + run.Error);
    }

    // The job must end, unsuccessfully, within 30 s of starting, and no process may finish its training.
    private static ChildProcess.Result RunFault(string fault)
    {
        using var dir = new TempDir();
        var run = Mpiexec(2, [fault, dir.Path], timeoutSeconds: 60);
        Assert.False(run.TimedOut, $"the job hung ({fault} on process 1)");
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"the job took {run.Elapsed.TotalSeconds:0.0} s to end");
        Assert.DoesNotContain("finished training", run.Output);
        return run;
    }

    [MpiFact]
    public void ProcessThatStopsAnswering_IsCaughtByTheTimeout()
    {
        using var dir = new TempDir();
        var run = Mpiexec(2, ["hang", dir.Path], timeoutSeconds: 90,
            environment: new Dictionary<string, string> { [Keras.Distribution.TimeoutVariable] = "5" });
        Assert.False(run.TimedOut, "the watchdog did not end the job");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("process 1 stops answering (test)", run.Error);
        Assert.Contains("DeepKeras: process 0 of 2 waited more than 5 s in collective operation", run.Error);
        Assert.Contains("another process has died, hangs, or stopped calling the same operations", run.Error);
    }
}
