using static TorchSharp.torch;

namespace DeepKeras.Regularizers;

/// <summary>
/// Base of weight and activity regularizers (Keras <c>keras.regularizers.Regularizer</c>): <see cref="Call"/> maps a
/// tensor to a scalar penalty that is added to the training loss. Pass one to a layer
/// (<c>new Dense(8, kernelRegularizer: new L2(0.01))</c>, or the names <c>"l1"</c>, <c>"l2"</c>, <c>"l1_l2"</c>).
/// </summary>
public abstract class Regularizer
{
    /// <summary>Computes the scalar penalty for a weight or an activation.</summary>
    /// <param name="x">The weight or activation tensor.</param>
    /// <returns>A scalar tensor with the dtype and device of <paramref name="x"/>.</returns>
    public abstract Tensor Call(Tensor x);

    /// <summary>Returns the Keras config (the constructor arguments under snake_case keys).</summary>
    public abstract Dictionary<string, object?> GetConfig();

    /// <summary>Gets the Keras class name used in configs.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Resolves a Keras regularizer name such as <c>"l2"</c>.</summary>
    /// <param name="identifier">The name.</param>
    public static implicit operator Regularizer(string identifier) => Regularizers.Get(identifier);

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{ClassName} {string.Join(", ", GetConfig().Select(kv => $"{kv.Key}={kv.Value}"))}>";

    /// <summary>Checks a regularization factor: finite and non-negative (Keras <c>validate_float_arg</c>).</summary>
    /// <param name="value">The factor.</param>
    /// <param name="name">The argument name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative, NaN or infinite.</exception>
    protected static double ValidateFactor(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                $"Invalid value for argument {name}: expected a non-negative float. Received: {name}={value}");
}
