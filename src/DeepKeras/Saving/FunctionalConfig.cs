using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// The config of a functional model (a <see cref="Functional"/> or a functionally built <see cref="Model"/> subclass) as Keras writes it: <c>{"name", "trainable", "layers": [... each
/// with "name" and "inbound_nodes"], "input_layers", "output_layers"}</c>. A node is <c>{"args": [tensor or
/// [tensors]], "kwargs": {}}</c>, a tensor <c>{"class_name": "__keras_tensor__", "config": {"shape", "dtype",
/// "keras_history": [layer, node index, tensor index]}}</c>; node indices count only this model's calls of a layer.
/// </summary>
internal static class FunctionalConfig
{
    /// <summary>Returns the config of <paramref name="model"/>.</summary>
    public static Dictionary<string, object?> Get(Model model)
    {
        var own = new HashSet<Node>(model.Nodes, ReferenceEqualityComparer.Instance);
        var layers = new FunctionalGraph(model).Layers;
        foreach (var l in model.Layers.Where(l => !layers.Contains(l)))
        {
            layers = [.. layers, l];
        }

        var layerConfigs = new List<object?>();
        foreach (var layer in layers)
        {
            var serialized = KerasSerializer.Serialize(layer);
            serialized["name"] = layer.Name;
            serialized["inbound_nodes"] = layer.InboundNodes
                .Where(n => own.Contains(n) && n.Inputs.Length > 0)
                .Select(n => (object?)SerializeNode(n, own))
                .ToList();
            layerConfigs.Add(serialized);
        }

        return new Dictionary<string, object?>
        {
            ["name"] = model.Name,
            ["trainable"] = model.Trainable,
            ["layers"] = layerConfigs,
            ["input_layers"] = TensorRefs(model.Inputs, model.InputKeys, own),
            ["output_layers"] = TensorRefs(model.Outputs, model.OutputKeys, own),
        };
    }

