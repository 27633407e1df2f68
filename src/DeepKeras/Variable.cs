using NumSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras;

/// <summary>
/// A layer weight or metric state (Keras <c>Variable</c>): a named TorchSharp parameter with Keras's layout
/// (e.g. a Dense kernel is <c>(input_dim, units)</c>). Its tensor belongs to no dispose scope, so it outlives every batch
/// of <c>Fit</c>; it is freed by <see cref="Dispose"/> (done by the layer, model or metric that created it).
/// </summary>
public sealed class Variable : IDisposable
{
    private readonly TorchSharp.Modules.Parameter _value;
    private bool _trainable;
    private bool _disposed;

    internal Variable(string name, string path, Tensor value, bool trainable)
    {
        Name = name;
        Path = path;
        _trainable = trainable;
        _value = new TorchSharp.Modules.Parameter(value.detach(), trainable && value.is_floating_point());
        _value.DetachFromDisposeScope();
    }

    /// <summary>
    /// Lets a variable stand where a tensor is expected, as Keras variables do in ops and arithmetic
    /// (<c>Keras.Ops.Matmul(inputs, w) + b</c>, or <c>return total;</c> from <c>Call</c>): the live <see cref="Value"/>.
    /// </summary>
    /// <param name="variable">The variable.</param>
    public static implicit operator Tensor(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Value;
    }

    /// <summary>Gets the weight's short name, e.g. <c>kernel</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the weight's full path, e.g. <c>dense/kernel</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the weight's shape.</summary>
    public Shape Shape => Value.shape;

    /// <summary>Gets the underlying TorchSharp parameter (the live value).</summary>
    /// <exception cref="ObjectDisposedException">The variable was disposed.</exception>
    public TorchSharp.Modules.Parameter Value => _disposed
        ? throw new ObjectDisposedException(Path, $"Variable '{Path}' has been disposed (with the layer, model, optimizer or metric that owns it).")
        : _value;

    /// <summary>Gets the Keras dtype name of the value (<c>float32</c>, <c>int64</c>, …).</summary>
    public string DType => Backend.DTypes.Name(Value.dtype);

    /// <summary>Gets how distributed training would combine replicas' values (Keras <c>aggregation</c>): <c>none</c> for layer weights, <c>sum</c> by default for metric variables.</summary>
    public string Aggregation { get; internal init; } = "none";

    /// <summary>Gets whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _disposed;

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

    /// <summary>Gets the projection the optimizer applies to this weight after each update (Keras <c>variable.constraint</c>), if any.</summary>
    public Constraints.Constraint? Constraint { get; internal set; }

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
    public void Assign(NDArray value)
    {
        using var scope = NewDisposeScope();
        Assign(Training.TensorConvert.ToTensor(value, null));
    }

    /// <summary>
    /// Adds <paramref name="value"/> in place (Keras <c>assign_add</c>): cast to the variable's dtype and moved to its
    /// device, broadcast to its shape, outside autograd. The result stays in the variable, outside every dispose scope.
    /// </summary>
    /// <param name="value">A tensor whose shape broadcasts to the variable's.</param>
    /// <exception cref="ArgumentException">The shape does not broadcast to the variable's.</exception>
    public void AssignAdd(Tensor value) => Update(value, subtract: false);

    /// <summary>Adds a number to every element in place (Keras <c>assign_add</c> with a scalar), cast to the variable's dtype.</summary>
    /// <param name="value">The number.</param>
    public void AssignAdd(double value)
    {
        using var scope = NewDisposeScope();
        Update(tensor(value), subtract: false);
    }

    /// <summary>Subtracts <paramref name="value"/> in place (Keras <c>assign_sub</c>); see <see cref="AssignAdd(Tensor)"/>.</summary>
    /// <param name="value">A tensor whose shape broadcasts to the variable's.</param>
    /// <exception cref="ArgumentException">The shape does not broadcast to the variable's.</exception>
    public void AssignSub(Tensor value) => Update(value, subtract: true);

    /// <summary>Subtracts a number from every element in place (Keras <c>assign_sub</c> with a scalar).</summary>
    /// <param name="value">The number.</param>
    public void AssignSub(double value)
    {
        using var scope = NewDisposeScope();
        Update(tensor(value), subtract: true);
    }

    private void Update(Tensor value, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(value);
        var target = Value;
        if (!Broadcasts(value.shape, target.shape))
        {
            throw new ArgumentException(
                $"Cannot {(subtract ? "assign_sub" : "assign_add")} a value of shape {(Shape)value.shape} to variable '{Path}' of shape {Shape}: " +
                "the shape must broadcast to the variable's.", nameof(value));
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var v = value.detach().to(target.dtype).to(target.device);
        if (subtract)
        {
            target.sub_(v);
        }
        else
        {
            target.add_(v);
        }
    }

    private static bool Broadcasts(long[] from, long[] to)
    {
        if (from.Length > to.Length)
        {
            return false;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            if (from[^i] != 1 && from[^i] != to[^i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Frees the value's native memory. Disposing twice is harmless; using the variable afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _value.Dispose();
    }

    /// <summary>Returns a copy of the weight as a NumSharp array.</summary>
    public NDArray Numpy() => Training.TensorConvert.ToNDArray(Value);

    /// <inheritdoc/>
    public override string ToString() => _disposed ? $"<Variable path={Path}, disposed>" : $"<Variable path={Path}, shape={Shape}, dtype={DType}>";
}
