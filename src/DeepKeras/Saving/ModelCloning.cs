using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// Keras's <c>clone_model</c>: the same architecture with new layers (hence new weights). A Sequential model is
/// rebuilt from its cloned layers, a functional model by running its graph again on new inputs with each layer
/// replaced by its clone (a shared layer is cloned once and stays shared), any other model through its config.
/// </summary>
internal static class ModelCloning
{
    /// <summary>Clones <paramref name="model"/>; see <c>Keras.Models.CloneModel</c> for the arguments.</summary>
    public static Model Clone(Model model, IReadOnlyList<KerasTensor>? inputTensors, Func<Layer, Layer>? cloneFunction,
        Func<Layer, KerasTensor[], KerasTensor[]>? callFunction, bool recursive, Dictionary<Layer, Layer>? cache = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        cache ??= new Dictionary<Layer, Layer>(ReferenceEqualityComparer.Instance);
        switch (model)
        {
            case Sequential sequential:
                if (callFunction is not null)
                {
                    throw new ArgumentException(
                        "`callFunction` argument is not supported with Sequential models. In a Sequential model, layers aren't called " +
                        "at model-construction time (they're merely listed). Use `callFunction` with Functional models only. " +
                        $"Received model of type '{model.ClassName}'.", nameof(callFunction));
                }

                return CloneSequential(sequential, inputTensors, Wrap(cloneFunction, null, recursive, cache));
            case Functional functional:
                return CloneFunctional(functional, inputTensors, Wrap(cloneFunction, callFunction, recursive, cache), callFunction);
        }

        if (cloneFunction is not null || inputTensors is not null)
        {
            throw new ArgumentException(
                "Arguments `cloneFunction` and `inputTensors` are only supported for Sequential models or Functional models. " +
                $"Received model of type '{model.GetType().Name}'.", cloneFunction is not null ? nameof(cloneFunction) : nameof(inputTensors));
        }

        if (callFunction is not null)
        {
            throw new ArgumentException(
                $"Argument `callFunction` is only supported for Functional models. Received model of type '{model.GetType().Name}'.",
                nameof(callFunction));
        }

        // A subclassed model is recreated from its config, its own class standing in for the registry.
        var ctx = new DeserializationContext("<config>", new Dictionary<string, object> { [model.ClassName] = model.GetType() }, safeMode: true);
        return (Model)KerasDeserializer.Deserialize(KerasSerializer.Serialize(model), ObjectKind.Layer, ctx, "model");
    }

    // The clone function of every layer: the caller's (default: from its config), applied once per layer; inner models
    // are cloned as models when `recursive` is set.
    private static Func<Layer, Layer> Wrap(Func<Layer, Layer>? cloneFunction, Func<Layer, KerasTensor[], KerasTensor[]>? callFunction,
        bool recursive, Dictionary<Layer, Layer> cache)
    {
        var clone = cloneFunction ?? (layer => Layer.FromConfig(layer.GetType(), layer.GetConfig()));
        return layer =>
        {
            if (!cache.TryGetValue(layer, out var copy))
            {
                copy = recursive && layer is Sequential or Functional
                    ? Clone((Model)layer, null, cloneFunction, layer is Functional ? callFunction : null, recursive, cache)
                    : clone(layer) ?? throw new InvalidOperationException($"`cloneFunction` returned null for layer '{layer.Name}'.");
                cache[layer] = copy;
            }

            return copy;
        };
    }

    private static Sequential CloneSequential(Sequential model, IReadOnlyList<KerasTensor>? inputTensors, Func<Layer, Layer> clone)
    {
        var layers = model.Layers.Select(clone).ToList();
        InputLayer? input = null;
        if (inputTensors is not null)
        {
            if (inputTensors.Count != 1)
            {
                throw new ArgumentException($"Argument `inputTensors` must contain a single tensor. Received {inputTensors.Count} tensors.", nameof(inputTensors));
            }

            input = inputTensors[0].Layer as InputLayer ?? throw new ArgumentException(
                $"Argument `inputTensors` must be a tensor from `Keras.Input()`. Received a tensor produced by layer \"{inputTensors[0].Layer.Name}\".",
                nameof(inputTensors));
        }
        else if (model.InputLayer is { } reference)
        {
            input = new InputLayer(reference.BatchInputShape!.Value.WithoutBatch(), reference.BatchInputShape!.Value[0], reference.DType, reference.Name);
        }

        var copy = new Sequential(input is null ? layers : [input, .. layers], model.Name, model.Trainable);
        CopyCompile(model, copy);
        return copy;
    }

    private static Functional CloneFunctional(Functional model, IReadOnlyList<KerasTensor>? inputTensors, Func<Layer, Layer> clone,
        Func<Layer, KerasTensor[], KerasTensor[]>? callFunction)
    {
        if (inputTensors is not null && inputTensors.Count != model.Inputs.Count)
        {
            throw new ArgumentException(
                $"`inputTensors` must have the same structure as the model's inputs: expected {model.Inputs.Count} tensor(s), received {inputTensors.Count}.",
                nameof(inputTensors));
        }

        var inputs = inputTensors?.ToList() ?? model.Inputs.Select(t =>
        {
            var layer = (InputLayer)t.Layer;
            return new InputLayer(t.Shape.WithoutBatch(), t.Shape[0], layer.DType, layer.Name).Output;
        }).ToList();
        var tensors = new Dictionary<KerasTensor, KerasTensor>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < inputs.Count; i++)
        {
            tensors[model.Inputs[i]] = inputs[i];
        }

        foreach (var node in model.Nodes.Where(n => n.Layer is not InputLayer))
        {
            var args = node.Inputs.Take(node.PositionalCount).Select(t => tensors[t]).ToArray();
            var kwargs = node.Kwargs.Count == 0 ? null : node.Kwargs.ToDictionary(kv => kv.Key, kv => kv.Value is KerasTensor t ? tensors[t] : kv.Value);
            var layer = clone(node.Layer);
            var outputs = callFunction?.Invoke(layer, args) ?? layer.ApplySymbolic(args, kwargs);
            if (outputs.Length != node.Outputs.Length)
            {
                throw new InvalidOperationException(
                    $"Calling layer '{layer.Name}' in the clone gave {outputs.Length} output(s); the original node has {node.Outputs.Length}.");
            }

            for (var j = 0; j < outputs.Length; j++)
            {
                tensors[node.Outputs[j]] = outputs[j];
            }
        }

        var copy = new Functional(inputs, model.Outputs.Select(t => tensors[t]).ToList(), model.Name);
        CopyCompile(model, copy);
        return copy;
    }

    private static void CopyCompile(Model model, Model copy)
    {
        if (model.Compiled)
        {
            CompileConfig.Restore(copy, KerasSerializer.ToPlain(CompileConfig.Get(model)), new DeserializationContext("<config>", null, safeMode: true));
        }
    }
}
