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
    /// name, deduplicated: <c>dense</c>, <c>dense_1</c>, …), in Keras's visiting order (attribute names sorted, those
    /// starting with <c>_</c> last; a layer reachable twice is saved at the first path). The default lists the layers
    /// held by fields and properties under their Keras attribute names (see <see cref="Engine.KerasNameAttribute"/>);
    /// a model also lists all its layers as <c>layers</c>, as Keras's <c>model.layers</c> property is visited too;
    /// layers tracked only with <see cref="TrackLayer{T}"/> go to the <c>layers</c> container. Layers whose Keras
    /// counterpart stores sublayers under other attributes override it, e.g. an RNN returns <c>("cell", cell)</c> so
    /// its kernel is saved at <c>layers/lstm/cell/vars/0</c>.
    /// </summary>
    /// <returns>Attribute name → <see cref="Layer"/> or <see cref="IEnumerable{T}"/> of layers.</returns>
    protected internal virtual IEnumerable<KeyValuePair<string, object>> SaveableSublayers()
    {
        var children = TrackedLayerAttributes().ToList();
        var covered = new HashSet<Layer>(children.SelectMany(c => c.Value as IEnumerable<Layer> ?? [(Layer)c.Value]), ReferenceEqualityComparer.Instance);
        var rest = Sublayers.Where(l => !covered.Contains(l)).ToList();
        if (!children.Any(c => c.Key == "layers"))
        {
            if (this is Models.Model && Sublayers.Count > 0)
            {
                children.Add(new("layers", Sublayers));
            }
            else if (rest.Count > 0)
            {
                children.Add(new("layers", rest));
            }
        }

        return children.OrderBy(c => c.Key.StartsWith('_') ? "~" + c.Key : c.Key, StringComparer.Ordinal);
    }

}
