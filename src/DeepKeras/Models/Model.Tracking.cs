using DeepKeras.Metrics;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Adds the metrics held by fields and properties to <paramref name="metrics"/> (Keras's <c>model.metrics</c> after the
    /// compiled ones): this model's own (e.g. a <c>Mean</c> loss tracker of a custom <c>TrainStep</c>), then those of its
    /// layers at any depth, except metrics of nested models, which belong to their own training. Each metric appears
    /// once, so a compiled metric also kept in a field is not repeated.
    /// </summary>
    /// <param name="metrics">The list to extend.</param>
    private void AddTrackedMetrics(List<Metric> metrics)
    {
        var seen = new HashSet<Metric>(metrics, ReferenceEqualityComparer.Instance);
        var tracked = OwnTrackedMetrics()
            .Concat(FlattenLayers().Skip(1).Where(l => l is not Model).SelectMany(l => l.OwnTrackedMetrics()));
        foreach (var metric in tracked)
        {
            if (seen.Add(metric))
            {
                metrics.Add(metric);
            }
        }
    }
}
