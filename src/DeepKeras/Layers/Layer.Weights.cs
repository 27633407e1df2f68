using NumSharp;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    /// <summary>Returns copies of all weights as arrays, in <see cref="Weights"/> order (Keras <c>get_weights()</c>).</summary>
    public IReadOnlyList<NDArray> GetWeights() => Weights.Select(w => w.Numpy()).ToList();

    /// <summary>Sets all weights from arrays in <see cref="Weights"/> order (Keras <c>set_weights</c>).</summary>
    /// <param name="weights">One array per weight, with the weight's shape.</param>
    /// <exception cref="ArgumentException">The count or a shape differs; nothing is changed then.</exception>
    public void SetWeights(IReadOnlyList<NDArray> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var variables = Weights;
        if (weights.Count != variables.Count)
        {
            throw new ArgumentException(
                $"You called `SetWeights(weights)` on layer '{Name}' with a weight list of length {weights.Count}, but the layer was expecting {variables.Count} weights.",
                nameof(weights));
        }

        for (var i = 0; i < variables.Count; i++)
        {
            Shape given = weights[i].shape;
            if (!given.Equals(variables[i].Shape))
            {
                throw new ArgumentException(
                    $"Layer {Name} weight shape {variables[i].Shape} is not compatible with provided weight shape {given}.", nameof(weights));
            }
        }

        for (var i = 0; i < variables.Count; i++)
        {
            variables[i].Assign(weights[i]);
        }
    }
}
