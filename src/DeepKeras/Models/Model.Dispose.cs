namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Frees the model's native memory: the optimizer's state (see <see cref="Optimizers.Optimizer.Dispose()"/>), the
    /// metrics, then its layers and weights (see <see cref="Layers.Layer.Dispose()"/>). An optimizer or metric shared with
    /// another model is disposed too.
    /// </summary>
    /// <param name="disposing">True from <see cref="Layers.Layer.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
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
