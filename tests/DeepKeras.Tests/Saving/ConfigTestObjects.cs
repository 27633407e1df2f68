using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// The custom objects of gen_config.py (a function registered as <c>config_tests&gt;double_it</c>, a layer registered
/// as <c>config_tests&gt;ConfigScale</c>, an unregistered layer), plus layers that are only ever made resolvable by a scope
/// or by <c>GetCustomObjects()</c>.
/// </summary>
internal static class ConfigTestObjects
{
    static ConfigTestObjects()
    {
        Keras.Saving.RegisterKerasSerializable("config_tests>double_it", DoubleIt);
        Keras.Saving.RegisterKerasSerializable<ConfigScale>("config_tests");
    }

    /// <summary>Makes sure the registrations above have run (nested types do not run this class's static constructor).</summary>
    public static void EnsureRegistered()
    {
    }

    /// <summary>Gets the registered function x ↦ 2x (the same delegate instance every time).</summary>
    public static Func<Tensor, Tensor> DoubleIt { get; } = x => x * 2;

    /// <summary>Multiplies by a factor; registered as <c>config_tests&gt;ConfigScale</c>.</summary>
    public sealed class ConfigScale(double factor = 2.0, string? name = null) : OneArgument("factor", factor, name)
    {
        public double Factor { get; } = factor;

        protected override Tensor Call(Tensor inputs, bool training) => inputs * Factor;
    }

    /// <summary>An identity layer with one argument that is never registered.</summary>
    public class Unregistered(int k = 1, string? name = null) : OneArgument("k", k, name)
    {
        public int K { get; } = k;
    }

    /// <summary>An identity layer whose config adds one constructor argument to the base keys.</summary>
    public abstract class OneArgument(string key, object value, string? name) : Layer(name)
    {
        protected override Tensor Call(Tensor inputs, bool training) => inputs;

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        public override Dictionary<string, object?> GetConfig()
        {
            var config = base.GetConfig();
            config[key] = value;
            return config;
        }
    }

    /// <summary>Resolvable only inside a CustomObjectScope.</summary>
    public sealed class ScopedOnly(int k = 1, string? name = null) : Unregistered(k, name);

    /// <summary>Registered and unregistered through GetCustomObjects() only.</summary>
    public sealed class LiveOnly(int k = 1, string? name = null) : Unregistered(k, name);
}
