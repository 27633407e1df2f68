using DeepKeras.Engine;
using DeepKeras.Metrics;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    // Layers on this thread whose attributes are being scanned: a layer met again while its own scan is running is an
    // ancestor (a back-reference), never a sublayer.
    [ThreadStatic]
    private static HashSet<Layer>? _scanning;

    private readonly HashSet<Layer> _sublayerSet = new(ReferenceEqualityComparer.Instance);
    private HashSet<Layer>? _backReferences;

    /// <summary>
    /// Tracks the layers held by fields and properties, as Keras tracks attributes: every layer (or list, array or
    /// dictionary of layers) stored in a field or auto-property of a subclass becomes a sublayer, in declaration order
    /// (base class first), after those tracked explicitly with <see cref="TrackLayer{T}"/>. Runs at every access of
    /// <see cref="Sublayers"/>, so layers assigned later (in <c>Build</c>) or added to a tracked list are picked up;
    /// a layer that was tracked stays tracked. A layer that would close a cycle (a back-reference to a parent) is skipped.
    /// </summary>
    private void TrackAttributes()
    {
        var members = AttributeTracking.Of(GetType());
        if (members.Length == 0)
        {
            return;
        }

        var scanning = _scanning ??= new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        if (!scanning.Add(this))
        {
            return;
        }

        try
        {
            foreach (var member in members)
            {
                if (member.Kind != TrackedKind.Layer)
                {
                    continue;
                }

                foreach (var layer in member.Items<Layer>(this))
                {
                    if (!ReferenceEquals(layer, this) && !_sublayerSet.Contains(layer) && !(_backReferences?.Contains(layer) ?? false))
                    {
                        TrackDiscovered(layer, scanning);
                    }
                }
            }
        }
        finally
        {
            scanning.Remove(this);
        }
    }

    private void TrackDiscovered(Layer layer, HashSet<Layer> scanning)
    {
        // An ancestor whose scan is running, or a layer that already contains this one: tracking it would make a cycle.
        if (scanning.Contains(layer) || layer.FlattenLayers().Contains(this, ReferenceEqualityComparer.Instance))
        {
            (_backReferences ??= new HashSet<Layer>(ReferenceEqualityComparer.Instance)).Add(layer);
            return;
        }

        _sublayers.Add(layer);
        _sublayerSet.Add(layer);
    }

    /// <summary>
    /// Gets the metrics held by this layer's fields and properties (Keras tracks metric attributes in <c>_metrics</c>), in
    /// declaration order; a model reports them after its compiled metrics.
    /// </summary>
    internal IEnumerable<Metric> OwnTrackedMetrics() =>
        AttributeTracking.Of(GetType()).Where(m => m.Kind == TrackedKind.Metric).SelectMany(m => m.Items<Metric>(this));

    /// <summary>
    /// Gets the layers held by fields and properties as Keras's saving walk addresses them: attribute name → the layer,
    /// or the list of layers, limited to tracked sublayers (back-references are left out).
    /// </summary>
    internal IEnumerable<KeyValuePair<string, object>> TrackedLayerAttributes()
    {
        TrackAttributes();
        foreach (var member in AttributeTracking.Of(GetType()))
        {
            if (member.Kind != TrackedKind.Layer)
            {
                continue;
            }

            var items = member.Items<Layer>(this).Where(_sublayerSet.Contains).ToList();
            if (items.Count > 0)
            {
                yield return new(member.KerasName, member.IsCollection ? items : items[0]);
            }
        }
    }
}
