using DeepKeras.Saving;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>Gets or sets the epoch the next <c>Fit</c> starts at, overriding its <c>initialEpoch</c> once (set by <c>BackupAndRestore</c>).</summary>
    internal int? ResumeEpoch { get; set; }

    /// <summary>
    /// Returns the model's architecture as JSON, exactly as Keras's <c>model.to_json()</c> writes it:
    /// <c>{"module", "class_name", "config", "registered_name", "build_config", "compile_config"}</c>.
    /// Recreate it with <c>Keras.Models.ModelFromJson</c>.
    /// </summary>
    public string ToJson() => KerasJson.Write(KerasSerializer.Serialize(this));

    /// <summary>
    /// Saves the model as a Keras 3 <c>.keras</c> archive (Keras <c>model.save</c>): <c>metadata.json</c>,
    /// <c>config.json</c> (architecture and compile settings) and <c>model.weights.h5</c> (weights and optimizer
    /// state). The file is written to a temporary file and renamed, so an interrupted save keeps the previous file.
    /// Load it with <c>Keras.Models.LoadModel</c>. A path ending with <c>.h5</c> or <c>.hdf5</c> writes Keras's legacy
    /// HDF5 model file instead (with Keras's warning; architecture, compile settings and weights, no optimizer state).
    /// </summary>
    /// <param name="filepath">The path; must end with <c>.keras</c> (or <c>.h5</c>/<c>.hdf5</c> for the legacy format).</param>
    /// <param name="overwrite">Whether to replace an existing file (default true).</param>
    /// <exception cref="ArgumentException">The path ends with neither <c>.keras</c> nor <c>.h5</c>/<c>.hdf5</c>.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void Save(string filepath, bool overwrite = true) => ModelFiles.Save(this, filepath, overwrite);

    /// <summary>
    /// Saves the weights and the optimizer state in Keras's <c>.weights.h5</c> layout (Keras <c>save_weights</c>),
    /// atomically.
    /// </summary>
    /// <param name="filepath">The path; must end with <c>.weights.h5</c>.</param>
    /// <param name="overwrite">Whether to replace an existing file (default true).</param>
    /// <exception cref="ArgumentException">The path does not end with <c>.weights.h5</c>.</exception>
    public void SaveWeights(string filepath, bool overwrite = true) => ModelFiles.SaveWeights(this, filepath, overwrite);

    /// <summary>
    /// Loads weights (and the optimizer state, when the model is compiled) from a <c>.weights.h5</c> file, the weights
    /// of a <c>.keras</c> archive, or a legacy Keras <c>.h5</c> weights file (matched by layer order). Everything is
    /// checked before anything is assigned: on error no weight changes.
    /// </summary>
    /// <param name="filepath">The file.</param>
    /// <param name="skipMismatch">Skip, with a warning, layers whose number or shapes of weights differ.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="KerasFileException">The file is damaged or does not match the model.</exception>
    public void LoadWeights(string filepath, bool skipMismatch = false) => ModelFiles.LoadWeights(this, filepath, skipMismatch);
}
