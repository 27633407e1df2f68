using System.Collections;
using System.Runtime.CompilerServices;

namespace DeepKeras.Models;

/// <summary>
/// The <c>lossWeights</c> argument of <c>Compile</c>: one weight per output as a list (<c>[1.0, 0.2]</c>) or a
/// dictionary keyed by output name; a single number for a single-output model. The total loss is Σ wᵢ·lossᵢ.
/// Converted implicitly.
/// </summary>
[CollectionBuilder(typeof(LossWeightsArg), nameof(Create))]
public sealed class LossWeightsArg : IEnumerable<double>
{
    private LossWeightsArg(double[]? list, IReadOnlyDictionary<string, double>? byName, bool single)
    {
        List = list;
        ByName = byName;
        IsSingle = single;
    }

    /// <summary>Gets the weights in output order, or null for the dictionary form.</summary>
    public IReadOnlyList<double>? List { get; }

    /// <summary>Gets the weights by output name (in the order given), or null for the list form.</summary>
    public IReadOnlyDictionary<string, double>? ByName { get; }

    /// <summary>Gets whether a single number was given (Keras accepts a float for a single-output model).</summary>
    public bool IsSingle { get; }

    /// <summary>Creates the list form (the collection-expression form <c>[1.0, 0.2]</c>).</summary>
    /// <param name="weights">One weight per output.</param>
    public static LossWeightsArg Create(ReadOnlySpan<double> weights) => new(weights.ToArray(), null, false);

    /// <summary>The weight of the only output.</summary>
    /// <param name="weight">The weight.</param>
    public static implicit operator LossWeightsArg(double weight) => new([weight], null, true);

    /// <summary>One weight per output, in output order.</summary>
    /// <param name="weights">The weights.</param>
    public static implicit operator LossWeightsArg(double[] weights) =>
        new((weights ?? throw new ArgumentNullException(nameof(weights))).ToArray(), null, false);

    /// <summary>One weight per output, in output order.</summary>
    /// <param name="weights">The weights.</param>
    public static implicit operator LossWeightsArg(List<double> weights) =>
        new((weights ?? throw new ArgumentNullException(nameof(weights))).ToArray(), null, false);

    /// <summary>Weights keyed by output name; an output left out keeps weight 1.</summary>
    /// <param name="weights">The weights.</param>
    public static implicit operator LossWeightsArg(Dictionary<string, double> weights) =>
        new(null, new Dictionary<string, double>(weights ?? throw new ArgumentNullException(nameof(weights))), false);

    /// <inheritdoc/>
    public IEnumerator<double> GetEnumerator() => (List ?? ByName!.Values).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
