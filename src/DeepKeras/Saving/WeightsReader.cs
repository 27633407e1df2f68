using System.Globalization;
using DeepKeras.Layers;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Reads a Keras <c>.weights.h5</c> file (or the <c>model.weights.h5</c> of a <c>.keras</c> archive) into a model, path
/// by path as Keras's <c>_load_state</c> does. Every value is read and checked before any weight is assigned, so a
/// failed load leaves the model unchanged. Groups the model does not need are ignored.
/// </summary>
internal static class WeightsReader
{
    /// <summary>Reads and checks the state of <paramref name="root"/>; nothing is assigned until <see cref="PendingState.Apply"/>.</summary>
    /// <param name="reader">The open file.</param>
    /// <param name="root">The model (or layer).</param>
    /// <param name="skipMismatch">Skip (with a warning) layers whose variable count or shapes differ, instead of failing.</param>
    /// <exception cref="KerasFileException">Missing groups or datasets, wrong counts, shapes or dtypes, hostile content.</exception>
    public static PendingState Read(H5Reader reader, Layer root, bool skipMismatch)
    {
        var pending = new PendingState();
        foreach (var node in SaveableTree.Walk(root))
        {
            if (node.Optimizer is { } optimizer)
            {
                ReadOptimizer(reader, node, optimizer, pending);
            }
            else
            {
                ReadLayer(reader, node, skipMismatch, pending);
            }
        }

        return pending;
    }

    private static void ReadLayer(H5Reader reader, SaveableNode node, bool skipMismatch, PendingState pending)
    {
        var variables = node.OwnVariables;
        var group = FindVars(reader, node);
        var stored = group is null ? [] : reader.ChildNames(group);
        var layer = node.Layer!;
        if (stored.Count != variables.Count)
        {
            var problem = variables.Count == 0
                ? $"layer '{layer.Name}' ({layer.ClassName}) has no variables (it was never built), but the file lists {stored.Count} for it at '{node.VarsPath}'"
                : $"layer '{layer.Name}' ({layer.ClassName}) expected {variables.Count} variables, but received {stored.Count} variables during loading " +
                  $"(group '{node.VarsPath}'{(group is null ? " is missing" : "")}). Expected: [{string.Join(", ", variables.Select(v => $"'{v.Name}'"))}]";
            Mismatch(reader, problem, skipMismatch);
            return;
        }

        var values = new List<(Variable, Tensor)>();
        for (var i = 0; i < variables.Count; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            try
            {
                values.Add((variables[i], reader.ReadTensor(group!, key, $"{node.VarsPath}/{key}", variables[i].Value.shape, FileType(variables[i]))));
            }
            catch (ShapeMismatchException e)
            {
                Mismatch(reader, $"layer '{layer.Name}' ({layer.ClassName}), variable '{variables[i].Name}': {e.Message}", skipMismatch);
                return;
            }
        }

        pending.Variables.AddRange(values);
    }

    private static void ReadOptimizer(H5Reader reader, SaveableNode node, Optimizer optimizer, PendingState pending)
    {
        var owner = node.Owner!;
        var trainable = owner.TrainableWeights;
        var group = FindVars(reader, node);
        var stored = group is null ? [] : reader.ChildNames(group);
        if (!optimizer.Built && owner.Built && stored.Count > OptimizerState.Values(optimizer, trainable).Count)
        {
            // Unlike Keras, restore the state of an optimizer that has not made a step yet: create its (zero) slots
            // first, as its first step would.
            optimizer.Build(trainable);
        }

        var templates = OptimizerState.Values(optimizer, trainable);
        if (stored.Count != templates.Count)
        {
            Console.Error.WriteLine(
                $"UserWarning: Skipping variable loading for optimizer '{optimizer.Name}', because it has {templates.Count} variables " +
                $"whereas the saved optimizer has {stored.Count} variables.");
            return;
        }

        var values = new List<Tensor>();
        for (var i = 0; i < templates.Count; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            try
            {
                values.Add(reader.ReadTensor(group!, key, $"{node.VarsPath}/{key}", templates[i].shape, templates[i].dtype));
            }
            catch (ShapeMismatchException e)
            {
                throw reader.Fail($"optimizer '{optimizer.Name}': {e.Message}");
            }
        }

        pending.Optimizers.Add((optimizer, trainable, values));
    }

    // Keras's H5IOStore.get: "path/vars", or the Keras 2.13 name "_layer_checkpoint_dependencies" for "layers".
    private static Hdf5.Hdf5Object? FindVars(H5Reader reader, SaveableNode node)
    {
        var group = reader.Group(reader.Root, node.VarsPath);
        if (group is null && node.Path.Contains("layers", StringComparison.Ordinal) && reader.Has(reader.Root, "_layer_checkpoint_dependencies"))
        {
            group = reader.Group(reader.Root, node.VarsPath.Replace("layers", "_layer_checkpoint_dependencies", StringComparison.Ordinal));
        }

        return group;
    }

    private static void Mismatch(H5Reader reader, string problem, bool skip)
    {
        if (!skip)
        {
            throw reader.Fail(problem);
        }

        Console.Error.WriteLine($"UserWarning: Skipping loading weights: {problem}");
    }

    // Integer weights (e.g. Normalization's int32 count) read as integers; every other weight as float32.
    private static ScalarType FileType(Variable variable) =>
        variable.Value.dtype is ScalarType.Int32 or ScalarType.Int64 ? ScalarType.Int64 : ScalarType.Float32;
}

/// <summary>Checked values waiting to be assigned (all or nothing).</summary>
internal sealed class PendingState
{
    /// <summary>Gets the weight values.</summary>
    public List<(Variable Variable, Tensor Value)> Variables { get; } = [];

    /// <summary>Gets the optimizer states.</summary>
    public List<(Optimizer Optimizer, IReadOnlyList<Variable> Trainable, List<Tensor> Values)> Optimizers { get; } = [];

    /// <summary>Assigns everything.</summary>
    public void Apply()
    {
        using var noGrad = no_grad();
        foreach (var (variable, value) in Variables)
        {
            variable.Assign(value);
        }

        foreach (var (optimizer, trainable, values) in Optimizers)
        {
            OptimizerState.Assign(optimizer, trainable, values);
        }
    }
}
