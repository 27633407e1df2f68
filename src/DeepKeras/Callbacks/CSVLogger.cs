using System.Globalization;
using System.Text;

namespace DeepKeras.Callbacks;

/// <summary>
/// Streams epoch results to a CSV file (Keras <c>keras.callbacks.CSVLogger</c>), in Keras's format: a header
/// <c>epoch</c> plus the log keys sorted (when no key starts with <c>val_</c>, a <c>val_</c> column is added for each key
/// and filled with <c>NA</c>), one row per epoch with the 0-based epoch and the values as Python prints floats,
/// <c>\r\n</c> line ends (Python's csv module), fields quoted only when needed.
/// </summary>
/// <example><code>
/// model.Fit(x, y, epochs: 10, callbacks: [new CSVLogger("training.log")]);
/// // epoch,loss,val_loss
/// // 0,0.6931471824645996,NA
/// </code></example>
[RankZeroOnly]
public sealed class CSVLogger : Callback
{
    private StreamWriter? _writer;
    private List<string>? _keys;
    private bool _appendHeader = true;

    /// <summary>Creates the callback.</summary>
    /// <param name="filename">The CSV file, e.g. <c>run/log.csv</c>.</param>
    /// <param name="separator">The field separator (default <c>,</c>).</param>
    /// <param name="append">Append to an existing file (continuing training) instead of overwriting it.</param>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        Filename = filename;
        Separator = separator;
        Append = append;
    }

    /// <summary>Gets the file name.</summary>
    public string Filename { get; }

    /// <summary>Gets the separator.</summary>
    public string Separator { get; }

    /// <summary>Gets whether rows are appended to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs)
    {
        _appendHeader = true;
        if (Append && File.Exists(Filename))
        {
            using var reader = new StreamReader(Filename);
            _appendHeader = string.IsNullOrEmpty(reader.ReadLine());
        }

        _writer?.Dispose();
        _writer = new StreamWriter(Filename, Append, new UTF8Encoding(false));
        _keys = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("CSVLogger received an epoch end before the start of training.");
        }

        if (_keys is null)
        {
            _keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
            {
                _keys.AddRange(_keys.Select(k => $"val_{k}").ToList());
            }

            if (_appendHeader)
            {
                WriteRow(["epoch", .. _keys]);
            }
        }

        WriteRow([
            epoch.ToString(CultureInfo.InvariantCulture),
            .. _keys.Select(k => logs.TryGetValue(k, out var v) ? PythonFormat.Float(v) : "NA"),
        ]);
        _writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs)
    {
        _writer?.Dispose();
        _writer = null;
    }

    // Python csv "excel" dialect: quote fields holding the separator, a quote or a line break; double the quotes.
    private void WriteRow(IEnumerable<string> fields)
    {
        var quoted = fields.Select(f => f.Contains(Separator, StringComparison.Ordinal) || f.IndexOfAny(['"', '\r', '\n']) >= 0
            ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : f);
        _writer!.Write(string.Join(Separator, quoted));
        _writer.Write("\r\n");
    }
}
