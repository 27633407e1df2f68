using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

internal static class CallbackTestUtil
{
    /// <summary>Runs an action with the console captured; returns what it printed.</summary>
    public static string CaptureConsole(Action action, bool stderr = false)
    {
        var old = stderr ? Console.Error : Console.Out;
        using var writer = new StringWriter();
        if (stderr)
        {
            Console.SetError(writer);
        }
        else
        {
            Console.SetOut(writer);
        }

        try
        {
            action();
        }
        finally
        {
            if (stderr)
            {
                Console.SetError(old);
            }
            else
            {
                Console.SetOut(old);
            }
        }

        return writer.ToString();
    }

    /// <summary>
    /// A one-weight model y = w·x (w starts at 0) trained by full-batch SGD on y = 2x while validating on y = x:
    /// w climbs 0 → 0.70 → 1.15 → 1.45 → 1.64 → …, so val_loss ∝ (w − 1)² is best after epoch 1 (0-based) and
    /// then gets worse every epoch.
    /// </summary>
    public static (Sequential Model, Dense Layer, Tensor X, Tensor Y, Tensor ValY) OvershootingRegression()
    {
        var x = linspace(-1, 1, 64).reshape(64, 1);
        var layer = new Dense(1, useBias: false, kernelInitializer: "zeros", inputShape: 1);
        var model = new Sequential(layer);
        model.Compile(optimizer: new SGD(0.5), loss: "mse");
        return (model, layer, x, x * 2, x.clone());
    }

    public static double Kernel(Dense layer) => layer.Kernel!.Value.detach().reshape(-1)[0].item<float>();
}
