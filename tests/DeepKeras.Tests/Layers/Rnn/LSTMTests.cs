using DeepKeras.Activations;
using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class LSTMTests
{
    private const int In = 3, U = 2, Steps = 3;

    private static readonly float[] KernelData = Pattern(In * 4 * U, 0.6, 0);
    private static readonly float[] RecurrentData = Pattern(U * 4 * U, 0.5, 40);
    private static readonly float[] BiasData = Pattern(4 * U, 0.3, 80);
    private static readonly float[] InputData = Pattern(Steps * In, 1.0, 120);

    /// <summary>Keras's LSTM cell written out: z = x·K + h·R + b; i, f, o = σ; c' = f·c + i·tanh(z_c); h' = o·tanh(c').</summary>
    private static (double[] H, double[] C) Step(double[] x, double[] h, double[] c)
    {
        var xk = Dot(x, Mat(KernelData, In, 4 * U));
        var hr = Dot(h, Mat(RecurrentData, U, 4 * U));
        var z = xk.Select((v, j) => v + hr[j] + BiasData[j]).ToArray();
        var hNew = new double[U];
        var cNew = new double[U];
        for (var k = 0; k < U; k++)
        {
            var i = Sigmoid(z[k]);
            var f = Sigmoid(z[U + k]);
            var g = Math.Tanh(z[2 * U + k]);
            var o = Sigmoid(z[3 * U + k]);
            cNew[k] = f * c[k] + i * g;
            hNew[k] = o * Math.Tanh(cNew[k]);
        }

        return (hNew, cNew);
    }

    /// <summary>All outputs h_1..h_T and the final c for the input rows in the given order.</summary>
    private static (List<double[]> Hs, double[] C) Run(IEnumerable<int> order)
    {
        var h = new double[U];
        var c = new double[U];
        var hs = new List<double[]>();
        foreach (var t in order)
        {
            (h, c) = Step(Slice(InputData.Select(v => (double)v).ToArray(), t * In, In), h, c);
            hs.Add(h);
        }

        return (hs, c);
    }

    private static LSTM Fixed(LSTM layer)
    {
        layer.Apply(zeros(1, Steps, In));
        layer.Kernel!.Assign(T(KernelData, In, 4 * U));
        layer.RecurrentKernel!.Assign(T(RecurrentData, U, 4 * U));
        layer.Bias!.Assign(T(BiasData, 4 * U));
        return layer;
    }

    private static Tensor Input() => T(InputData, 1, Steps, In);

    public static TheoryData<bool> Paths => new() { true, false };

    private static ActivationFunction? Tanh(bool fused) => fused ? null : ActivationFunction.FromDelegate(x => x.tanh(), "tanh_by_hand");

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReturnState_FusedAndStepPaths_EqualHandComputedGates(bool fused)
    {
        var layer = Fixed(new LSTM(U, activation: Tanh(fused), returnState: true));
        var outputs = layer.ApplyAll([Input()]);
        var (hs, c) = Run([0, 1, 2]);

        Assert.Equal(3, outputs.Length);
        AllNear(hs[^1], Values(outputs[0]), what: "output");
        AllNear(hs[^1], Values(outputs[1]), what: "h");
        AllNear(c, Values(outputs[2]), what: "c");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void GoBackwards_ReturnSequences_ReadsReversedInputAndReturnsReversedSequence(bool fused)
    {
        var layer = Fixed(new LSTM(U, activation: Tanh(fused), returnSequences: true, goBackwards: true));
        var y = layer.Apply(Input());
        var (hs, _) = Run([2, 1, 0]);

        Assert.Equal([1L, Steps, U], y.shape);
        AllNear(hs.SelectMany(h => h), Values(y), what: "sequence");
    }

    [Fact]
    public void FusedKernel_GradientsReachKerasVariables_SameAsStepLoop()
    {
        var fused = Fixed(new LSTM(U, returnSequences: true));
        var loop = Fixed(new LSTM(U, activation: Tanh(false), returnSequences: true));
        var weightsOfLoss = T(Pattern(Steps * U, 1.0, 7), 1, Steps, U);

        fused.Apply(Input(), training: true).mul(weightsOfLoss).sum().backward();
        loop.Apply(Input(), training: true).mul(weightsOfLoss).sum().backward();

        AllClose(loop.Kernel!.Value.grad!, fused.Kernel!.Value.grad!, what: "d kernel");
        AllClose(loop.RecurrentKernel!.Value.grad!, fused.RecurrentKernel!.Value.grad!, what: "d recurrent_kernel");
        AllClose(loop.Bias!.Value.grad!, fused.Bias!.Value.grad!, what: "d bias");
        Assert.True(Values(fused.Kernel.Value.grad!).Any(v => Math.Abs(v) > 1e-4), "the kernel gradient should not vanish");
    }

    [Fact]
    public void Build_KerasLayoutAndParamCount_UnitForgetBiasStartsAtOne()
    {
        var layer = new LSTM(64);
        layer.Apply(zeros(2, 5, 128));

        Assert.Equal(new Shape(128, 256), layer.Kernel!.Shape);
        Assert.Equal(new Shape(64, 256), layer.RecurrentKernel!.Shape);
        Assert.Equal(new Shape(256), layer.Bias!.Shape);
        Assert.Equal(4 * (64 * (128 + 64) + 64), layer.CountParams());
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], layer.Weights.Select(w => w.Name));
        var bias = Values(layer.Bias.Value);
        Assert.All(bias.Take(64), v => Assert.Equal(0f, v));
        Assert.All(bias.Skip(64).Take(64), v => Assert.Equal(1f, v));
        Assert.All(bias.Skip(128), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ComputeOutputShapes_FollowReturnSequencesAndReturnState()
    {
        var layer = new LSTM(7, returnSequences: true, returnState: true);
        var shapes = layer.ComputeOutputShapes([new Shape(null, 5, 3)]);

        Assert.Equal([new Shape(null, 5, 7), new Shape(null, 7), new Shape(null, 7)], shapes);
        Assert.Equal(new Shape(null, 7), new LSTM(7).ComputeOutputShape(new Shape(null, 5, 3)));
    }

    [Fact]
    public void InitialState_GivenAsExtraInputs_IsUsed()
    {
        var layer = Fixed(new LSTM(U, returnState: true));
        var h0 = T([0.3f, -0.2f], 1, U);
        var c0 = T([0.1f, 0.5f], 1, U);
        var outputs = layer.ApplyAll([Input(), h0, c0]);

        double[] h = [0.3, -0.2], c = [0.1, 0.5];
        for (var t = 0; t < Steps; t++)
        {
            (h, c) = Step(Slice(InputData.Select(v => (double)v).ToArray(), t * In, In), h, c);
        }

        AllNear(h, Values(outputs[0]), what: "output");
        AllNear(c, Values(outputs[2]), what: "c");
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowKerasStyleErrors()
    {
        var units = Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(0));
        Assert.Contains("expected a positive integer, got 0", units.Message);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(4, recurrentDropout: 1.5));
        Assert.Contains("recurrent_dropout=1.5", rate.Message);
        var rank = Assert.Throws<ArgumentException>(() => new LSTM(4).Apply(zeros(2, 3)));
        Assert.Contains("expected ndim=3, found ndim=2", rank.Message);
        var built = new LSTM(4);
        built.Apply(zeros(1, 2, 3));
        Assert.Contains("expected ndim=3", Assert.Throws<ArgumentException>(() => built.Apply(zeros(2, 3))).Message);
        var features = Assert.Throws<ArgumentException>(() => built.Apply(zeros(1, 2, 5)));
        Assert.Contains("expected axis -1 of input shape to have value 3, but received input with shape (1, 2, 5)", features.Message);
    }

    [Fact]
    public void GetConfig_HasKerasKeys()
    {
        var c = new LSTM(5, returnSequences: true, name: "enc").GetConfig();

        Assert.Equal("enc", c["name"]);
        Assert.Equal(5, c["units"]);
        Assert.Equal("tanh", c["activation"]);
        Assert.Equal("sigmoid", c["recurrent_activation"]);
        Assert.Equal(true, c["unit_forget_bias"]);
        Assert.Equal(true, c["return_sequences"]);
        Assert.Equal(false, c["go_backwards"]);
    }
}
