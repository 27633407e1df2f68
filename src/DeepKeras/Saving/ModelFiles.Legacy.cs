using DeepKeras.Models;

namespace DeepKeras.Saving;

internal static partial class ModelFiles
{
    private static bool IsLegacyH5(string filepath) =>
        filepath.EndsWith(".h5", StringComparison.Ordinal) || filepath.EndsWith(".hdf5", StringComparison.Ordinal);

    /// <summary>
    /// Loads a whole model from a legacy Keras <c>.h5</c> file (Keras <c>model.save("m.h5")</c>, Keras 2 or 3): the
    /// architecture from the root's <c>model_config</c> attribute, the compile settings from <c>training_config</c>,
    /// the weights from the <c>model_weights</c> group by layer order. The optimizer's saved state is not restored (the
    /// optimizer starts afresh), as a model compiled anew.
    /// </summary>
    private static Model LoadLegacy(string filepath, IReadOnlyDictionary<string, object>? customObjects, bool compile, bool safeMode)
    {
        using var reader = H5Reader.Open(filepath, new FileStream(filepath, FileMode.Open, FileAccess.Read, FileShare.Read));
        var ctx = new DeserializationContext(filepath, customObjects, safeMode);
        if (reader.Strings(reader.Root, "model_config") is not [var configText])
        {
            throw ctx.Fail("no model found in the legacy `.h5` file (no 'model_config' attribute); a weights-only file is loaded into a model with `LoadWeights`");
        }

        var model = DeserializeModel(ParseJson(ctx, configText, "model_config"), ctx, "model_config");
        if (compile && reader.Strings(reader.Root, "training_config") is [var trainingText])
        {
            CompileConfig.Restore(model, CompileArguments(ParseJson(ctx, trainingText, "training_config"), ctx), ctx);
        }

        LegacyWeights.Read(reader, model, skipMismatch: false).Apply();
        return model;
    }

    // A legacy training_config holds the compile arguments as a .keras compile_config does, the optimizer under
    // `optimizer_config`.
    private static Dictionary<string, object?> CompileArguments(object? plain, DeserializationContext ctx)
    {
        if (plain is not Dictionary<string, object?> training)
        {
            throw ctx.Fail($"training_config: expected an object, received {ConfigConverter.Text(plain)}");
        }

        var config = training.Where(kv => kv.Key != "optimizer_config").ToDictionary(kv => kv.Key, kv => kv.Value);
        config["optimizer"] = training.GetValueOrDefault("optimizer_config");
        return config;
    }
}
