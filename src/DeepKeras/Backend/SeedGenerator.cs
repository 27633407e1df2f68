using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Backend;

/// <summary>
/// The random source of one layer or model (Keras <c>keras.random.SeedGenerator</c>). With a seed it owns a torch
/// generator per device, so its draws do not depend on the global state; without one it draws from torch's global
/// generator, which <c>Keras.Utils.SetRandomSeed</c> seeds.
/// </summary>
/// <param name="seed">The seed, or null for the global generator.</param>
internal sealed class SeedGenerator(int? seed)
{
    private readonly Dictionary<(DeviceType Type, int Index), torch.Generator> _generators = [];

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed => seed;

    /// <summary>Draws N(mean, stddev²) values.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation.</param>
    /// <param name="dtype">The floating dtype.</param>
    /// <param name="device">The device.</param>
    public Tensor Normal(long[] shape, double mean, double stddev, ScalarType dtype, torch.Device device)
    {
        var z = randn(shape, dtype: dtype, device: device, generator: GeneratorFor(device));
        if (stddev != 1)
        {
            z.mul_(stddev);
        }

        return mean == 0 ? z : z.add_(mean);
    }

    /// <summary>Draws U[0, 1) values.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The floating dtype.</param>
    /// <param name="device">The device.</param>
    public Tensor Uniform(long[] shape, ScalarType dtype, torch.Device device) =>
        rand(shape, dtype: dtype, device: device, generator: GeneratorFor(device));

    private torch.Generator? GeneratorFor(torch.Device device)
    {
        if (seed is not { } s)
        {
            return null;
        }

        var key = (device.type, device.index < 0 ? 0 : device.index);
        if (!_generators.TryGetValue(key, out var g))
        {
            Keras.Backend.EnsureInitialized();
            g = new torch.Generator(unchecked((ulong)s), device);
            _generators[key] = g;
        }

        return g;
    }
}
