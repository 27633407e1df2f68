using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Whole models saved by Keras in the legacy <c>.h5</c> format (scripts/keras-golden/gen_names_legacy_h5.py): a
/// two-input, two-output functional model (with BatchNormalization statistics) and a Sequential load with their
/// compile settings and predict and evaluate as Keras does.
/// </summary>
public sealed class LegacyModelFileTests
{
    private static readonly KerasGolden G = KerasGolden.Case("names_legacy_h5");

    [Fact]
    public void KerasFunctionalH5_LoadsCompiled_PredictsAndEvaluatesAsKeras()
    {
        var model = Keras.Models.LoadModel(G.File("functional.h5"));

        Assert.Equal("two_heads", model.Name);
        Assert.True(model.Compiled);
        Assert.Equal(["score", "kind"], model.OutputNames);
        var predicted = model.PredictAll(new[] { G.Tensor("xa"), G.Tensor("xb") }, verbose: 0);
        KerasGolden.AssertClose(G.Tensor("functional_score"), TensorConvert.ToTensor(predicted["score"], null), 1e-5, "score");
        KerasGolden.AssertClose(G.Tensor("functional_kind"), TensorConvert.ToTensor(predicted["kind"], null), 1e-5, "kind");
        var evaluated = model.Evaluate(new[] { G.Tensor("xa"), G.Tensor("xb") }, new[] { G.Tensor("ys"), G.Tensor("yk") }, verbose: 0);
        AssertResults(G.Json("results")["functional_evaluate"]!.AsObject(), evaluated);
    }

    [Fact]
    public void KerasSequentialH5_LoadsCompiled_PredictsAndEvaluatesAsKeras()
    {
        var model = Keras.Models.LoadModel(G.File("sequential.h5"));

        Assert.IsType<Sequential>(model);
        var x = G.Tensor("xa");
        KerasGolden.AssertClose(G.Tensor("sequential_predict"), TensorConvert.ToTensor(model.Predict(x, verbose: 0), null), 1e-5, "predict");
        var y = G.Tensor("ys").repeat(1, 2);
        AssertResults(G.Json("results")["sequential_evaluate"]!.AsObject(), model.Evaluate(x, y, verbose: 0));
    }

    [Fact]
    public void WeightsOnlyH5_LoadModel_SaysToUseLoadWeights()
    {
        var e = Assert.Throws<global::DeepKeras.Saving.KerasFileException>(() => Keras.Models.LoadModel(
            Path.Combine(AppContext.BaseDirectory, "Saving", "Data", "legacy_root_weights.h5")));
        Assert.Contains("no 'model_config' attribute", e.Message);
        Assert.Contains("LoadWeights", e.Message);
    }

    [Fact]
    public void SaveH5_WarnsAsKeras_WritesKerasLayout_AndLoadsBack()
    {
        using var dir = new TempDir();
        var source = Keras.Models.LoadModel(G.File("functional.h5"));
        var file = dir.File("copy.h5");

        var warning = global::DeepKeras.Tests.Callbacks.CallbackTestUtil.CaptureConsole(() => source.Save(file), stderr: true);

        Assert.StartsWith("WARNING: You are saving your model as an HDF5 file via `model.save()`", warning);
        Assert.Equal(
            "attrs: backend,keras_version,model_config,training_config\n" +
            "model: Model two_heads a,b,joined,hidden,norm,score,kind\n" +
            "training: jit_compile,loss,loss_weights,metrics,optimizer_config,run_eagerly,steps_per_execution,weighted_metrics\n" +
            "hidden: two_heads/hidden/kernel[7, 5] two_heads/hidden/bias[5]\n" +
            "norm: two_heads/norm/gamma[5] two_heads/norm/beta[5] two_heads/norm/moving_mean[5] two_heads/norm/moving_variance[5]\n" +
            "score: two_heads/score/kernel[5, 1] two_heads/score/bias[1]\n" +
            "kind: two_heads/kind/kernel[5, 3] two_heads/kind/bias[3]",
            PythonH5.Run("check_legacy_model_h5.py", file));
        if (Environment.GetEnvironmentVariable("DEEPKERAS_ORACLE_OUT") is { Length: > 0 } oracleDir)
        {
            // For scripts/keras-golden/check_names_legacy_h5.py: Keras loads this file and predicts as Keras did.
            File.Copy(file, Path.Combine(oracleDir, "deepkeras_functional.h5"), overwrite: true);
        }

        var loaded = Keras.Models.LoadModel(file);
        Assert.True(loaded.Compiled);
        var x = new[] { G.Tensor("xa"), G.Tensor("xb") };
        var predicted = loaded.PredictAll(x, verbose: 0);
        KerasGolden.AssertClose(G.Tensor("functional_score"), TensorConvert.ToTensor(predicted["score"], null), 1e-6, "score");
        KerasGolden.AssertClose(G.Tensor("functional_kind"), TensorConvert.ToTensor(predicted["kind"], null), 1e-6, "kind");
        AssertResults(G.Json("results")["functional_evaluate"]!.AsObject(),
            loaded.Evaluate(x, new[] { G.Tensor("ys"), G.Tensor("yk") }, verbose: 0));
    }

    private static void AssertResults(System.Text.Json.Nodes.JsonObject expected, EvaluateResult actual)
    {
        Assert.Equal(expected.Select(kv => kv.Key).Order(StringComparer.Ordinal), actual.Names.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            TestData.Near((double)value!, actual[name], 1e-5, name);
        }
    }
}
