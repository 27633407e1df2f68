using TorchSharp;

namespace DeepKeras.Backend;

/// <summary>
/// The native scalars of one computation, freed together when it ends. TorchSharp turns every <c>double</c> or
/// <c>int</c> operand (and the default <c>alpha</c> of <c>add</c>/<c>sub</c>, which <c>+</c> and <c>-</c> use) into a
/// native <c>Scalar</c> that only its finalizer frees; in a process that rarely collects garbage, thousands of them
/// per epoch stay on the native heap and split the large buffers a training step frees (see
/// <see cref="TrainingHeap"/>). Per-step code creates its operands here instead.
/// </summary>
internal sealed class ScalarScope : IDisposable
{
    private readonly List<Scalar> _made = new(8);

    /// <summary>Gets the integer 1, shared for the process: the <c>alpha</c> of a plain tensor sum or difference.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>Gets the integer 0, shared for the process: the operand of a mask's <c>ne(0)</c>.</summary>
    public static Scalar Zero { get; } = 0.ToScalar();

    /// <summary>Returns a scalar of <paramref name="value"/>, freed when this scope is disposed.</summary>
    public Scalar Of(double value)
    {
        var s = value.ToScalar();
        _made.Add(s);
        return s;
    }

    /// <summary>Returns an integer scalar of <paramref name="value"/>, freed when this scope is disposed.</summary>
    public Scalar Of(long value)
    {
        var s = value.ToScalar();
        _made.Add(s);
        return s;
    }

    /// <summary>Frees the scalars made here.</summary>
    public void Dispose()
    {
        foreach (var s in _made)
        {
            s.Dispose();
        }

        _made.Clear();
    }
}
