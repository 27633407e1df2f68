using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepKeras.Callbacks;

/// <summary>
/// Python's <c>str.format</c> with named fields, for checkpoint file names such as
/// <c>"ckpt-{epoch:02d}-{val_loss:.2f}.keras"</c>: fields <c>{name}</c> or <c>{name:spec}</c>, <c>{{</c>/<c>}}</c>
/// escapes, and the format-spec mini-language <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c> with types
/// <c>d</c>, <c>f</c>, <c>F</c>, <c>e</c>, <c>E</c>, <c>g</c>, <c>G</c>, <c>%</c>, <c>s</c> and none.
/// Values are <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.
/// </summary>
internal static partial class PythonStringFormat
{
    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+\- ])?(?<alt>#)?(?<zero>0)?(?<width>\d+)?(?<group>[,_])?(?:\.(?<prec>\d+))?(?<type>[bcdeEfFgGnosxX%])?$")]
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
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    sb.Append('}');
                    i++;
                    continue;
                }

                throw new FormatException("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i++;
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
            var spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"'{name}'");
            }

            sb.Append(FormatValue(value, spec));
            i = end;
        }

        return sb.ToString();
    }

    /// <summary>Formats one value with a format spec (Python's <c>format(value, spec)</c>).</summary>
    public static string FormatValue(object value, string spec)
    {
        var m = SpecPattern().Match(spec);
        if (!m.Success)
        {
            throw new FormatException($"Invalid format specifier '{spec}'");
        }

        var type = m.Groups["type"].Success ? m.Groups["type"].Value[0] : '\0';
        int? precision = m.Groups["prec"].Success ? int.Parse(m.Groups["prec"].Value, CultureInfo.InvariantCulture) : null;
        var sign = m.Groups["sign"].Success ? m.Groups["sign"].Value[0] : '-';
        var alternate = m.Groups["alt"].Success;
        var grouping = m.Groups["group"].Success ? m.Groups["group"].Value[0] : '\0';

        string body;
        bool negative;
        var numeric = true;
        switch (value)
        {
            case string s:
                if (type is not ('\0' or 's'))
                {
                    throw new FormatException($"Unknown format code '{type}' for object of type 'str'");
                }

                body = precision is { } p && p < s.Length ? s[..p] : s;
                negative = false;
                numeric = false;
                break;
            case long or int:
                var l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                negative = l < 0;
                if (type is '\0' or 'd' or 'n')
                {
                    if (precision is not null)
                    {
                        throw new FormatException("Precision not allowed in integer format specifier");
                    }

                    body = Group(Math.Abs((decimal)l).ToString(CultureInfo.InvariantCulture), grouping);
                }
                else
                {
                    body = FormatFloat(Math.Abs((double)l), type, precision, alternate, grouping, isInteger: true);
                }

                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (type is 'd' or 'n' or 'x' or 'X' or 'o' or 'b' or 'c')
                {
                    throw new FormatException($"Unknown format code '{type}' for object of type 'float'");
                }

                negative = double.IsNegative(d) && !double.IsNaN(d);
                body = FormatFloat(Math.Abs(d), type, precision, alternate, grouping, isInteger: false);
                break;
            default:
                throw new FormatException($"Cannot format a value of type {value.GetType().Name}");
        }

        var signText = negative ? "-" : numeric && sign == '+' ? "+" : numeric && sign == ' ' ? " " : "";
        var width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        var fill = m.Groups["fill"].Success ? m.Groups["fill"].Value[0] : ' ';
        var align = m.Groups["align"].Success ? m.Groups["align"].Value[0] : '\0';
        if (m.Groups["zero"].Success && !m.Groups["align"].Success)
        {
            fill = '0';
            align = '=';
        }

        if (align == '\0')
        {
            align = numeric ? '>' : '<';
        }

        var padding = Math.Max(0, width - signText.Length - body.Length);
        return align switch
        {
            '<' => signText + body + new string(fill, padding),
            '^' => new string(fill, padding / 2) + signText + body + new string(fill, padding - padding / 2),
            '=' => signText + new string(fill, padding) + body,
            _ => new string(fill, padding) + signText + body,
        };
    }

    private static string FormatFloat(double x, char type, int? precision, bool alternate, char grouping, bool isInteger)
    {
        if (double.IsNaN(x))
        {
            return type is 'F' or 'E' or 'G' ? "NAN" : "nan";
        }

        if (double.IsInfinity(x))
        {
            return type is 'F' or 'E' or 'G' ? "INF" : "inf";
        }

        switch (type)
        {
            case 'f' or 'F':
                return Fixed(x, precision ?? 6, alternate, grouping);
            case '%':
                return Fixed(x * 100, precision ?? 6, alternate, grouping) + "%";
            case 'e' or 'E':
                var e = Exponent(x, precision ?? 6, alternate);
                return type == 'E' ? e.ToUpperInvariant() : e;
            case 'g' or 'G':
                var g = General(x, precision ?? 6, alternate, grouping);
                return type == 'G' ? g.ToUpperInvariant() : g;
            default:
                // No type: repr for floats without a precision, else 'g' that keeps at least one decimal.
                if (precision is null)
                {
                    return isInteger ? Group(x.ToString("F0", CultureInfo.InvariantCulture), grouping) : PythonFormat.Float(x);
                }

                var general = General(x, Math.Max(1, precision.Value), alternate, grouping);
                return general.Contains('.') || general.Contains('e') || general.Contains("inf") ? general : general + ".0";
        }
    }

    private static string Fixed(double x, int precision, bool alternate, char grouping)
    {
        var s = x.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = s.IndexOf('.');
        var intPart = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[dot..];
        return Group(intPart, grouping) + (frac.Length == 0 && alternate ? "." : frac);
    }

    private static string Exponent(double x, int precision, bool alternate)
    {
        var s = x.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "e+00", CultureInfo.InvariantCulture);
        return alternate && precision == 0 ? s.Insert(1, ".") : s;
    }

    private static string General(double x, int precision, bool alternate, char grouping)
    {
        var p = Math.Max(1, precision);
        if (x == 0)
        {
            return alternate ? "0." + new string('0', p - 1) : "0";
        }

        // The exponent after rounding to p significant digits decides the notation.
        var rounded = double.Parse(x.ToString("E" + (p - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var exp = (int)Math.Floor(Math.Log10(rounded));
        string s;
        if (exp >= -4 && exp < p)
        {
            s = Fixed(x, p - 1 - exp, alternate, grouping);
        }
        else
        {
            s = Exponent(x, p - 1, alternate);
        }

        if (!alternate)
        {
            var e = s.IndexOf('e');
            var mantissa = e < 0 ? s : s[..e];
            var suffix = e < 0 ? "" : s[e..];
            if (mantissa.Contains('.'))
            {
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            }

            s = mantissa + suffix;
        }

        return s;
    }

    private static string Group(string digits, char separator)
    {
        if (separator == '\0' || digits.Length <= 3)
        {
            return digits;
        }

        var sb = new StringBuilder();
        var first = digits.Length % 3;
        if (first > 0)
        {
            sb.Append(digits, 0, first);
        }

        for (var i = first; i < digits.Length; i += 3)
        {
            if (sb.Length > 0)
            {
                sb.Append(separator);
            }

            sb.Append(digits, i, 3);
        }

        return sb.ToString();
    }
}
