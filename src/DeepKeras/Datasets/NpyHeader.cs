using System.Text;

namespace DeepKeras.Datasets;

/// <summary>
/// The header of a <c>.npy</c> array: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (60000, 28, 28), }</c>. Parsed as data with a tiny literal
/// parser (strings, booleans, integer tuples); nothing is ever evaluated.
/// </summary>
/// <param name="Descr">The dtype string (<c>|u1</c>, <c>&lt;i8</c>, <c>&lt;f4</c>, …).</param>
/// <param name="FortranOrder">Whether the data is stored column-major.</param>
/// <param name="Shape">The array shape.</param>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>Parses the header text.</summary>
    /// <param name="text">The dict literal.</param>
    /// <param name="name">The array name for errors.</param>
    /// <exception cref="InvalidDataException">Malformed text, a missing key, or a structured dtype.</exception>
    public static NpyHeader Parse(string text, string name)
    {
        var parser = new Parser(text, name);
        var dict = parser.ParseDict();
        string Need(string key) => dict.ContainsKey(key) ? key : throw parser.Error($"it has no '{key}' key");
        var descr = dict[Need("descr")] as string ?? throw parser.Error("'descr' is not a string");
        var fortran = dict[Need("fortran_order")] as bool? ?? throw parser.Error("'fortran_order' is not True or False");
        var shape = dict[Need("shape")] as long[] ?? throw parser.Error("'shape' is not a tuple of integers");
        return new NpyHeader(descr, fortran, shape);
    }

    private sealed class Parser(string text, string name)
    {
        private int _pos;

        public Dictionary<string, object> ParseDict()
        {
            var dict = new Dictionary<string, object>(StringComparer.Ordinal);
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _pos++;
                    return dict;
                }

                var key = ParseString();
                Expect(':');
                dict[key] = ParseValue();
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != '}')
                {
                    throw Error($"expected ',' or '}}' at offset {_pos}");
                }
            }
        }

        public InvalidDataException Error(string what) =>
            new($"Array '{name}' has an invalid .npy header ({what}): {text.Trim()}");

        private object ParseValue()
        {
            SkipSpace();
            switch (Peek())
            {
                case '\'' or '"':
                    return ParseString();
                case '(':
                    return ParseTuple();
                case '[':
                    throw new InvalidDataException(
                        $"Array '{name}' has a structured dtype ({text.Trim()}); only plain numeric dtypes such as '<f4' or '|u1' are supported.");
                default:
                    if (Match("True"))
                    {
                        return true;
                    }

                    if (Match("False"))
                    {
                        return false;
                    }

                    throw Error($"unexpected value at offset {_pos}");
            }
        }

        private long[] ParseTuple()
        {
            Expect('(');
            var dims = new List<long>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    _pos++;
                    return [.. dims];
                }

                var start = _pos;
                while (char.IsAsciiDigit(Peek()))
                {
                    _pos++;
                }

                if (start == _pos || !long.TryParse(text.AsSpan(start, _pos - start), out var dim))
                {
                    throw Error($"a shape entry at offset {start} is not a non-negative integer");
                }

                dims.Add(dim);
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != ')')
                {
                    throw Error($"expected ',' or ')' at offset {_pos}");
                }
            }
        }

        private string ParseString()
        {
            SkipSpace();
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Error($"expected a quoted string at offset {_pos}");
            }

            var end = text.IndexOf(quote, _pos + 1);
            if (end < 0)
            {
                throw Error("unterminated string");
            }

            var s = text[(_pos + 1)..end];
            _pos = end + 1;
            return s;
        }

        private bool Match(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0)
            {
                return false;
            }

            _pos += word.Length;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                throw Error($"expected '{c}' at offset {_pos}");
            }

            _pos++;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }
    }

    /// <summary>Decodes header bytes (latin-1 for format 1.0/2.0, UTF-8 for 3.0).</summary>
    /// <param name="bytes">The header bytes.</param>
    /// <param name="major">The format's major version.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, int major) =>
        major >= 3 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}
