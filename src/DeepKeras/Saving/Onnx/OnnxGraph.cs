using System.Globalization;
using System.Runtime.InteropServices;
using DeepKeras.Saving.Protobuf;
using static DeepKeras.Saving.Onnx.OnnxProto;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// An ONNX graph under construction, serialized as an ONNX <c>ModelProto</c> (onnx/onnx.proto, IR version 8, default
/// opset 17, and <c>ai.onnx.ml</c> opset 2 when a node uses it): nodes in topological order, float32/int64 initializers,
/// and float32 (or string) inputs and float32 outputs whose first axis is the symbolic batch size <c>"batch"</c>.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The opset the exporter targets.</summary>
    public const int Opset = 17;

    /// <summary>The <c>ai.onnx.ml</c> opset of <c>LabelEncoder</c> with int64 and string keys.</summary>
    public const int MlOpset = 2;

    /// <summary>The domain of the classic machine-learning operators (<c>LabelEncoder</c>).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private const int IrVersion = 8;

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private readonly HashSet<string> _names = [];
    private bool _usesMl;

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
    /// <param name="domain">The operator's domain: null for the default one, or <see cref="MlDomain"/>.</param>
    public string[] Node(string op, IReadOnlyList<string> inputs, string hint, int outputs = 1, IReadOnlyDictionary<string, object>? attributes = null,
        string? domain = null)
    {
        _usesMl |= domain == MlDomain;
        var outputNames = Enumerable.Range(0, outputs).Select(i => Unique($"{hint}/{op}{(outputs > 1 ? $":{i}" : "")}")).ToArray();
        var nodeName = Unique($"{hint}/{op}_node");
        _nodes.Add(w =>
        {
            foreach (var i in inputs)
            {
                w.String(NodeProto.Input, i);
            }

            foreach (var o in outputNames)
            {
                w.String(NodeProto.Output, o);
            }

            w.String(NodeProto.Name, nodeName);
            w.String(NodeProto.OpType, op);
            foreach (var (key, value) in attributes ?? new Dictionary<string, object>())
            {
                w.Message(NodeProto.Attribute, a => WriteAttribute(a, key, value));
            }

            if (domain is not null)
            {
                w.String(NodeProto.Domain, domain);
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
        _initializers.Add(w => WriteTensor(w, name, TensorProto.Float, dims, bytes));
        return name;
    }

    /// <summary>Adds an int64 initializer and returns its name.</summary>
    public string Int64Constant(string hint, params long[] data)
    {
        var name = Unique(hint);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        _initializers.Add(w => WriteTensor(w, name, TensorProto.Int64, [data.Length], bytes));
        return name;
    }

    /// <summary>Declares a graph input, float32 unless <paramref name="elemType"/> says otherwise; its first axis is the symbolic batch size.</summary>
    public void Input(string name, IReadOnlyList<int?> shape, int elemType = TensorProto.Float)
    {
        _names.Add(name);
        _inputs.Add(w => WriteValueInfo(w, name, shape, elemType));
    }

    /// <summary>Declares a float32 graph output under <paramref name="name"/>, fed by <paramref name="value"/>.</summary>
    public void Output(string name, string value, IReadOnlyList<int?> shape)
    {
        if (value != name)
        {
            _names.Add(name);
            _nodes.Add(w =>
            {
                w.String(NodeProto.Input, value);
                w.String(NodeProto.Output, name);
                w.String(NodeProto.Name, Unique($"{name}/Identity_node"));
                w.String(NodeProto.OpType, "Identity");
            });
        }

        _outputs.Add(w => WriteValueInfo(w, name, shape, TensorProto.Float));
    }

    /// <summary>Serializes the model.</summary>
    public byte[] ToModelProto(string graphName, string producerVersion)
    {
        var model = new ProtoWriter();
        model.Int(ModelProto.IrVersion, IrVersion);
        model.String(ModelProto.ProducerName, "DeepKeras");
        model.String(ModelProto.ProducerVersion, producerVersion);
        model.Message(ModelProto.Graph, g =>
        {
            foreach (var n in _nodes)
            {
                g.Message(GraphProto.Node, n);
            }

            g.String(GraphProto.Name, graphName);
            foreach (var t in _initializers)
            {
                g.Message(GraphProto.Initializer, t);
            }

            foreach (var i in _inputs)
            {
                g.Message(GraphProto.Input, i);
            }

            foreach (var o in _outputs)
            {
                g.Message(GraphProto.Output, o);
            }
        });
        model.Message(ModelProto.OpsetImport, o =>
        {
            o.String(OperatorSetIdProto.Domain, "");
            o.Int(OperatorSetIdProto.Version, Opset);
        });
        if (_usesMl)
        {
            model.Message(ModelProto.OpsetImport, o =>
            {
                o.String(OperatorSetIdProto.Domain, MlDomain);
                o.Int(OperatorSetIdProto.Version, MlOpset);
            });
        }
        return model.ToArray();
    }

    private static void WriteTensor(ProtoWriter w, string name, int dataType, long[] dims, byte[] raw)
    {
        foreach (var d in dims)
        {
            w.Int(TensorProto.Dims, d);
        }

        w.Int(TensorProto.DataType, dataType);
        w.String(TensorProto.Name, name);
        w.Bytes(TensorProto.RawData, raw);
    }

    private static void WriteValueInfo(ProtoWriter w, string name, IReadOnlyList<int?> shape, int elemType)
    {
        w.String(ValueInfoProto.Name, name);
        w.Message(ValueInfoProto.Type, type => type.Message(TypeProto.TensorType, tensor =>
        {
            tensor.Int(TypeProto.TensorElemType, elemType);
            tensor.Message(TypeProto.TensorShape, s =>
            {
                for (var i = 0; i < shape.Count; i++)
                {
                    var dim = shape[i];
                    s.Message(TensorShapeProto.Dim, d =>
                    {
                        if (i > 0 && dim is { } n)
                        {
                            d.Int(TensorShapeProto.DimValue, n);
                        }
                        else
                        {
                            d.String(TensorShapeProto.DimParam, i == 0 ? "batch" : $"dim_{i}");
                        }
                    });
                }
            });
        }));
    }

    private static void WriteAttribute(ProtoWriter w, string name, object value)
    {
        w.String(AttributeProto.Name, name);
        w.Int(AttributeProto.Type, WriteAttributeValue(w, name, value));
    }

    /// <summary>Writes an attribute's value fields and returns its ONNX type tag (written after them).</summary>
    private static int WriteAttributeValue(ProtoWriter w, string name, object value)
    {
        switch (value)
        {
            case float f:
                w.Float(AttributeProto.F, f);
                return AttributeProto.TypeFloat;
            case double d:
                w.Float(AttributeProto.F, (float)d);
                return AttributeProto.TypeFloat;
            case int or long:
                w.Int(AttributeProto.I, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return AttributeProto.TypeInt;
            case string s:
                w.String(AttributeProto.S, s);
                return AttributeProto.TypeString;
            case string[] strings:
                Array.ForEach(strings, s => w.String(AttributeProto.Strings, s));
                return AttributeProto.TypeStrings;
            case long[] ints:
                Array.ForEach(ints, i => w.Int(AttributeProto.Ints, i));
                return AttributeProto.TypeInts;
            case float[] floats:
                Array.ForEach(floats, f => w.Float(AttributeProto.Floats, f));
                return AttributeProto.TypeFloats;
            default:
                throw new ArgumentException($"Unsupported ONNX attribute value of type {value.GetType().Name} for '{name}'.", nameof(value));
        }
    }
}
