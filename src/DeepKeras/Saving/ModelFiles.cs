using System.Globalization;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// Saving and loading of whole models (<c>.keras</c>) and of weights (<c>.weights.h5</c>, the weights inside a
/// <c>.keras</c> archive, legacy Keras <c>.h5</c>), with Keras's file-name rules and messages.
/// </summary>
internal static partial class ModelFiles
{
    /// <summary>The Keras version whose file format DeepKeras writes (saved as <c>keras_version</c>).</summary>
    public const string KerasFormatVersion = "3.15.0";

    /// <summary>Saves a model as a <c>.keras</c> archive or a legacy <c>.h5</c> file, atomically (Keras <c>model.save</c>).</summary>
    public static void Save(Model model, string filepath, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (IsLegacyH5(filepath))
        {
            Console.Error.WriteLine(LegacyModelWriter.Warning);
            AtomicFile.Write(filepath, overwrite, stream => LegacyModelWriter.Write(model, stream));
            return;
        }

        if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "Invalid filepath extension for saving. Please add a `.keras` extension for the native Keras format " +
                $"(recommended) or a `.h5` extension. Received: filepath={filepath}.", nameof(filepath));
        }

        if (!model.Built)
        {
            Console.Error.WriteLine(
                "UserWarning: You are saving a model that has not yet been built. It might not contain any weights yet. " +
                "Consider building the model first by calling it on some data.");
        }

        var metadata = new Dictionary<string, object?>
        {
            ["keras_version"] = KerasFormatVersion,
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
            ["deepkeras_version"] = typeof(ModelFiles).Assembly.GetName().Version?.ToString(3),
        };
        var config = KerasJson.Write(KerasSerializer.Serialize(model));
        var weights = WeightsWriter.ToBytes(model);
        KerasArchive.Write(filepath, overwrite,
        [
            (KerasArchive.MetadataName, System.Text.Encoding.UTF8.GetBytes(KerasJson.Write(metadata))),
            (KerasArchive.ConfigName, System.Text.Encoding.UTF8.GetBytes(config)),
            (KerasArchive.WeightsName, weights),
            .. ModelAssets.Collect(model),
        ]);
    }

    /// <summary>Loads a model from a <c>.keras</c> archive or a legacy <c>.h5</c> file (Keras <c>keras.models.load_model</c>).</summary>
    public static Model Load(string filepath, IReadOnlyDictionary<string, object>? customObjects, bool compile, bool safeMode)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        var legacy = IsLegacyH5(filepath) && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal);
        if (!filepath.EndsWith(".keras", StringComparison.Ordinal) && !legacy)
        {
            throw new ArgumentException(
                $"File format not supported: filepath={filepath}. `LoadModel` reads Keras 3 `.keras` files and legacy `.h5` model files; " +
                "load `.weights.h5` files into a model with `LoadWeights`.", nameof(filepath));
        }

        RequireFile(filepath);
        if (legacy)
        {
            return Guard(filepath, () => LoadLegacy(filepath, customObjects, compile, safeMode));
        }

        return Guard(filepath, () =>
        {
            using var archive = KerasArchive.Open(filepath);
            var ctx = new DeserializationContext(filepath, customObjects, safeMode);
            if (archive.Has(KerasArchive.MetadataName))
            {
                ParseJson(ctx, archive.ReadText(KerasArchive.MetadataName, KerasArchive.MaxJsonBytes), KerasArchive.MetadataName);
            }

            if (!archive.Has(KerasArchive.ConfigName))
            {
                throw ctx.Fail($"the archive has no '{KerasArchive.ConfigName}' member");
            }

            var plain = ParseJson(ctx, archive.ReadText(KerasArchive.ConfigName, KerasArchive.MaxJsonBytes), KerasArchive.ConfigName);
            var model = DeserializeModel(plain, ctx, KerasArchive.ConfigName);
            if (compile && plain is Dictionary<string, object?> root)
            {
                CompileConfig.Restore(model, root.GetValueOrDefault("compile_config"), ctx);
            }

            using (var reader = OpenArchiveWeights(archive, ctx))
            {
                WeightsReader.Read(reader, model, skipMismatch: false).Apply();
            }

            ModelAssets.Load(model, archive);
            return model;
        });
    }

    /// <summary>Saves the weights (and optimizer state) as a <c>.weights.h5</c> file, atomically.</summary>
    public static void SaveWeights(Model model, string filepath, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={filepath}", nameof(filepath));
        }

        AtomicFile.Write(filepath, overwrite, stream => WeightsWriter.Write(model, stream));
    }

    /// <summary>Loads weights from a <c>.weights.h5</c>, <c>.keras</c> or legacy <c>.h5</c> file; all or nothing.</summary>
    public static void LoadWeights(Model model, string filepath, bool skipMismatch)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        var kind = filepath.EndsWith(".keras", StringComparison.Ordinal) ? 0
            : filepath.EndsWith(".weights.h5", StringComparison.Ordinal) ? 1
            : filepath.EndsWith(".h5", StringComparison.Ordinal) || filepath.EndsWith(".hdf5", StringComparison.Ordinal) ? 2
            : throw new ArgumentException(
                $"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` files, `.weights.h5` files, " +
                "or legacy H5 format files (`.h5` extension).", nameof(filepath));
        RequireFile(filepath);
        Guard(filepath, () =>
        {
            PendingState pending;
            if (kind == 0)
            {
                using var archive = KerasArchive.Open(filepath);
                using var reader = OpenArchiveWeights(archive, new DeserializationContext(filepath, null, true));
                pending = WeightsReader.Read(reader, model, skipMismatch);
            }
            else
            {
                using var reader = H5Reader.Open(filepath, new FileStream(filepath, FileMode.Open, FileAccess.Read, FileShare.Read));
                pending = kind == 1 ? WeightsReader.Read(reader, model, skipMismatch) : LegacyWeights.Read(reader, model, skipMismatch);
            }

            pending.Apply();
            return 0;
        });
    }

    // The weights member goes to a temporary file (deleted on close) after its size and CRC are checked.
    private static H5Reader OpenArchiveWeights(KerasArchive archive, DeserializationContext ctx)
    {
        if (!archive.Has(KerasArchive.WeightsName))
        {
            throw ctx.Fail(archive.Has("model.weights.npz")
                ? "the weights are stored as model.weights.npz, which DeepKeras does not read; re-save the model with h5 weights"
                : $"the archive has no '{KerasArchive.WeightsName}' member");
        }

        var temp = Path.Combine(Path.GetTempPath(), $"deepkeras-{Guid.NewGuid():N}.weights.h5");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            archive.CopyChecked(KerasArchive.WeightsName, stream, KerasArchive.MaxWeightsBytes);
            stream.Position = 0;
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return H5Reader.Open(ctx.FilePath, stream);
    }

    private static Model DeserializeModel(object? plain, DeserializationContext ctx, string member)
    {
        var skipping = Layers.Layer.SkipWeightInitialization;
        Layers.Layer.SkipWeightInitialization = true;
        try
        {
            // Every weight is then read from the file (or the load fails), so the initializers need not run.
            return KerasDeserializer.Deserialize(plain, ObjectKind.Layer, ctx, $"{member}: model") as Model
                ?? throw ctx.Fail($"{member} describes a layer, not a model");
        }
        finally
        {
            Layers.Layer.SkipWeightInitialization = skipping;
        }
    }

    private static object? ParseJson(DeserializationContext ctx, string text, string member)
    {
        try
        {
            return KerasJson.Parse(text);
        }
        catch (FormatException e)
        {
            throw ctx.Fail($"{member} is not valid JSON: {e.Message}", e);
        }
    }

    private static void RequireFile(string filepath)
    {
        if (!File.Exists(filepath))
        {
            throw new FileNotFoundException($"File not found: filepath={filepath}.", filepath);
        }
    }

    // Whatever goes wrong while reading a file is reported as a KerasFileException naming it; nothing is half-loaded.
    private static T Guard<T>(string filepath, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (KerasFileException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new KerasFileException(filepath, $"unexpected error while reading the file ({e.GetType().Name}: {e.Message})", e);
        }
    }
}
