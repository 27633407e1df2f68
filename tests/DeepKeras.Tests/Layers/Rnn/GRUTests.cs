using DeepKeras.Activations;
using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class GRUTests
{
    private const int In = 3, U = 2, Steps = 3;

    private static readonly float[] KernelData = Pattern(In * 3 * U, 0.6, 3);
    private static readonly float[] RecurrentData = Pattern(U * 3 * U, 0.5, 33);
    private static readonly float[] BiasData = Pattern(2 * 3 * U, 0.3, 66);
    private static readonly float[] InputData = Pattern(Steps * In, 1.0, 99);

    private static double[] Row(int t) => Slice(InputData.Select(v => (double)v).ToArray(), t * In, In);

    /// <summary>
    /// Keras's GRU cell (reset_after) written out, gate blocks z, r, h:
    /// z = σ(x·K_z + b0_z + h·R_z + b1_z); r = σ(x·K_r + b0_r + h·R_r + b1_r);
    /// ĥ = tanh(x·K_h + b0_h + r·(h·R_h + b1_h)); h' = z·h + (1 − z)·ĥ.
    /// </summary>
    private static double[] StepResetAfter(double[] x, double[] h)
    {
        var xk = Dot(x, Mat(KernelData, In, 3 * U));
        var hr = Dot(h, Mat(RecurrentData, U, 3 * U));
        var next = new double[U];
        for (var k = 0; k < U; k++)
        {
            var z = Sigmoid(xk[k] + BiasData[k] + hr[k] + BiasData[3 * U + k]);
            var r = Sigmoid(xk[U + k] + BiasData[U + k] + hr[U + k] + BiasData[3 * U + U + k]);
            var candidate = Math.Tanh(xk[2 * U + k] + BiasData[2 * U + k] + r * (hr[2 * U + k] + BiasData[3 * U + 2 * U + k]));
            next[k] = z * h[k] + (1 - z) * candidate;
        }

        return next;
    }

    /// <summary>reset_after=False, one bias b (3u): ĥ = tanh(x·K_h + b_h + (r·h)·R_h).</summary>
    private static double[] StepResetBefore(double[] x, double[] h)
    {
        var xk = Dot(x, Mat(KernelData, In, 3 * U));
        var rec = Mat(RecurrentData, U, 3 * U);
        var hr = Dot(h, rec);
        var z = new double[U];
        var r = new double[U];
        for (var k = 0; k < U; k++)
        {
            z[k] = Sigmoid(xk[k] + BiasData[k] + hr[k]);
            r[k] = Sigmoid(xk[U + k] + BiasData[U + k] + hr[U + k]);
        }

        var rh = Dot(h.Select((v, k) => r[k] * v).ToArray(), rec);
        var next = new double[U];
        for (var k = 0; k < U; k++)
        {
            var candidate = Math.Tanh(xk[2 * U + k] + BiasData[2 * U + k] + rh[2 * U + k]);
            next[k] = z[k] * h[k] + (1 - z[k]) * candidate;
        }

        return next;
    }

    private static GRU Fixed(GRU layer)
    {
        layer.Apply(zeros(1, Steps, In));
        layer.Kernel!.Assign(T(KernelData, In, 3 * U));
        layer.RecurrentKernel!.Assign(T(RecurrentData, U, 3 * U));
        layer.Bias!.Assign(layer.ResetAfter ? T(BiasData, 2, 3 * U) : T(BiasData[..(3 * U)], 3 * U));
        return layer;
    }

    private static Tensor Input() => T(InputData, 1, Steps, In);

    public static TheoryData<bool> Paths => new() { true, false };

    private static ActivationFunction? Tanh(bool fused) => fused ? null : ActivationFunction.FromDelegate(x => x.tanh(), "tanh_by_hand");

    [Theory]
    [MemberData(nameof(Paths))]
    public void ResetAfter_FusedAndStepPaths_EqualHandComputedGates(bool fused)
    {
        var layer = Fixed(new GRU(U, activation: Tanh(fused), returnSequences: true, returnState: true));
        var outputs = layer.ApplyAll([Input()]);
        var h = new double[U];
        var expected = new List<double>();
        for (var t = 0; t < Steps; t++)
        {
            h = StepResetAfter(Row(t), h);
            expected.AddRange(h);
        }

        AllNear(expected, Values(outputs[0]), what: "sequence");
        AllNear(h, Values(outputs[1]), what: "state");
    }

    [Fact]
    public void ResetBefore_StepPath_EqualsHandComputedGates()
    {
        var layer = Fixed(new GRU(U, resetAfter: false));
        var y = layer.Apply(Input());
        var h = new double[U];
        for (var t = 0; t < Steps; t++)
        {
            h = StepResetBefore(Row(t), h);
        }

        Assert.Equal(new Shape(3 * U), layer.Bias!.Shape);
        AllNear(h, Values(y), what: "output");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void GoBackwards_ReadsTheSequenceFromTheEnd(bool fused)
    {
        var layer = Fixed(new GRU(U, activation: Tanh(fused), goBackwards: true));
        var y = layer.Apply(Input());
        var h = new double[U];
        for (var t = Steps - 1; t >= 0; t--)
        {
            h = StepResetAfter(Row(t), h);
        }

        AllNear(h, Values(y), what: "output");
    }

    [Fact]
    public void FusedKernel_GradientsReachKerasVariables_SameAsStepLoop()
    {
        var fused = Fixed(new GRU(U, returnSequences: true));
        var loop = Fixed(new GRU(U, activation: Tanh(false), returnSequences: true));
        var weightsOfLoss = T(Pattern(Steps * U, 1.0, 5), 1, Steps, U);

        fused.Apply(Input(), training: true).mul(weightsOfLoss).sum().backward();
        loop.Apply(Input(), training: true).mul(weightsOfLoss).sum().backward();

        AllClose(loop.Kernel!.Value.grad!, fused.Kernel!.Value.grad!, what: "d kernel");
        AllClose(loop.RecurrentKernel!.Value.grad!, fused.RecurrentKernel!.Value.grad!, what: "d recurrent_kernel");
        AllClose(loop.Bias!.Value.grad!, fused.Bias!.Value.grad!, what: "d bias");
    }

    [Fact]
    public void ParamCount_MatchesKerasFormula()
    {
        var layer = new GRU(32);
        layer.Apply(zeros(1, 4, 16));

        Assert.Equal(3 * (32 * (16 + 32) + 2 * 32), layer.CountParams());
        Assert.Equal(new Shape(2, 96), layer.Bias!.Shape);
    }
}
