namespace DeepKeras.Tests.TestUtil;

/// <summary>A fact about Linux-only behaviour (the dynamic loader, /proc): skipped, with that reason, elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux-only behaviour (glibc's dynamic loader and /proc/self/maps)";
        }
    }
}
