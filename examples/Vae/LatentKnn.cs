using static TorchSharp.torch;

namespace DeepKeras.Examples.Vae;

/// <summary>How well latent codes separate classes: k-nearest-neighbour classification of codes by reference codes.</summary>
internal static class LatentKnn
{
    /// <summary>
    /// The accuracy of classifying each query by the majority label of its <paramref name="k"/> nearest reference points
    /// (Euclidean, torch.cdist + topk), in chunks of 1,000 queries to bound memory; ties go to the smaller class index.
    /// </summary>
    public static double Accuracy(Tensor reference, Tensor referenceLabels, Tensor queries, Tensor queryLabels, int k)
    {
        using var scope = NewDisposeScope();
        var classes = (int)referenceLabels.max().item<long>() + 1;
        var correct = 0L;
        for (var start = 0; start < queries.shape[0]; start += 1000)
        {
            var end = (int)Math.Min(start + 1000, queries.shape[0]);
            var distances = cdist(queries[start..end], reference);
            var nearest = distances.topk(Math.Min(k, (int)reference.shape[0]), dim: 1, largest: false).indexes;
            var votes = nn.functional.one_hot(referenceLabels[nearest], classes).sum(1);
            correct += votes.argmax(1).eq(queryLabels[start..end]).sum().item<long>();
        }

        return (double)correct / queries.shape[0];
    }
}
