using System.Globalization;
using System.Text.Json;
using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>Where Keras downloads the ImageNet class index from.</summary>
    private const string ClassIndexUrl = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json";

    /// <summary>The md5 Keras checks the class index file against.</summary>
    private const string ClassIndexMd5 = "c2c37ea517e94d9795004a39431a14cb";

    // Keras's CLASS_INDEX: read on first use and kept (a failed download is tried again next time).
    private static IReadOnlyDictionary<string, string[]>? imagenetClassIndex;

    /// <summary>
    /// Names the most likely ImageNet classes of a batch of predictions (Keras
    /// <c>keras.applications.imagenet_utils.decode_predictions</c>, also exported as <c>vgg16</c>, <c>vgg19</c>,
    /// <c>resnet</c>, <c>resnet50</c>, <c>mobilenet_v2</c> and <c>xception</c> <c>.decode_predictions</c>).
    /// </summary>
    /// <remarks>The class names come from Keras's <c>imagenet_class_index.json</c>, read from
    /// <c>~/.keras/models/</c> (md5-checked) or downloaded there on first use, and kept for the process.</remarks>
    /// <param name="preds">Predictions <c>(samples, 1000)</c> of an ImageNet model (probabilities or logits).</param>
    /// <param name="top">How many classes to return per sample (default 5).</param>
    /// <returns>One list per sample of <c>(ClassId, Label, Score)</c> (e.g. <c>("n02123045", "tabby", 0.83)</c>), the
    /// highest score first.</returns>
    /// <exception cref="ArgumentException"><paramref name="preds"/> is not a (samples, 1000) array.</exception>
    /// <exception cref="FileNotFoundException">The class index is not cached and cannot be downloaded.</exception>
    /// <example><code>
    /// var probabilities = resnet.Predict(Applications.ResNetPreprocessInput(images));
    /// foreach (var (id, label, score) in Applications.DecodePredictions(probabilities, top: 3)[0])
    ///     Console.WriteLine($"{label} ({id}): {score:P1}");
    /// </code></example>
    public static IReadOnlyList<IReadOnlyList<(string ClassId, string Label, float Score)>> DecodePredictions(NDArray preds, int top = 5)
    {
        CheckPredictions(preds);
        imagenetClassIndex ??= ReadClassIndex(DataFile.Get("imagenet_class_index.json", DataFile.MirrorOr(ClassIndexUrl), ClassIndexMd5,
            "models", hint: "It names the 1000 ImageNet classes (Keras applications' decode_predictions)."));
        return DecodePredictions(preds, top, imagenetClassIndex);
    }

    /// <summary>Decodes <paramref name="preds"/> with the given class index (keys "0" … "999", values [id, label]).</summary>
    internal static IReadOnlyList<IReadOnlyList<(string ClassId, string Label, float Score)>> DecodePredictions(
        NDArray preds, int top, IReadOnlyDictionary<string, string[]> classIndex)
    {
        CheckPredictions(preds);
        if (top < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, $"`top` must be at least 1. Received: top={top}");
        }

        var scores = preds.astype(NPTypeCode.Single).ToArray<float>();
        var classes = (int)preds.shape[1];
        var results = new List<IReadOnlyList<(string, string, float)>>();
        for (var sample = 0; sample < preds.shape[0]; sample++)
        {
            var row = new ArraySegment<float>(scores, sample * classes, classes);
            // Keras: argsort()[-top:][::-1], then a sort by score; ties keep the later class first.
            results.Add(Enumerable.Range(0, classes)
                .OrderByDescending(i => row[i]).ThenByDescending(i => i)
                .Take(top)
                .Select(i => classIndex[i.ToString(CultureInfo.InvariantCulture)] is var entry ? (entry[0], entry[1], row[i]) : default)
                .ToList());
        }

        return results;
    }

    /// <summary>Reads a class index file: a JSON object from "0" … "999" to [wordnet id, label].</summary>
    internal static IReadOnlyDictionary<string, string[]> ReadClassIndex(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(path))
        ?? throw new InvalidDataException($"The ImageNet class index {path} is empty.");

    private static void CheckPredictions(NDArray preds)
    {
        ArgumentNullException.ThrowIfNull(preds);
        if (preds.ndim != 2 || preds.shape[1] != 1000)
        {
            throw new ArgumentException(
                "`DecodePredictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). " +
                $"Received array with shape: ({string.Join(", ", preds.shape)})", nameof(preds));
        }
    }
}
