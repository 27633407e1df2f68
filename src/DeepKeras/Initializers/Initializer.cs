using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Initializers;

/// <summary>
/// Creates the starting value of a weight (Keras <c>keras.initializers.Initializer</c>). Strings such as
/// <c>"glorot_uniform"</c> convert implicitly via <see cref="Get(string)"/>.
/// </summary>
public abstract class Initializer
{
    /// <summary>Gets the Keras class name used in saved configs, e.g. <c>GlorotUniform</c>.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Creates a float32 tensor of <paramref name="shape"/> on the backend device.</summary>
    /// <param name="shape">The weight shape in Keras layout.</param>
    public abstract Tensor Call(long[] shape);

    /// <summary>Returns the constructor arguments as Keras config keys.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new();

    /// <summary>Resolves a Keras initializer identifier (<c>"glorot_uniform"</c>, <c>"he_normal"</c>, <c>"zeros"</c>, …).</summary>
    public static implicit operator Initializer(string identifier) => Get(identifier);

    /// <summary>Resolves a Keras initializer identifier or class name.</summary>
    /// <param name="identifier">A snake_case name or Keras class name.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static Initializer Get(string identifier) => Engine.NameScope.ToSnakeCase(identifier.Trim()) switch
    {
        "glorot_uniform" => new GlorotUniform(),
        "glorot_normal" => new GlorotNormal(),
        "he_uniform" => new HeUniform(),
        "he_normal" => new HeNormal(),
        "lecun_uniform" => new LecunUniform(),
        "lecun_normal" => new LecunNormal(),
        "zeros" or "zero" => new Zeros(),
        "ones" or "one" => new Ones(),
        "random_normal" => new RandomNormal(),
        "random_uniform" or "uniform" => new RandomUniform(),
        "truncated_normal" => new TruncatedNormal(),
        "orthogonal" => new Orthogonal(),
        _ => throw new ArgumentException(
            $"Could not interpret initializer identifier: '{identifier}'. Known: glorot_uniform, glorot_normal, he_uniform, " +
            "he_normal, lecun_uniform, lecun_normal, zeros, ones, random_normal, random_uniform, truncated_normal, orthogonal.",
            nameof(identifier)),
    };

    /// <summary>
    /// Keras's fan computation: conv kernels multiply by the receptive field size; with both axis lists given, the
    /// fans are the products of the sizes of those axes.
    /// </summary>
    internal static (double FanIn, double FanOut) ComputeFans(long[] shape, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    {
        if (inputAxes is not null && outputAxes is not null)
        {
            return (AxesProduct(shape, inputAxes, "input_axes"), AxesProduct(shape, outputAxes, "output_axes"));
        }

        switch (shape.Length)
        {
            case 0:
                return (1, 1);
            case 1:
                return (shape[0], shape[0]);
            case 2:
                return (shape[0], shape[1]);
            default:
                double receptive = 1;
                for (var i = 0; i < shape.Length - 2; i++)
                {
                    receptive *= shape[i];
                }

                return (shape[^2] * receptive, shape[^1] * receptive);
        }
    }

    private static double AxesProduct(long[] shape, IReadOnlyList<int> axes, string argument)
    {
        double product = 1;
        foreach (var axis in axes)
        {
            var i = axis < 0 ? axis + shape.Length : axis;
            product *= i >= 0 && i < shape.Length
                ? shape[i]
                : throw new ArgumentException(
                    $"Invalid `{argument}`: axis {axis} is out of range for a weight of shape ({string.Join(", ", shape)}).", argument);
        }

        return product;
    }

    /// <summary>A generator for an explicit seed, or null to use the global (seeded) torch generator.</summary>
    internal static Generator? MakeGenerator(int? seed)
    {
        if (seed is null)
        {
            return null;
        }

        var g = new Generator((ulong)seed.Value);
        return g;
    }

    internal static torch.Device Dev => Keras.Backend.TorchDevice;
}
