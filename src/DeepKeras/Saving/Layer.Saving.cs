namespace DeepKeras.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Gets or sets whether <c>AddWeight</c> leaves new weights uninitialized (set on this thread while <c>LoadModel</c>
    /// builds a model whose weights all come from the file: faster, and the random generators are left untouched).
    /// </summary>
    [ThreadStatic]
    internal static bool SkipWeightInitialization;

    /// <summary>
    /// Returns the sublayers as Keras's weight files address them (the attribute paths of Keras's saving walk):
    /// attribute name → a layer, or a list of layers (a container, whose items are named by their snake_case class
    /// name, deduplicated: <c>dense</c>, <c>dense_1</c>, …). The default is the tracked sublayers as the container
    /// <c>layers</c>. Layers whose Keras counterpart stores sublayers under other attributes override it, e.g. an RNN
    /// returns <c>("cell", cell)</c> so its cell's kernel is saved at <c>layers/lstm/cell/vars/0</c>.
    /// </summary>
    /// <returns>Attribute name → <see cref="Layer"/> or <see cref="IEnumerable{T}"/> of layers.</returns>
    protected internal virtual IEnumerable<KeyValuePair<string, object>> SaveableSublayers() =>
        Sublayers.Count == 0 ? [] : [new KeyValuePair<string, object>("layers", Sublayers)];

}
