using System.Globalization;

namespace DeepKeras.Callbacks;

/// <summary>Formats numbers the way Python's <c>repr(float)</c> does, for Keras-identical messages and CSV files.</summary>
internal static class PythonFormat
{
    /// <summary>
    /// Python's <c>repr</c> of a float: the shortest digits that round-trip, fixed notation for decimal exponents
    /// −4 ≤ e &lt; 16 (with <c>.0</c> for integral values), otherwise <c>1.5e-05</c>/<c>1e+16</c>;
    /// <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is (on .NET Core 3.0+), in either notation. Parse it into digits and exponent.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.');
        var intPart = dot >= 0 ? r[..dot] : r;
        var fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        // Position of the decimal point relative to the first significant digit (value = 0.d1d2… × 10^decpt).
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var decpt = intPart.Length - leadingZeros + exponent;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string body;
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0)
            {
                body = "0." + new string('0', -decpt) + digits;
            }
            else if (decpt >= digits.Length)
            {
                body = digits + new string('0', decpt - digits.Length) + ".0";
            }
            else
            {
                body = digits[..decpt] + "." + digits[decpt..];
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            var exp = decpt - 1;
            body = $"{mantissa}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }

        return value < 0 ? "-" + body : body;
    }
}
