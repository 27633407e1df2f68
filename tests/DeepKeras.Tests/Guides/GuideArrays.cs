using DeepKeras.Layers;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// Arrays the guide tests and their golden generators (scripts/keras-golden/gen_guide_*.py, function <c>wave</c>) both
/// compute from a formula, so that weights and "random" data agree with Keras's run without storing large files.
/// </summary>
internal static class GuideArrays
{
    /// <summary><c>offset + scale · sin(0.37 i + phase)</c> over the flat index i, computed in double and stored as float32.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="phase">The phase (a different one per array).</param>
    /// <param name="scale">The amplitude.</param>
    /// <param name="offset">The centre.</param>
    public static NDArray Wave(long[] shape, double phase, double scale = 1.0, double offset = 0.0)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (float)(offset + scale * Math.Sin(0.37 * i + phase));
        }

        return np.array(values).reshape(shape.Select(d => (int)d).ToArray());
    }

    /// <summary><see cref="Wave"/> as a tensor.</summary>
    public static Tensor WaveTensor(long[] shape, double phase, double scale = 1.0, double offset = 0.0) =>
        tensor(Wave(shape, phase, scale, offset).ToArray<float>(), shape);

    /// <summary>Sets weight k of <paramref name="layer"/> (in <see cref="Layer.Weights"/> order, Keras's) to <c>Wave(shape, k, scale)</c>.</summary>
    /// <param name="layer">A built layer or model.</param>
    /// <param name="scale">The amplitude.</param>
    public static void WaveWeights(Layer layer, double scale = 0.05) =>
        layer.SetWeights(layer.Weights.Select((w, k) => Wave(w.Shape.ToLongArray(), k, scale)).ToList());
}
