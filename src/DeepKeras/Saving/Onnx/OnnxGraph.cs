using System.Globalization;
using System.Runtime.InteropServices;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// An ONNX graph under construction, serialized as an ONNX <c>ModelProto</c> (onnx/onnx.proto, IR version 8, default
/// opset 17): nodes in topological order, float32/int64 initializers, and float32 inputs and outputs whose first axis
/// is the symbolic batch size <c>"batch"</c>.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The opset the exporter targets.</summary>
    public const int Opset = 17;

    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private readonly HashSet<string> _names = [];

    /// <summary>Returns a name not used yet in the graph, based on <paramref name="hint"/>.</summary>
    public string Unique(string hint)
    {
        var name = hint;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{hint}_{i}";
        }

        return name;
    }

    /// <summary>Adds a node and returns the names of its outputs.</summary>
    /// <param name="op">The ONNX operator, e.g. <c>"MatMul"</c>.</param>
    /// <param name="inputs">Input names ("" for an omitted optional input).</param>
    /// <param name="hint">The base of the output names (a layer name).</param>
    /// <param name="outputs">The number of outputs.</param>
    /// <param name="attributes">Attributes: long, float, double, string, long[] or float[] values.</param>
    public string[] Node(string op, IReadOnlyList<string> inputs, string hint, int outputs = 1, IReadOnlyDictionary<string, object>? attributes = null)
    {
        var outputNames = Enumerable.Range(0, outputs).Select(i => Unique($"{hint}/{op}{(outputs > 1 ? $":{i}" : "")}")).ToArray();
        var nodeName = Unique($"{hint}/{op}_node");
        _nodes.Add(w =>
        {
            foreach (var i in inputs)
            {
                w.String(1, i);
            }

            foreach (var o in outputNames)
            {
                w.String(2, o);
            }

            w.String(3, nodeName);
            w.String(4, op);
            foreach (var (key, value) in attributes ?? new Dictionary<string, object>())
            {
                w.Message(5, a => Attribute(a, key, value));
            }
        });
        return outputNames;
    }

    /// <summary>Adds a one-output node and returns its output name.</summary>
    public string Op(string op, string hint, IReadOnlyDictionary<string, object>? attributes, params string[] inputs) =>
        Node(op, inputs, hint, 1, attributes)[0];

    /// <summary>Adds a float32 initializer and returns its name.</summary>
    public string Constant(string hint, float[] data, long[] dims)
    {
        var name = Unique(hint);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        _initializers.Add(w => Tensor(w, name, FloatType, dims, bytes));
        return name;
    }

    /// <summary>Adds an int64 initializer and returns its name.</summary>
    public string Int64Constant(string hint, params long[] data)
    {
        var name = Unique(hint);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        _initializers.Add(w => Tensor(w, name, Int64Type, [data.Length], bytes));
        return name;
    }

    /// <summary>Declares a float32 graph input; its first axis is the symbolic batch size.</summary>
    public void Input(string name, IReadOnlyList<int?> shape)
    {
        _names.Add(name);
        _inputs.Add(w => ValueInfo(w, name, shape));
    }

    /// <summary>Declares a float32 graph output under <paramref name="name"/>, fed by <paramref name="value"/>.</summary>
    public void Output(string name, string value, IReadOnlyList<int?> shape)
    {
        if (value != name)
        {
            _names.Add(name);
            _nodes.Add(w =>
            {
                w.String(1, value);
                w.String(2, name);
                w.String(3, Unique($"{name}/Identity_node"));
                w.String(4, "Identity");
            });
        }

        _outputs.Add(w => ValueInfo(w, name, shape));
    }

    /// <summary>Serializes the model.</summary>
    public byte[] ToModelProto(string graphName, string producerVersion)
    {
        var model = new ProtoWriter();
        model.Int(1, 8);                     // ir_version
        model.String(2, "DeepKeras");        // producer_name
        model.String(3, producerVersion);    // producer_version
        model.Message(7, g =>                // graph
        {
            foreach (var n in _nodes)
            {
                g.Message(1, n);
            }

            g.String(2, graphName);
            foreach (var t in _initializers)
            {
                g.Message(5, t);
            }

            foreach (var i in _inputs)
            {
                g.Message(11, i);
            }

            foreach (var o in _outputs)
            {
                g.Message(12, o);
            }
        });
        model.Message(8, o =>                // opset_import
        {
            o.String(1, "");
            o.Int(2, Opset);
        });
        return model.ToArray();
    }

    private static void Tensor(ProtoWriter w, string name, int dataType, long[] dims, byte[] raw)
    {
        foreach (var d in dims)
        {
            w.Int(1, d);
        }

        w.Int(2, dataType);
        w.String(8, name);
        w.Bytes(9, raw);
    }

    private static void ValueInfo(ProtoWriter w, string name, IReadOnlyList<int?> shape)
    {
        w.String(1, name);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int(1, FloatType);
            tensor.Message(2, s =>
            {
                for (var i = 0; i < shape.Count; i++)
                {
                    var dim = shape[i];
                    s.Message(1, d =>
                    {
                        if (i > 0 && dim is { } n)
                        {
                            d.Int(1, n);
                        }
                        else
                        {
                            d.String(2, i == 0 ? "batch" : $"dim_{i}");
                        }
                    });
                }
            });
        }));
    }

    // AttributeProto: name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, type = 20.
    private static void Attribute(ProtoWriter w, string name, object value)
    {
        w.String(1, name);
        switch (value)
        {
            case float f:
                w.Float(2, f);
                w.Int(20, 1);
                break;
            case double d:
                w.Float(2, (float)d);
                w.Int(20, 1);
                break;
            case int or long:
                w.Int(3, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                w.Int(20, 2);
                break;
            case string s:
                w.String(4, s);
                w.Int(20, 3);
                break;
            case string[] strings:
                foreach (var s in strings)
                {
                    w.String(9, s);
                }

                w.Int(20, 8);
                break;
            case long[] ints:
                foreach (var i in ints)
                {
                    w.Int(8, i);
                }

                w.Int(20, 7);
                break;
            case float[] floats:
                foreach (var f in floats)
                {
                    w.Float(7, f);
                }

                w.Int(20, 6);
                break;
            default:
                throw new ArgumentException($"Unsupported ONNX attribute value of type {value.GetType().Name} for '{name}'.", nameof(value));
        }
    }
}
