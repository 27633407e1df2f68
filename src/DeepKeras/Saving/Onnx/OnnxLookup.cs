using System.Globalization;
using DeepKeras.Layers;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// <c>StringLookup</c> and <c>IntegerLookup</c> as an <c>ai.onnx.ml</c> <c>LabelEncoder</c>: every vocabulary entry (the
/// mask and OOV tokens included) maps to its index, and any other token to the OOV index.
/// </summary>
internal static class OnnxLookup
{
    /// <summary>A string lookup on a string tensor.</summary>
    public static string Lookup(OnnxGraph g, StringLookup layer, string x)
    {
        var (vocabulary, oov) = Table(layer);
        return g.Op(layer, "LabelEncoder", x, Attrs(("keys_strings", vocabulary.ToArray()), ("values_int64s", Indices(vocabulary.Count)),
            ("default_int64", (long)oov)));
    }

    /// <summary>An integer lookup on an int64 tensor.</summary>
    public static string Lookup(OnnxGraph g, IntegerLookup layer, string x)
    {
        var (vocabulary, oov) = Table(layer);
        return g.Op(layer, "LabelEncoder", x, Attrs(("keys_int64s", vocabulary.ToArray()), ("values_int64s", Indices(vocabulary.Count)),
            ("default_int64", (long)oov)));
    }

    private static string Op(this OnnxGraph g, Layer layer, string op, string x, Dictionary<string, object> attributes) =>
        g.Node(op, [x], layer.Name, 1, attributes, OnnxGraph.MlDomain)[0];

    private static long[] Indices(int count) => Enumerable.Range(0, count).Select(i => (long)i).ToArray();

    // The full vocabulary and the OOV index, for the form a LabelEncoder can compute: "int" output, not inverted, one OOV index.
    private static (IReadOnlyList<TToken> Vocabulary, int Oov) Table<TToken>(IndexLookup<TToken> layer)
        where TToken : notnull
    {
        string? why = layer.Invert ? "an inverted lookup outputs tokens, which the exported graph's float outputs cannot hold"
            : layer.OutputMode != "int" ? $"output_mode=\"{layer.OutputMode}\" is not exported (only \"int\")"
            : layer.NumOovIndices != 1 ? $"num_oov_indices={layer.NumOovIndices.ToString(CultureInfo.InvariantCulture)} hashes OOV tokens, which LabelEncoder cannot (only 1 OOV index is exported)"
            : !layer.VocabularyIsSet ? "it has no vocabulary yet (call Adapt or SetVocabulary)"
            : null;
        if (why is not null)
        {
            throw OnnxExporter.NotSupported(layer, why);
        }

        var vocabulary = layer.GetVocabulary(includeSpecialTokens: true);
        var oov = vocabulary.ToList().IndexOf(layer.OovToken);
        return (vocabulary, oov);
    }
}
