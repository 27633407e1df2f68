using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The LSTM classifier of <see cref="LstmBench"/> written directly in TorchSharp: <c>nn.LSTM(28, 64, batch_first)</c>
/// → last step → <c>nn.Linear(64, 10)</c> → softmax, trained by <see cref="RawTraining"/> with
/// <c>torch.optim.Adam</c>.
/// </summary>
internal sealed class RawLstm
{
    private readonly LSTM _lstm;
    private readonly Linear _dense;
    private readonly optim.Optimizer _optimizer;

    public RawLstm(int features, int units, int classes)
    {
        _lstm = nn.LSTM(features, units, batchFirst: true);
        _dense = nn.Linear(units, classes);
        _optimizer = optim.Adam(_lstm.parameters().Concat(_dense.parameters()), lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>Trains one epoch; returns the mean loss and the accuracy.</summary>
    public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int batchSize, Random shuffle)
    {
        _lstm.train();
        _dense.train();
        return RawTraining.TrainEpoch(
            xb => nn.functional.softmax(_dense.forward(_lstm.forward(xb).Item1.select(1, -1)), -1), _optimizer, x, y, batchSize, shuffle);
    }
}
