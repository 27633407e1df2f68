using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras;

/// <summary>
/// A layer weight (Keras <c>Variable</c>): a named TorchSharp parameter with Keras's layout
/// (e.g. a Dense kernel is <c>(input_dim, units)</c>).
/// </summary>
public sealed class Variable
{
    private bool _trainable;

    internal Variable(string name, string path, Tensor value, bool trainable)
    {
        Name = name;
        Path = path;
        _trainable = trainable;
        Value = new TorchSharp.Modules.Parameter(value.detach(), trainable);
        Value.DetachFromDisposeScope();
    }

    /// <summary>Gets the weight's short name, e.g. <c>kernel</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the weight's full path, e.g. <c>dense/kernel</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the weight's shape.</summary>
    public Shape Shape => Value.shape;

    /// <summary>Gets the underlying TorchSharp parameter (the live value).</summary>
    public TorchSharp.Modules.Parameter Value { get; }

    /// <summary>Gets whether the optimizer updates this weight (false for moving statistics or frozen layers).</summary>
    public bool Trainable
    {
        get => _trainable;
        internal set
        {
            _trainable = value;
            Value.requires_grad_(value);
        }
    }

    /// <summary>Gets the penalty added to the training loss for this weight (Keras <c>variable.regularizer</c>), if any.</summary>
    public Regularizers.Regularizer? Regularizer { get; internal set; }

    /// <summary>Gets the number of scalars in the weight.</summary>
    public long Count => Value.numel();

    /// <summary>Copies <paramref name="value"/> into the weight (shapes must match).</summary>
    /// <exception cref="ArgumentException">The shape differs.</exception>
    public void Assign(Tensor value)
    {
        if (!value.shape.SequenceEqual(Value.shape))
        {
            throw new ArgumentException(
                $"Cannot assign a value of shape {(Shape)value.shape} to variable '{Path}' of shape {Shape}.", nameof(value));
        }

        using var _ = no_grad();
        Value.copy_(value);
    }

    /// <summary>Copies an array into the weight (shapes must match).</summary>
    public void Assign(NDArray value) => Assign(Training.TensorConvert.ToTensor(value, null));

    /// <summary>Returns a copy of the weight as a NumSharp array.</summary>
    public NDArray Numpy() => Training.TensorConvert.ToNDArray(Value);

    /// <inheritdoc/>
    public override string ToString() => $"<Variable path={Path}, shape={Shape}, dtype=float32>";
}
