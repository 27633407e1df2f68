using System.Globalization;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// A sink for <see cref="Applications.GanMonitor"/> (or any per-epoch image producer) that saves each epoch's images
    /// as a grid PNG: <c>{directory}/{prefix}{epoch:000}.png</c>, epochs counted from 1, titled with the epoch.
    /// </summary>
    /// <param name="directory">The folder of the PNG files; created on the first save.</param>
    /// <param name="prefix">File-name prefix (default <c>epoch_</c>).</param>
    /// <param name="columns">Images per row (default 8).</param>
    /// <param name="title">Title text before <c>" — epoch k"</c> (default <c>"Generated samples (fixed noise)"</c>).</param>
    /// <param name="saved">Called with each written path, or null.</param>
    /// <returns>The sink: (0-based epoch, images (N, H, W[, C]) in [0, 1]) → writes the grid.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <example><code>
    /// var monitor = new Applications.GanMonitor(Plots.EpochImageGrid("out/gan"), numImages: 32, seed: 7);
    /// gan.Fit(xTrain, epochs: 20, callbacks: [monitor]);
    /// </code></example>
    public static Action<int, Tensor> EpochImageGrid(string directory, string prefix = "epoch_", int columns = 8,
        string title = "Generated samples (fixed noise)", Action<string>? saved = null)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("Expected a folder for the per-epoch PNG files. Received an empty `directory`.", nameof(directory));
        }

        CheckColumns(columns);
        return (epoch, images) =>
        {
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{prefix}{epoch + 1:000}.png"));
            ImageGrid(images, path, columns, title: $"{title} — epoch {epoch + 1}");
            saved?.Invoke(path);
        };
    }
}
