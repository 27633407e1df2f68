using DeepKeras.Activations;
using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class SimpleRNNTests
{
    private const int In = 2, U = 3, Steps = 4;

    private static readonly float[] KernelData = Pattern(In * U, 0.7, 11);
    private static readonly float[] RecurrentData = Pattern(U * U, 0.5, 22);
    private static readonly float[] BiasData = Pattern(U, 0.2, 33);
    private static readonly float[] InputData = Pattern(Steps * In, 1.0, 44);

    /// <summary>h' = act(x·K + h·R + b) for every step; returns all outputs.</summary>
    private static List<double[]> Run(Func<double, double> act)
    {
        var h = new double[U];
        var outs = new List<double[]>();
        for (var t = 0; t < Steps; t++)
        {
            var xk = Dot(Slice(InputData.Select(v => (double)v).ToArray(), t * In, In), Mat(KernelData, In, U));
            var hr = Dot(h, Mat(RecurrentData, U, U));
            h = xk.Select((v, j) => act(v + hr[j] + BiasData[j])).ToArray();
            outs.Add(h);
        }

        return outs;
    }

    private static SimpleRNN Fixed(SimpleRNN layer)
    {
        layer.Apply(zeros(1, Steps, In));
        layer.Kernel!.Assign(T(KernelData, In, U));
        layer.RecurrentKernel!.Assign(T(RecurrentData, U, U));
        layer.Bias!.Assign(T(BiasData, U));
        return layer;
    }

    public static TheoryData<string> Activations => new() { "tanh", "relu", "sigmoid" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Sequence_EqualsHandComputedRecurrence(string activation)
    {
        Func<double, double> act = activation switch
        {
            "tanh" => Math.Tanh,
            "relu" => v => Math.Max(0, v),
            _ => Sigmoid,
        };
        var layer = Fixed(new SimpleRNN(U, activation: activation, returnSequences: true));
        var y = layer.Apply(T(InputData, 1, Steps, In));

        AllNear(Run(act).SelectMany(h => h), Values(y), what: activation);
    }

    [Fact]
    public void ParamCountAndName_MatchKeras()
    {
        DeepKeras.Engine.NameScope.Reset();
        var layer = new SimpleRNN(10);
        layer.Apply(zeros(1, 3, 6));

        Assert.Equal("simple_rnn", layer.Name);
        Assert.Equal(10 * (6 + 10) + 10, layer.CountParams());
    }

    [Fact]
    public void RecurrentDropout_InTraining_ChangesOutputOnlyInTraining()
    {
        Keras.Utils.SetRandomSeed(3);
        var layer = Fixed(new SimpleRNN(U, recurrentDropout: 0.5, dropout: 0.5));
        var x = T(InputData, 1, Steps, In).repeat(64, 1, 1);

        var inference = layer.Apply(x);
        var training = layer.Apply(x, training: true);

        AllNear(Run(Math.Tanh)[^1], Values(inference[0]), what: "inference");
        Assert.True(Values((training - inference).abs().max()).Single() > 1e-3, "dropout should change training outputs");
    }
}
