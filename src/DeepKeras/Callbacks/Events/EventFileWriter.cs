using System.Buffers.Binary;
using System.Globalization;
using DeepKeras.Saving.Protobuf;
using static DeepKeras.Callbacks.Events.EventProto;

namespace DeepKeras.Callbacks.Events;

/// <summary>
/// Writes one TensorBoard event file in a run folder, as <c>tf.summary.create_file_writer</c> does: the file
/// <c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;.v2</c> starts with an event carrying the
/// version <c>brain.Event:2</c>, then one event per value, each a TFRecord. Values are TensorFlow 2's "tensor"
/// summaries: a scalar is a float32 tensor of shape [] for the <c>scalars</c> plugin, a histogram a float64 tensor
/// of shape [k, 3] for the <c>histograms</c> plugin.
/// </summary>
internal sealed class EventFileWriter : IDisposable
{
    private static int _fileCounter;
    private readonly Func<double> _clock;
    private FileStream? _stream;

    /// <summary>Creates the run folder (if needed) and a new event file in it.</summary>
    /// <param name="runDir">The run folder, e.g. <c>logs/train</c>.</param>
    /// <param name="clock">Seconds since the Unix epoch, for event wall times and the file name (default: now).</param>
    public EventFileWriter(string runDir, Func<double>? clock = null)
    {
        _clock = clock ?? (() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds);
        Directory.CreateDirectory(runDir);
        var now = _clock();
        var name = string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{(long)now:D10}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _fileCounter)}.v2");
        FilePath = Path.Combine(runDir, name);
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var first = new ProtoWriter();
        first.Double(Event.WallTime, now);
        first.String(Event.FileVersion, "brain.Event:2");
        first.Message(Event.SourceMetadata, m => m.String(SourceMetadata.Writer, "deepkeras"));
        Write(first);
        Flush();
    }

    /// <summary>Gets the path of the event file.</summary>
    public string FilePath { get; }

    /// <summary>Writes a scalar (what <c>tf.summary.scalar</c> writes; the value is stored as float32).</summary>
    public void Scalar(string tag, double value, long step)
    {
        var content = new byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(content, (float)value);
        Value(tag, step, "scalars", [], t =>
        {
            t.Int(TensorProto.Dtype, DataType.Float);
            t.Message(TensorProto.TensorShape, _ => { });
            t.Bytes(TensorProto.TensorContent, content);
        });
    }

    /// <summary>Writes a histogram of <paramref name="data"/> (what <c>tf.summary.histogram</c> writes).</summary>
    public void Histogram(string tag, ReadOnlySpan<double> data, long step)
    {
        var rows = HistogramBuckets.Compute(data);
        var content = new byte[rows.Length * sizeof(double)];
        for (var i = 0; i < rows.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(i * sizeof(double)), rows[i]);
        }

        Value(tag, step, "histograms", [], t =>
        {
            t.Int(TensorProto.Dtype, DataType.Double);
            t.Message(TensorProto.TensorShape, s =>
            {
                s.Message(TensorShapeProto.Dim, d => d.Int(TensorShapeProto.DimSize, rows.Length / 3));
                s.Message(TensorShapeProto.Dim, d => d.Int(TensorShapeProto.DimSize, 3));
            });
            t.Bytes(TensorProto.TensorContent, content);
        });
    }

    /// <summary>Writes a string scalar for <paramref name="plugin"/> (e.g. Keras's model config for the graph plugin).</summary>
    public void Text(string tag, string text, long step, string plugin, byte[] pluginContent)
    {
        Value(tag, step, plugin, pluginContent, t =>
        {
            t.Int(TensorProto.Dtype, DataType.String);
            t.Message(TensorProto.TensorShape, _ => { });
            t.String(TensorProto.StringVal, text);
        });
    }

    /// <summary>Pushes what was written to the file, so TensorBoard sees it while training runs.</summary>
    public void Flush() => _stream?.Flush();

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private void Value(string tag, long step, string plugin, byte[] pluginContent, Action<ProtoWriter> tensor)
    {
        var e = new ProtoWriter();
        e.Double(Event.WallTime, _clock());
        if (step != 0)
        {
            // proto3 leaves fields at their default value out.
            e.Int(Event.Step, step);
        }

        e.Message(Event.Summary, s => s.Message(Summary.Value, v =>
        {
            v.String(SummaryValue.Tag, tag);
            v.Message(SummaryValue.Tensor, tensor);
            v.Message(SummaryValue.Metadata, m => m.Message(SummaryMetadata.PluginData, p =>
            {
                p.String(PluginData.PluginName, plugin);
                if (pluginContent.Length > 0)
                {
                    p.Bytes(PluginData.Content, pluginContent);
                }
            }));
        }));
        Write(e);
    }

    private void Write(ProtoWriter message)
    {
        var stream = _stream ?? throw new ObjectDisposedException(FilePath, $"The event file '{FilePath}' is closed.");
        TfRecord.Write(stream, message.ToArray());
    }
}
