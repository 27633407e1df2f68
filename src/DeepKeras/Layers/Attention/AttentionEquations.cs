namespace DeepKeras.Layers;

/// <summary>
/// The einsum equations of <see cref="MultiHeadAttention"/> (Keras <c>_build_proj_equation</c> and
/// <c>_build_attention_equation</c>); axes are named <c>a</c>, <c>b</c>, … in order.
/// </summary>
internal static class AttentionEquations
{
    private static char Letter(int i) => (char)('a' + i);

    /// <summary>A projection: <paramref name="freeDims"/> axes kept, <paramref name="boundDims"/> contracted, <paramref name="outputDims"/> new.</summary>
    /// <returns>The equation, the bias axes (the new axes) and the output rank.</returns>
    public static (string Equation, string BiasAxes, int OutputRank) Projection(int freeDims, int boundDims, int outputDims)
    {
        var free = new string([.. Enumerable.Range(0, freeDims).Select(Letter)]);
        var bound = new string([.. Enumerable.Range(freeDims, boundDims).Select(Letter)]);
        var created = new string([.. Enumerable.Range(freeDims + boundDims, outputDims).Select(Letter)]);
        return ($"{free}{bound},{bound}{created}->{free}{created}", created, free.Length + created.Length);
    }

    /// <summary>The output shape of a projection: unknown axes, then <paramref name="knownLastDims"/>.</summary>
    public static Shape OutputShape(int outputRank, IReadOnlyList<int?> knownLastDims) =>
        new([.. Enumerable.Repeat<int?>(null, outputRank - knownLastDims.Count), .. knownLastDims]);

    /// <summary>
    /// The query-key product and the combination with the values for projected tensors of rank <paramref name="rank"/>
    /// (<c>(batch, …, heads, channels)</c>) attending over <paramref name="attentionAxes"/>.
    /// </summary>
    /// <returns>The dot-product equation (key, query → scores), the combine equation (scores, value → output) and the scores' rank.</returns>
    public static (string DotProduct, string Combine, int ScoresRank) Attention(int rank, IReadOnlyList<int> attentionAxes)
    {
        var target = new string([.. Enumerable.Range(0, rank).Select(Letter)]);
        var batchDims = Enumerable.Range(0, rank).Where(i => !attentionAxes.Contains(i) && i != rank - 1).ToArray();
        var offset = rank;
        var source = new char[rank];
        for (var i = 0; i < rank; i++)
        {
            source[i] = batchDims.Contains(i) || i == rank - 1 ? target[i] : Letter(offset++);
        }

        var product = new string([.. batchDims.Select(i => target[i]), .. attentionAxes.Select(i => target[i]), .. attentionAxes.Select(i => source[i])]);
        var src = new string(source);
        return ($"{src},{target}->{product}", $"{product},{src}->{target}", product.Length);
    }
}
