using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Saving;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>
/// The cell of Keras's RNN docstring written in C#: <c>output = x·kernel + h·recurrent_kernel</c>, one state. Registered
/// under the name the golden generator gives the Python class (<c>rnncell&gt;MinimalRNNCell</c>).
/// </summary>
[KerasSerializable("rnncell")]
public sealed class MinimalRNNCell(int units, string? name = null, bool trainable = true) : RNNCell(name, trainable)
{
    public int Units { get; } = units;

    public Variable? Kernel { get; private set; }

    public Variable? RecurrentKernel { get; private set; }

    public override NestedSize StateSize => Units;

    /// <summary>Makes sure the class is registered before a Keras file naming it is loaded.</summary>
    public static void Register() => ObjectRegistry.Register<MinimalRNNCell>();

    public override void Build(Shape inputShape)
    {
        Kernel = AddWeight("kernel", (inputShape[-1]!.Value, Units), new RandomUniform());
        RecurrentKernel = AddWeight("recurrent_kernel", (Units, Units), new RandomUniform());
    }

    protected override RNNCellResult Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var output = inputs.matmul(Kernel!.Value) + states[0].matmul(RecurrentKernel!.Value);
        return (output, [output]);
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        return config;
    }
}

/// <summary>
/// The guide's NestedCell (working_with_rnns.py) as Keras 3 runs it, in C#: one input, the states <c>(batch, unit1)</c>
/// and <c>(batch, unit2, unit3)</c>, and either the nested output pair or <c>output_1</c> alone.
/// </summary>
public sealed class NestedCell(int unit1, int unit2, int unit3, bool nestedOutput = true, string? name = null) : RNNCell(name)
{
    public Variable? Kernel1 { get; private set; }

    public Variable? Kernel23 { get; private set; }

    public override NestedSize StateSize => [unit1, (unit2, unit3)];

    public override NestedSize? OutputSize => nestedOutput ? [unit1, (unit2, unit3)] : unit1;

    public override void Build(Shape inputShape)
    {
        var i1 = inputShape[-1]!.Value;
        Kernel1 = AddWeight("kernel_1", (i1, unit1), new RandomUniform());
        Kernel23 = AddWeight("kernel_2_3", (i1, unit2, unit3), new RandomUniform());
    }

    protected override RNNCellResult Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var output1 = inputs.matmul(Kernel1!.Value);
        var output23 = einsum("bi,ikl->bkl", inputs, Kernel23!.Value);
        Tensor[] newStates = [states[0] + output1, states[1] + output23];
        return nestedOutput ? ([output1, output23], newStates) : (output1, newStates);
    }
}
