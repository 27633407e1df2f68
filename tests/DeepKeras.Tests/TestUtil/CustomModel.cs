using DeepKeras.Callbacks;
using DeepKeras.Engine;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// The first CustomModel of Keras's custom_train_step_in_torch guide, line for line: a functionally built model
/// whose TrainStep zeroes the gradients, calls ComputeLoss, back-propagates, applies the optimizer and updates every
/// metric itself (the loss tracker with the unweighted batch loss).
/// </summary>
internal sealed class CustomModel(KerasTensor inputs, KerasTensor outputs, string? name = null) : Model(inputs, outputs, name)
{
    /// <summary>Gets the number of training steps run.</summary>
    public int Steps { get; private set; }

    protected override Logs TrainStep(Batch data)
    {
        Steps++;
        ZeroGrad();
        var yPred = Forward(data.X, training: true);
        var loss = ComputeLoss(y: data.Y, yPred: yPred);
        loss.backward();
        var trainableWeights = TrainableWeights;
        var gradients = trainableWeights.Select(v => v.Value.grad).ToArray();
        using (no_grad())
        {
            Optimizer!.Apply(gradients, trainableWeights);
        }

        foreach (var metric in Metrics)
        {
            if (metric.Name == "loss")
            {
                ((Mean)metric).UpdateState(loss);
            }
            else
            {
                metric.UpdateState(data.Target, yPred[0]);
            }
        }

        return GetMetricsResult();
    }
}