    // Keras writes the structure the model was built with: a dictionary by key, a list, or one tensor.
    private static object TensorRefs(IReadOnlyList<KerasTensor> tensors, IReadOnlyList<string>? keys, HashSet<Node> own) =>
        keys is not null
            ? keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => (object?)TensorRef(tensors[p.i], own))
            : tensors.Count == 1
                ? TensorRef(tensors[0], own)
                : tensors.Select(t => (object?)TensorRef(t, own)).ToList();

    private static List<object?> TensorRef(KerasTensor t, HashSet<Node> own) =>
        [t.Layer.Name, (long)NodeIndex(t.Node, own), (long)t.TensorIndex];

    // Keras re-indexes a layer's nodes to those of this model; a functional model's own call counts as node 0.
    private static int NodeIndex(Node node, HashSet<Node> own) =>
        (node.Layer is Model { IsFunctional: true } ? 1 : 0) + node.Layer.InboundNodes.TakeWhile(n => !ReferenceEquals(n, node)).Count(own.Contains);

    private static Dictionary<string, object?> SerializeNode(Node node, HashSet<Node> own)
    {
        var tensors = node.Inputs.Take(node.PositionalCount).Select(t => (object?)SerializeTensor(t, own)).ToList();
        var takesList = node.Layer.PositionalCallArguments.Count == 0 && (node.PositionalCount > 1 || node.Layer is Merge or Concatenate);
        return new Dictionary<string, object?>
        {
            ["args"] = takesList ? new List<object?> { tensors } : tensors,
            ["kwargs"] = CallKwargs(node, own),
        };
    }

    private static object? SerializeTensor(KerasTensor t, HashSet<Node> own) => new Dictionary<string, object?>
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new Dictionary<string, object?>
        {
            ["shape"] = KerasSerializer.ToPlain(t.Shape),
            ["dtype"] = t.DType,
            ["keras_history"] = TensorRef(t, own),
        },
    };

    /// <summary>
    /// The constructor through which a functionally built <see cref="Model"/> subclass is recreated from a functional
    /// config (Keras <c>Model.from_config</c> reviving <c>cls(inputs, outputs, name)</c>): a public constructor taking
    /// the symbolic inputs and outputs first (single tensors or lists), then optionally <c>name</c>, any other
    /// parameter having a default. Null when <paramref name="type"/> is not such a subclass or the config is not functional.
    /// </summary>
    public static Func<IReadOnlyList<KerasTensor>, IReadOnlyList<KerasTensor>, string?, Model>? SubclassFactory(Type type, Dictionary<string, object?> config)
    {
        if (!type.IsSubclassOf(typeof(Model)) || type == typeof(Functional) || type == typeof(Sequential) ||
            !config.ContainsKey("layers") || !config.ContainsKey("input_layers") || !config.ContainsKey("output_layers"))
        {
            return null;
        }

        foreach (var ctor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var ps = ctor.GetParameters();
            if (ps.Length < 2 || ps[0].ParameterType != ps[1].ParameterType)
            {
                continue;
            }

            var single = ps[0].ParameterType == typeof(KerasTensor);
            if (!single && !ps[0].ParameterType.IsAssignableFrom(typeof(KerasTensor[])))
            {
                continue;
            }

            var rest = ps.Skip(2).ToArray();
            if (!rest.All(p => p.HasDefaultValue || (p.Name == "name" && p.ParameterType == typeof(string))))
            {
                continue;
            }

            return (inputs, outputs, name) =>
            {
                if (single && (inputs.Count != 1 || outputs.Count != 1))
                {
                    throw new ArgumentException(
                        $"{type.Name} takes one input and one output tensor, but the saved graph has {inputs.Count} input(s) and {outputs.Count} output(s).");
                }

                var args = new object?[ps.Length];
                args[0] = single ? inputs[0] : inputs.ToArray();
                args[1] = single ? outputs[0] : outputs.ToArray();
                for (var i = 2; i < ps.Length; i++)
                {
                    args[i] = ps[i].Name == "name" && ps[i].ParameterType == typeof(string) ? name : ps[i].DefaultValue is DBNull ? null : ps[i].DefaultValue;
                }

                try
                {
                    return (Model)ctor.Invoke(args);
                }
                catch (System.Reflection.TargetInvocationException e) when (e.InnerException is ArgumentException inner)
                {
                    throw inner;
                }
            };
        }

        return null;
    }

    // The keyword arguments Keras records for a symbolic call: `training` when the layer's call defaults it to False,
    // and `mask` (null: DeepKeras does not write Keras's mask-computing ops) when the call takes a mask.
    // The node's own keyword arguments (plain values, tensors as references) follow.
    private static Dictionary<string, object?> CallKwargs(Node node, HashSet<Node> own)
    {
        var layer = node.Layer;
        var kwargs = new Dictionary<string, object?>();
        if (layer is Dropout or GaussianDropout or GaussianNoise or BaseSpatialDropout or RNN)
        {
            kwargs["training"] = false;
        }

        if (layer is RNN or Bidirectional or TimeDistributed or BatchNormalization or GlobalAveragePooling1D or Lambda or Sequential or Model { IsFunctional: true })
        {
            kwargs["mask"] = null;
        }

        foreach (var (key, value) in node.Kwargs)
        {
            kwargs[key] = value is KerasTensor t ? SerializeTensor(t, own) : value;
        }

        return kwargs;
    }

    /// <summary>Recreates a functional model from its config (Keras <c>functional_from_config</c>).</summary>
    /// <param name="ctx">The deserialization context.</param>
    /// <param name="config">The functional config.</param>
    /// <param name="where">Where the config is in the file, for error messages.</param>
    /// <param name="create">Creates the model from its inputs, outputs and name; default a <see cref="Functional"/>.</param>
    public static Model FromConfig(DeserializationContext ctx, Dictionary<string, object?> config, string where,
        Func<IReadOnlyList<KerasTensor>, IReadOnlyList<KerasTensor>, string?, Model>? create = null)
    {
        if (config.GetValueOrDefault("layers") is not List<object?> layerData)
        {
            throw ctx.Fail($"{where}: a Functional model configuration must contain a \"layers\" list");
        }

        var created = new Dictionary<string, Layer>();
        var order = new List<string>();
        var pending = new Dictionary<string, Queue<object?>>();
        for (var i = 0; i < layerData.Count; i++)
        {
            if (layerData[i] is not Dictionary<string, object?> data || data.GetValueOrDefault("name") is not string name)
            {
                throw ctx.Fail($"{where}: layer {i} must be an object with a \"name\"");
            }

            if (created.ContainsKey(name))
            {
                throw ctx.Fail($"{where}: two layers are named '{name}'; layer names must be unique");
            }

            created[name] = (Layer)KerasDeserializer.Deserialize(data, ObjectKind.Layer, ctx, $"{where} layer");
            order.Add(name);
            pending[name] = data.GetValueOrDefault("inbound_nodes") switch
            {
                null => new Queue<object?>(),
                List<object?> nodes => new Queue<object?>(nodes),
                var other => throw ctx.Fail($"{where}: \"inbound_nodes\" of layer '{name}' must be a list, received {ConfigConverter.Text(other)}"),
            };
        }

        while (pending.Values.Any(q => q.Count > 0))
        {
            var progress = false;
            foreach (var name in order)
            {
                var queue = pending[name];
                while (queue.Count > 0 && TryResolveNode(queue.Peek(), created[name], created, ctx, where) is var (nodeInputs, kwargs) && nodeInputs is not null)
                {
                    queue.Dequeue();
                    progress = true;
                    try
                    {
                        created[name].ApplySymbolic(nodeInputs, kwargs);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
                    {
                        throw ctx.Fail($"{where}: calling layer '{name}' on its inputs failed: {e.Message}", e);
                    }
                }
            }

            if (!progress)
            {
                var stuck = string.Join(", ", pending.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key));
                throw ctx.Fail($"{where}: invalid Functional model configuration. The graph either has loops or disconnected nodes; unresolved layers: {stuck}");
            }
        }

        var inputs = ResolveStructure(config.GetValueOrDefault("input_layers"), created, ctx, $"{where} input_layers");
        var outputs = ResolveStructure(config.GetValueOrDefault("output_layers"), created, ctx, $"{where} output_layers");
        Model model;
        try
        {
            var name = config.GetValueOrDefault("name") as string;
            model = create is null ? new Functional(inputs, outputs, name) : create(inputs, outputs, name);
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail($"{where}: {e.Message}", e);
        }

        // Only a frozen model propagates its flag: setting true would unfreeze layers saved as frozen.
        if (config.GetValueOrDefault("trainable") is false)
        {
            model.Trainable = false;
        }

        return model;
    }

    // The positional input tensors and the keyword arguments of a node; null inputs when a layer it depends on has
    // not been called yet. Keyword tensors come back as KerasTensors; a keyword naming one of the layer's positional
    // call arguments takes its positional place.
    private static (KerasTensor[]? Inputs, Dictionary<string, object?>? Kwargs) TryResolveNode(object? node, Layer layer,
        Dictionary<string, Layer> created, DeserializationContext ctx, string where)
    {
        var refs = new List<object?>();
        Dictionary<string, object?>? kwargs = null;
        switch (node)
        {
            case Dictionary<string, object?> d:
                Collect(d.GetValueOrDefault("args"), refs);
                if (d.GetValueOrDefault("kwargs") is Dictionary<string, object?> { Count: > 0 } k)
                {
                    kwargs = [];
                    foreach (var (key, value) in k)
                    {
                        if (value is Dictionary<string, object?> t && t.GetValueOrDefault("class_name") is "__keras_tensor__")
                        {
                            if (Lookup(t, created, ctx, where, allowPending: true) is not { } resolved)
                            {
                                return (null, null);
                            }

                            kwargs[key] = resolved;
                        }
                        else if (!ContainsTensor(value))
                        {
                            kwargs[key] = value;
                        }
                    }
                }

                break;
            case List<object?> legacy:
                // Keras 2: [[layer_name, node_index, tensor_index, kwargs], ...]
                refs.AddRange(legacy);
                break;
            default:
                throw ctx.Fail($"{where}: invalid node {ConfigConverter.Text(node)}");
        }

        var result = new List<KerasTensor>(refs.Count);
        foreach (var reference in refs)
        {
            if (Lookup(reference, created, ctx, where, allowPending: true) is not { } t)
            {
                return (null, null);
            }

            result.Add(t);
        }

        var names = layer.PositionalCallArguments;
        while (kwargs is not null && result.Count < names.Count && kwargs.Remove(names[result.Count], out var byKeyword))
        {
            result.Add(byKeyword as KerasTensor ?? throw ctx.Fail($"{where}: the argument `{names[result.Count]}` of layer '{layer.Name}' must be a tensor"));
        }

        if (result.Count == 0)
        {
            throw ctx.Fail($"{where}: a node has no input tensors: {ConfigConverter.Text(node)}");
        }

        return (result.ToArray(), kwargs);
    }

    // Lists of tensors passed by keyword (e.g. an RNN's initial_state) are not replayed.
    private static bool ContainsTensor(object? value) => value switch
    {
        Dictionary<string, object?> d => d.GetValueOrDefault("class_name") is "__keras_tensor__" || d.Values.Any(ContainsTensor),
        List<object?> l => l.Any(ContainsTensor),
        _ => false,
    };

    private static void Collect(object? args, List<object?> refs)
    {
        switch (args)
        {
            case List<object?> list:
                foreach (var item in list)
                {
                    Collect(item, refs);
                }

                break;
            case Dictionary<string, object?> d when d.GetValueOrDefault("class_name") is "__keras_tensor__":
                refs.Add(d);
                break;
        }
    }

    // A dictionary of tensors stays one (its keys name the model's inputs or outputs); anything else is flattened.
    private static ModelTensors ResolveStructure(object? value, Dictionary<string, Layer> created, DeserializationContext ctx, string where) =>
        value is Dictionary<string, object?> { Count: > 0 } byName
            ? ModelTensors.FromDictionary(byName.ToDictionary(kv => kv.Key, kv => ResolveTensors(kv.Value, created, ctx, $"{where} '{kv.Key}'") switch
            {
                [var single] => single,
                var many => throw ctx.Fail($"{where} '{kv.Key}': expected one tensor, received {many.Count}"),
            }))
            : ModelTensors.Of(ResolveTensors(value, created, ctx, where));

    private static List<KerasTensor> ResolveTensors(object? value, Dictionary<string, Layer> created, DeserializationContext ctx, string where)
    {
        var result = new List<KerasTensor>();
        switch (value)
        {
            case List<object?> { Count: 3 } triple when triple[0] is string:
                result.Add(Lookup(triple, created, ctx, where, allowPending: false)!);
                break;
            case List<object?> list when list.Count > 0:
                foreach (var item in list)
                {
                    result.AddRange(ResolveTensors(item, created, ctx, where));
                }

                break;
            case Dictionary<string, object?> byName when byName.Count > 0:
                foreach (var item in byName.Values)
                {
                    result.AddRange(ResolveTensors(item, created, ctx, where));
                }

                break;
            default:
                throw ctx.Fail($"{where}: expected [layer_name, node_index, tensor_index] entries, received {ConfigConverter.Text(value)}");
        }

        return result;
    }

    // A tensor reference: a serialized keras tensor or a [name, node, tensor(, kwargs)] list.
    private static KerasTensor? Lookup(object? reference, Dictionary<string, Layer> created, DeserializationContext ctx, string where, bool allowPending)
    {
        var history = reference switch
        {
            Dictionary<string, object?> d => (d.GetValueOrDefault("config") as Dictionary<string, object?>)?.GetValueOrDefault("keras_history") as List<object?>,
            List<object?> l => l,
            _ => null,
        };
        if (history is not { Count: >= 3 } || history[0] is not string layerName || history[1] is not long nodeIndex || history[2] is not long tensorIndex)
        {
            throw ctx.Fail($"{where}: invalid tensor reference {ConfigConverter.Text(reference)}");
        }

        if (!created.TryGetValue(layerName, out var layer))
        {
            throw ctx.Fail($"{where}: invalid Functional model configuration. Missing node: {layerName}");
        }

        var index = nodeIndex - (layer is Model { IsFunctional: true } ? 1 : 0);
        if (index < 0 || index >= layer.InboundNodes.Count)
        {
            return allowPending && index >= 0 && index < 1_000_000
                ? null
                : throw ctx.Fail($"{where}: layer '{layerName}' has no node {nodeIndex}");
        }

        var outputs = layer.InboundNodes[(int)index].Outputs;
        return tensorIndex >= 0 && tensorIndex < outputs.Length
            ? outputs[tensorIndex]
            : throw ctx.Fail($"{where}: layer '{layerName}' node {nodeIndex} has no output {tensorIndex}");
    }
}
