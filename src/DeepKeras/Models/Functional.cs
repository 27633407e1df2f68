using DeepKeras.Engine;

namespace DeepKeras.Models;

/// <summary>
/// A model defined by connecting symbolic tensors (Keras functional API, <c>keras.Model(inputs, outputs)</c>):
/// several inputs and outputs, shared layers (one layer applied to several tensors) and non-linear topologies.
/// To customize training of such a model, subclass <see cref="Model"/> and pass the tensors to its
/// <c>Model(inputs, outputs)</c> constructor instead.
/// </summary>
/// <example><code>
/// var inputs = Keras.Input(shape: 784);
/// var h = new Dense(64, activation: "relu").Apply(inputs);
/// var outputs = new Dense(10).Apply(h);
/// var model = new Functional(inputs, outputs, name: "mlp");
/// </code></example>
public sealed class Functional : Model
{
    /// <summary>Creates a model with one input and one output.</summary>
    /// <param name="inputs">The symbolic input from <c>Keras.Input</c>.</param>
    /// <param name="outputs">The symbolic output.</param>
    /// <param name="name">The name; default <c>functional</c>, <c>functional_1</c>, ….</param>
    public Functional(KerasTensor inputs, KerasTensor outputs, string? name = null)
        : base(inputs, outputs, name)
    {
    }

    /// <summary>Creates a model with several inputs and/or outputs.</summary>
    /// <param name="inputs">The symbolic inputs, in the order data is passed to <c>Fit</c>/<c>Predict</c>.</param>
    /// <param name="outputs">The symbolic outputs, in the order of targets and losses.</param>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : base(inputs, outputs, name)
    {
    }

    /// <summary>
    /// Creates a model whose inputs and/or outputs are one tensor, a list or a dictionary keyed by name
    /// (<c>new Functional(x, [a, b, c])</c>; Keras <c>keras.Model(inputs={...}, outputs={...})</c>). A dictionary is
    /// flattened by sorted key, as Keras does; dictionary outputs name the losses, metrics and predictions.
    /// </summary>
    /// <param name="inputs">The symbolic inputs.</param>
    /// <param name="outputs">The symbolic outputs.</param>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    public Functional(ModelTensors inputs, ModelTensors outputs, string? name = null)
        : base(inputs, outputs, name)
    {
    }

    /// <inheritdoc/>
    public override string ClassName => "Functional";
}
