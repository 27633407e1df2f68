using DeepKeras.Callbacks;

namespace DeepKeras.Tests.Callbacks;

public class PythonStringFormatTests
{
    private static string F(string template, params (string Key, object Value)[] values) =>
        PythonStringFormat.Format(template, values.ToDictionary(v => v.Key, v => v.Value));

    [Theory]
    // Each expected string is what Python's str.format prints.
    [InlineData("{epoch:02d}", 3L, "03")]
    [InlineData("{epoch}", 12L, "12")]
    [InlineData("{epoch:4}", 7L, "   7")]
    [InlineData("{epoch:.2f}", 3L, "3.00")]
    [InlineData("{epoch:05d}", -42L, "-0042")]
    [InlineData("{v:.2f}", 0.12345, "0.12")]
    [InlineData("{v:.4f}", 2.0, "2.0000")]
    [InlineData("{v:08.3f}", -1.5, "-001.500")]
    [InlineData("{v:8.3f}", -1.5, "  -1.500")]
    [InlineData("{v:.3e}", 0.000123456, "1.235e-04")]
    [InlineData("{v:e}", 12345.678, "1.234568e+04")]
    [InlineData("{v:f}", 0.5, "0.500000")]
    [InlineData("{v}", 0.1, "0.1")]
    [InlineData("{v}", 1e-07, "1e-07")]
    [InlineData("{v}", 2.0, "2.0")]
    [InlineData("{v:.2f}", double.NaN, "nan")]
    [InlineData("{v:f}", double.PositiveInfinity, "inf")]
    public void FormatsLikePython(string template, object value, string expected)
    {
        var key = template[1..template.IndexOfAny([':', '}'])];
        Assert.Equal(expected, F(template, (key, value)));
    }

    [Fact]
    public void Template_MixesTextFieldsAndEscapes()
    {
        Assert.Equal("model-05-0.35{x}.keras", F("model-{epoch:02d}-{val_loss:.2f}{{x}}.keras", ("epoch", 5L), ("val_loss", 0.3456)));
    }

    [Fact]
    public void Errors_MatchPython()
    {
        Assert.Equal("'val_acc'", Assert.Throws<KeyNotFoundException>(() => F("{val_acc:.2f}", ("loss", 1.0))).Message);
        Assert.Contains("Unknown format code 'd' for object of type 'float'", Assert.Throws<FormatException>(() => F("{loss:d}", ("loss", 1.0))).Message);
        Assert.Throws<FormatException>(() => F("{epoch", ("epoch", 1L)));
        Assert.Throws<FormatException>(() => F("a}b"));
        Assert.Throws<FormatException>(() => F("{epoch:q}", ("epoch", 1L)));
    }

    [Theory]
    [InlineData("{v:>8}")]
    [InlineData("{v:,}")]
    [InlineData("{v:.1%}")]
    [InlineData("{v:g}")]
    [InlineData("{v:.2}")]
    public void SpecsBeyondFileNames_AreRefusedWithTheAlternative(string template)
    {
        var ex = Assert.Throws<FormatException>(() => F(template, ("v", 0.25)));
        Assert.Contains("Unsupported format specifier", ex.Message);
    }
}
