using DeepKeras.Layers;
using DeepKeras.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving.Onnx;

/// <summary>
/// StringLookup and IntegerLookup export as <c>ai.onnx.ml</c> LabelEncoders (a string graph input for a string Input);
/// Hashing and TextVectorization, which ONNX has no operators for, refuse with the reason.
/// </summary>
public class OnnxLookupTests
{
    private static readonly string[,] Tokens = { { "red", "blue" }, { "purple", "" }, { "green", "red" } };
    private static readonly long[,] Ids = { { 12, 0, 7 }, { 1138, 36, 12 }, { -1, 42, 0 } };

    [Fact]
    public void StringAndIntegerLookups_RunInOnnxRuntime_AsPredictDoes()
    {
        Keras.Utils.SetRandomSeed(12);
        var colors = new StringLookup(maskToken: "", name: "colors");
        colors.Adapt(new[] { "red", "green", "red", "blue", "red", "green" });
        var tokens = Keras.Input(shape: 2, dtype: "string", name: "tokens");
        var ids = Keras.Input(shape: 3, dtype: "int64", name: "ids");
        var a = new Flatten().Apply(new Embedding(colors.VocabularySize(), 2).Apply(colors.Apply(tokens)));
        var b = new Flatten().Apply(new Embedding(6, 2).Apply(new IntegerLookup(vocabulary: [12, 1138, 42, 36], maskToken: 0, name: "ints").Apply(ids)));
        var model = Keras.Model([tokens, ids], new Dense(3).Apply(new Concatenate().Apply(a, b)), name: "lookups");
        var expected = model.PredictTensors(ArrayLike.Many(Tokens, Ids), verbose: 0)[0].data<float>().ToArray();

        using var dir = new TempDir();
        var path = dir.File("lookups.onnx");
        model.Export(path, format: "onnx");
        using var session = new InferenceSession(path);
        Assert.Equal(["tokens", "ids"], session.InputMetadata.Keys);
        var feeds = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("tokens", new DenseTensor<string>(Tokens.Cast<string>().ToArray(), [3, 2])),
            NamedOnnxValue.CreateFromTensor("ids", new DenseTensor<float>(Ids.Cast<long>().Select(v => (float)v).ToArray(), [3, 3])),
        };
        using var results = session.Run(feeds);
        var actual = results.Single().AsTensor<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5));
    }

    [Fact]
    public void HashingTextVectorizationAndUnexportableLookupModes_RefuseWithTheReason()
    {
        using var dir = new TempDir();
        string Refusal(Layer layer, string dtype)
        {
            var input = Keras.Input(shape: 2, dtype: dtype);
            var model = Keras.Model(input, new Dense(1).Apply(layer.Apply(input)));
            return Assert.Throws<NotSupportedException>(() => model.Export(dir.File("m.onnx"), format: "onnx")).Message;
        }

        Assert.Equal("Cannot export layer 'h' (Hashing) to ONNX: ONNX has no FarmHash/SipHash operator.",
            Refusal(new Hashing(4, outputMode: "one_hot", name: "h"), "string"));
        Assert.StartsWith("Cannot export layer 'tv' (TextVectorization) to ONNX: ONNX has no operator for its standardization and splitting",
            Refusal(new TextVectorization(outputMode: "multi_hot", vocabulary: ["a"], name: "tv"), "string"));
        Assert.Equal("Cannot export layer 'counts' (StringLookup) to ONNX: output_mode=\"count\" is not exported (only \"int\").",
            Refusal(new StringLookup(vocabulary: ["a"], outputMode: "count", name: "counts"), "string"));
        Assert.Equal("Cannot export layer 'oov2' (IntegerLookup) to ONNX: num_oov_indices=2 hashes OOV tokens, which LabelEncoder cannot (only 1 OOV index is exported).",
            Refusal(new IntegerLookup(vocabulary: [5], numOovIndices: 2, name: "oov2"), "int64"));
    }
}
