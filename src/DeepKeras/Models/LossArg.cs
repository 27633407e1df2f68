using System.Collections;
using System.Runtime.CompilerServices;
using DeepKeras.Losses;

namespace DeepKeras.Models;

/// <summary>
/// The <c>loss</c> argument of <c>Compile</c>, in each form Keras accepts: one loss for every output
/// (<c>"mse"</c> or a <see cref="Loss"/>), a list with one loss per output (<c>["mse", null]</c>, null leaving an
/// output without loss), or a dictionary keyed by output name. Converted implicitly.
/// </summary>
/// <example><code>
/// model.Compile(optimizer: "rmsprop", loss: new Dictionary&lt;string, Loss?&gt;
/// {
///     ["priority"] = new BinaryCrossentropy(fromLogits: true),
///     ["department"] = new CategoricalCrossentropy(fromLogits: true),
/// });
/// </code></example>
[CollectionBuilder(typeof(LossArg), nameof(Create))]
public sealed class LossArg : IEnumerable<Loss?>
{
    private LossArg(Loss? single, Loss?[]? list, IReadOnlyDictionary<string, Loss?>? byName)
    {
        Single = single;
        List = list;
        ByName = byName;
    }

    /// <summary>Gets the loss shared by every output, or null for the list and dictionary forms.</summary>
    public Loss? Single { get; }

    /// <summary>Gets the losses in output order, or null for the other forms.</summary>
    public IReadOnlyList<Loss?>? List { get; }

    /// <summary>Gets the losses by output name (in the order given), or null for the other forms.</summary>
    public IReadOnlyDictionary<string, Loss?>? ByName { get; }

    /// <summary>Creates the list form (the collection-expression form <c>["mse", null]</c>).</summary>
    /// <param name="losses">One loss (or null) per output.</param>
    public static LossArg Create(ReadOnlySpan<Loss?> losses) => new(null, losses.ToArray(), null);

    /// <summary>One loss for every output.</summary>
    /// <param name="loss">The loss.</param>
    public static implicit operator LossArg(Loss loss) => new(loss ?? throw new ArgumentNullException(nameof(loss)), null, null);

    /// <summary>One loss for every output, by Keras identifier (<c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>).</summary>
    /// <param name="identifier">The identifier.</param>
    public static implicit operator LossArg(string identifier) => new(Losses.Losses.Get(identifier), null, null);

    /// <summary>One loss per output, in output order (null: no loss for that output).</summary>
    /// <param name="losses">The losses.</param>
    public static implicit operator LossArg(Loss?[] losses) => new(null, (losses ?? throw new ArgumentNullException(nameof(losses))).ToArray(), null);

    /// <summary>Losses keyed by output name (null: no loss for that output).</summary>
    /// <param name="losses">The losses.</param>
    public static implicit operator LossArg(Dictionary<string, Loss?> losses) =>
        new(null, null, new Dictionary<string, Loss?>(losses ?? throw new ArgumentNullException(nameof(losses))));

    /// <summary>Losses keyed by output name, by Keras identifier (null: no loss for that output).</summary>
    /// <param name="losses">The identifiers.</param>
    public static implicit operator LossArg(Dictionary<string, string?> losses) =>
        new(null, null, (losses ?? throw new ArgumentNullException(nameof(losses)))
            .ToDictionary(kv => kv.Key, kv => kv.Value is null ? null : (Loss?)Losses.Losses.Get(kv.Value)));

    /// <inheritdoc/>
    public IEnumerator<Loss?> GetEnumerator() =>
        (List ?? ByName?.Values ?? Enumerable.Repeat(Single, 1)).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
