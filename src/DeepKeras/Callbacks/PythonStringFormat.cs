using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepKeras.Callbacks;

/// <summary>
/// The part of Python's <c>str.format</c> that checkpoint file names use (<c>"ckpt-{epoch:02d}-{val_loss:.2f}.keras"</c>):
/// named fields <c>{name}</c> or <c>{name:spec}</c>, <c>{{</c>/<c>}}</c> escapes, and specs
/// <c>[0][width][.precision][d|f|e]</c>. Anything else is refused with a message pointing to the
/// <c>Func&lt;int, Logs, string&gt;</c> form of <see cref="ModelCheckpoint"/>. Values are <see cref="long"/> or <see cref="double"/>.
/// </summary>
internal static partial class PythonStringFormat
{
    [GeneratedRegex(@"^(?<zero>0)?(?<width>\d+)?(?:\.(?<prec>\d+))?(?<type>[dfe])?$")]
    private static partial Regex SpecPattern();

    /// <summary>Formats <paramref name="template"/> with named values.</summary>
    /// <exception cref="KeyNotFoundException">A field names a value that is not given (Python's KeyError).</exception>
    /// <exception cref="FormatException">A malformed template or a spec that does not fit the value.</exception>
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c is '{' or '}' && i + 1 < template.Length && template[i + 1] == c)
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw new FormatException("Single '{' encountered in format string");
            }

            var field = template[(i + 1)..end];
            var colon = field.IndexOf(':');
            var name = colon < 0 ? field : field[..colon];
            if (!values.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"'{name}'");
            }

            sb.Append(FormatValue(value, colon < 0 ? "" : field[(colon + 1)..]));
            i = end;
        }

        return sb.ToString();
    }

    /// <summary>Formats one value with a spec (Python's <c>format(value, spec)</c> for the supported specs).</summary>
    public static string FormatValue(object value, string spec)
    {
        var m = SpecPattern().Match(spec);
        if (!m.Success)
        {
            throw new FormatException(
                $"Unsupported format specifier '{spec}': file name fields take [0][width][.precision][d|f|e] " +
                "(e.g. {epoch:02d}, {val_loss:.2f}); pass a Func<int, Logs, string> for anything else.");
        }

        var type = m.Groups["type"].Success ? m.Groups["type"].Value[0] : '\0';
        int? precision = m.Groups["prec"].Success ? int.Parse(m.Groups["prec"].Value, CultureInfo.InvariantCulture) : null;
        string body;
        bool negative;
        switch (value)
        {
            case long or int:
                var l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                negative = l < 0;
                body = type is '\0' or 'd'
                    ? precision is null
                        ? Math.Abs((decimal)l).ToString(CultureInfo.InvariantCulture)
                        : throw new FormatException("Precision not allowed in integer format specifier")
                    : FormatFloat(Math.Abs((double)l), type, precision);
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (type == 'd')
                {
                    throw new FormatException("Unknown format code 'd' for object of type 'float'");
                }

                if (type == '\0' && precision is not null)
                {
                    throw new FormatException($"Unsupported format specifier '{spec}' for a float: give a type, e.g. '.{precision}f'.");
                }

                negative = double.IsNegative(d) && !double.IsNaN(d);
                body = type == '\0' ? PythonFormat.Float(Math.Abs(d)) : FormatFloat(Math.Abs(d), type, precision);
                break;
            default:
                throw new FormatException($"Cannot format a value of type {value.GetType().Name}");
        }

        var sign = negative ? "-" : "";
        var width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        var padding = Math.Max(0, width - sign.Length - body.Length);
        return m.Groups["zero"].Success ? sign + new string('0', padding) + body : new string(' ', padding) + sign + body;
    }

    private static string FormatFloat(double x, char type, int? precision)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            return double.IsNaN(x) ? "nan" : "inf";
        }

        var p = (precision ?? 6).ToString(CultureInfo.InvariantCulture);
        return type == 'e'
            ? x.ToString((precision == 0 ? "0" : "0." + new string('0', precision ?? 6)) + "e+00", CultureInfo.InvariantCulture)
            : x.ToString("F" + p, CultureInfo.InvariantCulture);
    }
}
