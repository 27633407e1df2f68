namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Frees the model's native memory: the optimizer's state, the metrics, then its layers and weights. An optimizer,
    /// metric or layer shared with another model is disposed too.
    /// </summary>
    /// <param name="disposing">True from <see cref="Backend.NativeOwner.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Optimizer?.Dispose();
            foreach (var metric in Metrics.Append(_lossTracker))
            {
                metric.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
