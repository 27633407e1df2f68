using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>The custom objects of gen_config.py: a function registered as <c>config_tests&gt;double_it</c>.</summary>
internal static class ConfigTestObjects
{
    static ConfigTestObjects() => Keras.Saving.RegisterKerasSerializable("config_tests>double_it", DoubleIt);

    /// <summary>Gets the registered function x ↦ 2x (the same delegate instance every time).</summary>
    public static Func<Tensor, Tensor> DoubleIt { get; } = x => x * 2;
}
