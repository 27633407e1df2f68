using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// Keras's saving walk (<c>saving_lib._save_state</c>): every layer and model is visited once, at the path of the
/// attributes leading to it, and stores its own variables (trainable, then non-trainable) as <c>path/vars/0</c>,
/// <c>path/vars/1</c>, …. Sequential and Functional models list their layers under <c>layers</c> (Sequential without its
/// InputLayer, Functional with its InputLayers, in Keras's <c>model.layers</c> order); a compiled model adds
/// <c>optimizer</c>.
/// </summary>
internal static class SaveableTree
{
    /// <summary>Lists the saveable layers of <paramref name="root"/> with their paths, root first (path "").</summary>
    public static List<SaveableNode> Walk(Layer root)
    {
        var result = new List<SaveableNode>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, "", result, visited);
        return result;
    }

    private static void Visit(Layer layer, string path, List<SaveableNode> result, HashSet<object> visited)
    {
        if (!visited.Add(layer))
        {
            return;
        }

        result.Add(new SaveableNode(path, layer));

        foreach (var (attribute, child) in Children(layer))
        {
            var childPath = Join(path, attribute);
            switch (child)
            {
                case Layer l:
                    Visit(l, childPath, result, visited);
                    break;
                case IEnumerable<Layer> container:
                    var used = new Dictionary<string, int>();
                    foreach (var item in container)
                    {
                        Visit(item, Join(childPath, UniqueName(NameScope.ToSnakeCase(item.ClassName), used)), result, visited);
                    }

                    break;
            }
        }

        if (layer is Model { Optimizer: { } optimizer } && visited.Add(optimizer))
        {
            result.Add(new SaveableNode(Join(path, "optimizer"), null) { Optimizer = optimizer, Owner = (Model)layer });
        }
    }

    private static IEnumerable<KeyValuePair<string, object>> Children(Layer layer) => layer switch
    {
        Sequential s => [new("layers", s.Layers)],
        Model { IsFunctional: true } f => [new("layers", KerasLayerOrder(f))],
        _ => layer.SaveableSublayers(),
    };

    /// <summary>Keras's <c>model.layers</c> order of a functional model (deepest first).</summary>
    public static IReadOnlyList<Layer> KerasLayerOrder(Model model)
    {
        var ordered = new FunctionalGraph(model).Layers.ToList();
        ordered.AddRange(model.Layers.Where(l => !ordered.Contains(l)));
        return ordered;
    }

    private static string UniqueName(string name, Dictionary<string, int> used)
    {
        if (used.TryGetValue(name, out var n))
        {
            used[name] = n + 1;
            return $"{name}_{n + 1}";
        }

        used[name] = 0;
        return name;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}/{name}";
}

/// <summary>A layer (or an optimizer) and its path in the weights file.</summary>
/// <param name="Path">The attribute path, e.g. <c>layers/dense</c>; "" for the root.</param>
/// <param name="Layer">The layer, or null for an optimizer node.</param>
internal sealed record SaveableNode(string Path, Layer? Layer)
{
    /// <summary>Gets the optimizer of an optimizer node.</summary>
    public Optimizers.Optimizer? Optimizer { get; init; }

    /// <summary>Gets the model that owns the optimizer.</summary>
    public Model? Owner { get; init; }

    /// <summary>Gets the name stored as the <c>name</c> attribute of the <c>vars</c> group.</summary>
    public string Name => Layer?.Name ?? Optimizer!.Name;

    /// <summary>Gets the group that holds the variables: <c>path/vars</c>.</summary>
    public string VarsPath => Path.Length == 0 ? "vars" : $"{Path}/vars";

    /// <summary>Gets the layer's own variables in Keras order (trainable, then non-trainable).</summary>
    public IReadOnlyList<Variable> OwnVariables => Layer is null
        ? []
        : [.. Layer.OwnVariables.Where(v => v.Trainable), .. Layer.OwnVariables.Where(v => !v.Trainable)];
}
