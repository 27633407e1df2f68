using DeepKeras.Saving;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Returns the model's architecture as JSON, exactly as Keras's <c>model.to_json()</c> writes it:
    /// <c>{"module", "class_name", "config", "registered_name", "build_config", "compile_config"}</c>.
    /// Recreate it with <c>Keras.Models.ModelFromJson</c>.
    /// </summary>
    public string ToJson() => KerasJson.Write(KerasSerializer.Serialize(this));
}
