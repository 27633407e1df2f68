namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// A test that runs programs under <c>mpiexec</c>; skipped, with the reason, only when no <c>mpiexec</c> is on PATH
/// (<c>./build.sh setup</c> installs Debian's <c>mpich</c>, which provides it).
/// </summary>
public sealed class MpiFactAttribute : FactAttribute
{
    /// <summary>Initializes the attribute, skipping when <c>mpiexec</c> is absent.</summary>
    public MpiFactAttribute()
    {
        if (ChildProcess.OnPath("mpiexec") is null)
        {
            Skip = MpiTheoryAttribute.Reason;
        }
    }
}

/// <summary>A theory that runs programs under <c>mpiexec</c>; skipped only when no <c>mpiexec</c> is on PATH.</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    /// <summary>The reason given when skipping.</summary>
    internal const string Reason = "mpiexec is not on PATH: install an MPICH-ABI MPI (./build.sh setup installs Debian's mpich)";

    /// <summary>Initializes the attribute, skipping when <c>mpiexec</c> is absent.</summary>
    public MpiTheoryAttribute()
    {
        if (ChildProcess.OnPath("mpiexec") is null)
        {
            Skip = Reason;
        }
    }
}
