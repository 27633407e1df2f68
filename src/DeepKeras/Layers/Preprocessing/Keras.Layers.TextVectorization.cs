using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.TextVectorization"/> preprocessing layer.</summary>
        /// <param name="maxTokens">Largest vocabulary size, special tokens included; null for no limit.</param>
        /// <param name="standardize"><c>"lower_and_strip_punctuation"</c> (default), <c>"lower"</c>, <c>"strip_punctuation"</c> or null.</param>
        /// <param name="split"><c>"whitespace"</c> (default), <c>"character"</c> or null.</param>
        /// <param name="outputMode"><c>"int"</c> (default), <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
        /// <param name="outputSequenceLength">In <c>"int"</c> mode, the fixed row length.</param>
        /// <param name="padToMaxTokens">In the vector modes, pad rows to <paramref name="maxTokens"/>.</param>
        /// <param name="vocabulary">A fixed vocabulary instead of <c>Adapt</c>.</param>
        /// <param name="idfWeights">With <c>"tf_idf"</c> and a vocabulary: the inverse document frequencies.</param>
        /// <param name="name">Layer name.</param>
        public static L.TextVectorization TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation",
            string? split = "whitespace", string outputMode = "int", int? outputSequenceLength = null, bool padToMaxTokens = false,
            IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, string? name = null) =>
            new(maxTokens, standardize, split, outputMode, outputSequenceLength, padToMaxTokens, vocabulary, idfWeights, name);
    }
}
