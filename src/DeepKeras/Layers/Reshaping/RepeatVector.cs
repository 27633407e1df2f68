using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Repeats a vector <c>n</c> times along a new time axis: <c>(batch, features)</c> → <c>(batch, n, features)</c>
/// (Keras <c>keras.layers.RepeatVector</c>); the usual bridge from an encoder to a sequence decoder.
/// </summary>
public sealed class RepeatVector : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="n">The number of repetitions.</param>
    /// <param name="name">Layer name; default <c>repeat_vector</c>, ….</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public RepeatVector(int n, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected `n` to be a positive integer. Received: n={n}");
        }

        N = n;
        InputSpec = new InputSpec { NDim = 2 };
    }

    /// <summary>Gets the number of repetitions.</summary>
    public int N { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.unsqueeze(1).repeat(1, N, 1);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], N, inputShape[1]);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["n"] = N;
        return c;
    }
}
