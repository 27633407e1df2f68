using static TorchSharp.torch;

namespace DeepKeras.Initializers;

/// <summary>
/// Keras <c>VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, input_axes=None,
/// output_axes=None)</c>, the base of the Glorot, He and LeCun initializers.
/// </summary>
public class VarianceScaling : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="scale">Positive scale factor.</param>
    /// <param name="mode"><c>fan_in</c>, <c>fan_out</c> or <c>fan_avg</c>.</param>
    /// <param name="distribution"><c>truncated_normal</c>, <c>untruncated_normal</c> or <c>uniform</c>.</param>
    /// <param name="seed">Optional seed; null draws from the global seeded generator.</param>
    /// <param name="inputAxes">
    /// The axes of the weight whose sizes multiply to the fan-in (negative counts from the end); used only together
    /// with <paramref name="outputAxes"/>. Default null: Keras's rule (rows of a matrix, receptive field × input channels
    /// of a kernel).
    /// </param>
    /// <param name="outputAxes">The axes whose sizes multiply to the fan-out; used only together with <paramref name="inputAxes"/>.</param>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null,
        IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Argument `scale` must be positive.");
        }

        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
        {
            throw new ArgumentException($"Invalid `mode` argument: expected fan_in, fan_out or fan_avg. Received: {mode}", nameof(mode));
        }

        if (distribution is not ("truncated_normal" or "untruncated_normal" or "uniform" or "normal"))
        {
            throw new ArgumentException(
                $"Invalid `distribution` argument: expected truncated_normal, untruncated_normal or uniform. Received: {distribution}",
                nameof(distribution));
        }

        Scale = scale;
        Mode = mode;
        Distribution = distribution == "normal" ? "truncated_normal" : distribution;
        Seed = seed;
        InputAxes = inputAxes?.ToArray();
        OutputAxes = outputAxes?.ToArray();
    }

    /// <summary>Gets the scale factor.</summary>
    public double Scale { get; }

    /// <summary>Gets the fan mode.</summary>
    public string Mode { get; }

    /// <summary>Gets the distribution.</summary>
    public string Distribution { get; }

    /// <summary>Gets the seed.</summary>
    public int? Seed { get; }

    /// <summary>Gets the axes that make up the fan-in, or null for Keras's default rule.</summary>
    public IReadOnlyList<int>? InputAxes { get; }

    /// <summary>Gets the axes that make up the fan-out, or null for Keras's default rule.</summary>
    public IReadOnlyList<int>? OutputAxes { get; }

    /// <inheritdoc/>
    public override Tensor Call(long[] shape)
    {
        var (fanIn, fanOut) = ComputeFans(shape, InputAxes, OutputAxes);
        var n = Mode switch
        {
            "fan_in" => Math.Max(1.0, fanIn),
            "fan_out" => Math.Max(1.0, fanOut),
            _ => Math.Max(1.0, (fanIn + fanOut) / 2.0),
        };
        var variance = Scale / n;
        switch (Distribution)
        {
            case "truncated_normal":
                // 0.879... is the stddev of a unit normal truncated to [-2, 2].
                return TruncatedNormal.Truncated(shape, 0, Math.Sqrt(variance) / 0.87962566103423978, Seed);
            case "untruncated_normal":
                return normal(0, Math.Sqrt(variance), shape, dtype: float32, device: Dev, generator: MakeGenerator(Seed));
            default:
                var limit = Math.Sqrt(3.0 * variance);
                return rand(shape, dtype: float32, device: Dev, generator: MakeGenerator(Seed)).mul_(2 * limit).sub_(limit);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        Dictionary<string, object?> config = GetType() == typeof(VarianceScaling)
            ? new() { ["scale"] = Scale, ["mode"] = Mode, ["distribution"] = Distribution, ["seed"] = Seed }
            : new() { ["seed"] = Seed };
        config["input_axes"] = InputAxes?.ToArray();
        config["output_axes"] = OutputAxes?.ToArray();
        return config;
    }
}

/// <summary>Glorot (Xavier) uniform: U(±√(6/(fan_in+fan_out))). Keras's default kernel initializer.</summary>
public sealed class GlorotUniform(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);

/// <summary>Glorot (Xavier) normal: truncated N(0, 2/(fan_in+fan_out)).</summary>
public sealed class GlorotNormal(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes);

/// <summary>He uniform: U(±√(6/fan_in)).</summary>
public sealed class HeUniform(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes);

/// <summary>He normal: truncated N(0, 2/fan_in).</summary>
public sealed class HeNormal(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);

/// <summary>LeCun uniform: U(±√(3/fan_in)).</summary>
public sealed class LecunUniform(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes);

/// <summary>LeCun normal: truncated N(0, 1/fan_in). Recommended with selu.</summary>
public sealed class LecunNormal(int? seed = null, IReadOnlyList<int>? inputAxes = null, IReadOnlyList<int>? outputAxes = null)
    : VarianceScaling(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
