using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// What one step of a recurrent cell returns (Keras's <c>(output, new_states)</c>): the step's output(s) and the new
/// states, one tensor per leaf of <see cref="RNNCell.OutputSize"/> and <see cref="RNNCell.StateSize"/>.
/// </summary>
/// <remarks>
/// A tuple converts to it, so a cell's <c>Call</c> can end like Keras's: <c>return (output, [output]);</c>, or
/// <c>return ([output1, output2], [state1, state2]);</c> for a cell with several outputs.
/// </remarks>
/// <param name="Outputs">The step's outputs, each <c>(batch, …)</c>.</param>
/// <param name="States">The new states, each <c>(batch, …)</c>, in the order of the previous states.</param>
public readonly record struct RNNCellResult(IReadOnlyList<Tensor> Outputs, IReadOnlyList<Tensor> States)
{
    /// <summary>Gets the (first) output.</summary>
    public Tensor Output => Outputs[0];

    /// <summary>A step with one output.</summary>
    /// <param name="step">The output and the new states.</param>
    public static implicit operator RNNCellResult((Tensor Output, Tensor[] States) step) => new([step.Output], step.States);

    /// <summary>A step with several outputs.</summary>
    /// <param name="step">The outputs and the new states.</param>
    public static implicit operator RNNCellResult((Tensor[] Outputs, Tensor[] States) step) => new(step.Outputs, step.States);
}
