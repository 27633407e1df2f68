using System.Text;

namespace DeepKeras.Layers;

/// <summary>
/// The string steps of <see cref="TextVectorization"/>, as TensorFlow performs them for Keras: ASCII-only lower-casing
/// (<c>tf.strings.lower</c>), removal of the 32 ASCII punctuation characters, and splitting on ASCII whitespace or into
/// Unicode code points.
/// </summary>
internal static class TextPreprocessing
{
    // The character class Keras passes to tf.strings.regex_replace: Python's string.punctuation.
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static string Standardize(string text, string? mode)
    {
        if (mode is null)
        {
            return text;
        }

        var lower = mode is "lower" or "lower_and_strip_punctuation";
        var strip = mode is "strip_punctuation" or "lower_and_strip_punctuation";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (strip && Punctuation.Contains(c))
            {
                continue;
            }

            sb.Append(lower && c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }

        return sb.ToString();
    }

    public static List<string> Split(string text, string? mode) => mode switch
    {
        null => [text],
        "whitespace" => [.. text.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries)],
        _ => [.. text.EnumerateRunes().Select(r => r.ToString())],
    };

    /// <summary>Orders strings by Unicode code point (the byte order of their UTF-8 encoding, which Keras sorts on).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA.CompareTo(hasB);
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
