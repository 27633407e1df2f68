using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepKeras.Callbacks;

namespace DeepKeras.Saving;

/// <summary>
/// JSON as Keras writes and reads it. Values are "plain": <see cref="Dictionary{TKey, TValue}"/> (string keys, insertion
/// order), <see cref="List{T}"/>, <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> and
/// null. <see cref="Write"/> produces the text of Python's <c>json.dumps</c> (separators <c>", "</c> and <c>": "</c>,
/// ASCII only, floats as <c>repr</c>: <c>0.001</c>, <c>1e-07</c>, <c>NaN</c>, <c>Infinity</c>).
/// </summary>
internal static class KerasJson
{
    /// <summary>The deepest nesting accepted when parsing (Keras configs are far shallower).</summary>
    public const int MaxDepth = 64;

    /// <summary>Writes a plain value as Python's <c>json.dumps</c> would.</summary>
    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case long or int or short or byte or sbyte or ushort or uint:
                sb.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong u:
                sb.Append(u.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(Float(d));
                break;
            case float f:
                sb.Append(Float(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
                break;
            case IDictionary<string, object?> dict:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in dict)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    WriteValue(sb, v);
                }

                sb.Append('}');
                break;
            case IEnumerable<object?> list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem)
                    {
                        sb.Append(", ");
                    }

                    firstItem = false;
                    WriteValue(sb, item);
                }

                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"Cannot write a value of type {value.GetType().Name} as JSON; convert it to a plain value first.");
        }
    }

    /// <summary>Python's <c>float.__repr__</c> with JSON's names for non-finite values.</summary>
    public static string Float(double d) => double.IsNaN(d)
        ? "NaN"
        : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PythonFormat.Float(d);

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Parses JSON text into plain values.</summary>
    /// <exception cref="FormatException">The text is not valid JSON or nests deeper than <see cref="MaxDepth"/>.</exception>
    public static object? Parse(string text)
    {
        // Python writes NaN/Infinity/-Infinity bare; turn them into strings System.Text.Json accepts, outside strings.
        text = QuoteNonFiniteLiterals(text);
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return ToPlain(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON ({e.Message})", e);
        }
    }

    private static object? ToPlain(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new Dictionary<string, object?>();
                foreach (var p in e.EnumerateObject())
                {
                    dict[p.Name] = ToPlain(p.Value);
                }

                return dict;
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(ToPlain).ToList();
            case JsonValueKind.String:
                var s = e.GetString()!;
                return s switch
                {
                    NaNMarker => double.NaN,
                    InfMarker => double.PositiveInfinity,
                    NegInfMarker => double.NegativeInfinity,
                    _ => s,
                };
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && e.TryGetInt64(out var l))
                {
                    return l;
                }

                return e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private const string NaNMarker = "\u0001NaN";
    private const string InfMarker = "\u0001Infinity";
    private const string NegInfMarker = "\u0001-Infinity";

    private static string QuoteNonFiniteLiterals(string text)
    {
        if (!text.Contains("NaN", StringComparison.Ordinal) && !text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    sb.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                sb.Append(c);
            }
            else if (string.CompareOrdinal(text, i, "NaN", 0, 3) == 0)
            {
                sb.Append("\"\\u0001NaN\"");
                i += 2;
            }
            else if (string.CompareOrdinal(text, i, "-Infinity", 0, 9) == 0)
            {
                sb.Append("\"\\u0001-Infinity\"");
                i += 8;
            }
            else if (string.CompareOrdinal(text, i, "Infinity", 0, 8) == 0)
            {
                sb.Append("\"\\u0001Infinity\"");
                i += 7;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
