using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras mnist_convnet written directly in TorchSharp (nn.Conv2d, nn.MaxPool2d, Flatten, Dropout, Linear, Softmax),
/// trained by <see cref="RawTraining"/> with <c>torch.optim.Adam</c> (ε = 1e-7 as Keras). Two ways of writing it:
/// <list type="bullet">
/// <item>naive: NCHW inputs, contiguous weights, gradients zeroed in place each step — as most PyTorch code is written;</item>
/// <item>best practice (<paramref name="channelsLast"/>): PyTorch's performance-guide recipe for CPU convnets — NHWC batches
/// fed as channels_last views, conv weights in channels_last memory format
/// (<c>model.to(memory_format=torch.channels_last)</c>) and gradients set to none
/// (<c>zero_grad(set_to_none=True)</c>).</item>
/// </list>
/// </summary>
/// <param name="channelsLast">Use the best-practice recipe.</param>
internal sealed class RawConvnet(bool channelsLast = false)
{
    private readonly Sequential _model = CreateModel(channelsLast);
    private optim.Optimizer? _optimizer;

    /// <summary>Gets whether this is the best-practice (channels_last) variant.</summary>
    public bool ChannelsLast => channelsLast;

    private static Sequential CreateModel(bool channelsLast)
    {
        var model = nn.Sequential(
            ("conv2d", nn.Conv2d(1, 32, 3)),
            ("relu", nn.ReLU()),
            ("max_pooling2d", nn.MaxPool2d(2)),
            ("conv2d_1", nn.Conv2d(32, 64, 3)),
            ("relu_1", nn.ReLU()),
            ("max_pooling2d_1", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("dropout", nn.Dropout(0.5)),
            ("dense", nn.Linear(1600, 10)),
            ("softmax", nn.Softmax(-1)));
        if (channelsLast)
        {
            using var noGrad = no_grad();
            foreach (var (_, module) in model.named_children())
            {
                if (module is Conv2d conv)
                {
                    // (out, in, h, w) with the strides of (out, h, w, in): torch's channels_last memory format.
                    var w = conv.weight!;
                    var (o, i, h, k) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3]);
                    var channelsLastWeight = empty_strided(w.shape, [i * h * k, 1, k * i, i]).copy_(w);
                    conv.weight = new Parameter(channelsLastWeight);
                }
            }
        }

        return model;
    }

    /// <summary>
    /// Trains one epoch on <paramref name="x"/>: (n, 1, 28, 28) for the naive variant, (n, 28, 28, 1) for the
    /// channels_last one (each batch is viewed as NCHW without a copy); returns the mean loss and the accuracy.
    /// </summary>
    public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int batchSize, Random shuffle)
    {
        _model.train();
        _optimizer ??= optim.Adam(_model.parameters(), lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
        Func<Tensor, Tensor> forward = channelsLast ? xb => _model.forward(xb.permute(0, 3, 1, 2)) : _model.forward;
        return RawTraining.TrainEpoch(forward, _optimizer, x, y, batchSize, shuffle, setGradientsToNone: channelsLast ? [.. _model.parameters()] : null);
    }
}
