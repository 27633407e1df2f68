using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Activations;

/// <summary>
/// An activation function with its Keras name. Strings (<c>"relu"</c>, <c>"softmax"</c>, …) and C# delegates
/// (<c>Func&lt;Tensor, Tensor&gt;</c>) convert implicitly, so <c>activation: "relu"</c> works everywhere.
/// </summary>
public sealed class ActivationFunction
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Known = new()
    {
        ["linear"] = x => x.alias(),
        ["relu"] = x => nn.functional.relu(x),
        ["sigmoid"] = x => x.sigmoid(),
        ["tanh"] = x => x.tanh(),
        ["softmax"] = x => x.softmax(-1),
        ["log_softmax"] = x => x.log_softmax(-1),
        ["elu"] = x => x.elu(ScalarScope.One, ScalarScope.One, ScalarScope.One),
        ["selu"] = x => nn.functional.selu(x),
        ["gelu"] = x => nn.functional.gelu(x),
        ["leaky_relu"] = x => x.leaky_relu(Operands.LeakySlope),
        ["softplus"] = x => nn.functional.softplus(x),
        ["softsign"] = x => nn.functional.softsign(x),
        ["swish"] = x => nn.functional.silu(x),
        ["silu"] = x => nn.functional.silu(x),
        ["relu6"] = x => nn.functional.relu6(x),
        ["hard_sigmoid"] = x => nn.functional.relu6(x.add(Operands.Three, ScalarScope.One)).div_(Operands.Six),
        ["exponential"] = x => x.exp(),
        ["mish"] = x => nn.functional.mish(x),
    };

    private readonly Func<Tensor, Tensor> _fn;

    // The fixed operands of the built-in functions, made once on first use (after the backend has loaded) and kept for
    // the process: a C# number passed to TorchSharp becomes a native Scalar per call that only the finalizer frees.
    private static class Operands
    {
        internal static readonly Scalar LeakySlope = 0.2.ToScalar();
        internal static readonly Scalar Three = 3.ToScalar();
        internal static readonly Scalar Six = 6.ToScalar();
    }

    private ActivationFunction(string name, Func<Tensor, Tensor> fn)
    {
        Name = name;
        _fn = fn;
    }

    /// <summary>Gets the Keras name (<c>"relu"</c>) or <c>"custom"</c> for a delegate.</summary>
    public string Name { get; }

    /// <summary>Gets the names of the built-in activations.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Gets the underlying function (saving looks it up among registered functions).</summary>
    internal Func<Tensor, Tensor> Delegate => _fn;

    /// <summary>Applies the function.</summary>
    /// <param name="x">The input tensor.</param>
    public Tensor Call(Tensor x) => _fn(x);

    /// <summary>Resolves a Keras activation name.</summary>
    /// <param name="identifier">e.g. <c>"relu"</c>; null or empty means <c>"linear"</c>.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static ActivationFunction Get(string? identifier)
    {
        var key = string.IsNullOrWhiteSpace(identifier) ? "linear" : identifier.Trim().ToLowerInvariant();
        if (!Known.TryGetValue(key, out var fn))
        {
            throw new ArgumentException(
                $"Could not interpret activation function identifier: '{identifier}'. Known: {string.Join(", ", Known.Keys)}.",
                nameof(identifier));
        }

        return new ActivationFunction(key, fn);
    }

    /// <summary>Wraps a custom function.</summary>
    /// <param name="fn">The function.</param>
    /// <param name="name">The name shown in configs.</param>
    public static ActivationFunction FromDelegate(Func<Tensor, Tensor> fn, string name = "custom") => new(name, fn);

    /// <summary>Resolves a Keras activation name.</summary>
    public static implicit operator ActivationFunction(string identifier) => Get(identifier);

    /// <summary>Wraps a custom function.</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> fn) => FromDelegate(fn);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
