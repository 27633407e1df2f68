using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// <c>"crossentropy"</c>/<c>"ce"</c> as Keras's <c>compile</c> resolves it from the data: binary when predictions have
/// one unit, sparse categorical when labels are integers of lower rank (or a trailing 1), categorical otherwise.
/// </summary>
internal sealed class AutoCrossentropy(string name) : Loss(name)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        if (yPred.shape[^1] == 1)
        {
            return LossFunctions.BinaryCrossentropy(yTrue, yPred);
        }

        var sparse = yTrue.dim() < yPred.dim() || (yTrue.shape[^1] == 1 && yPred.shape[^1] > 1);
        return sparse ? LossFunctions.SparseCategoricalCrossentropy(yTrue, yPred) : LossFunctions.CategoricalCrossentropy(yTrue, yPred);
    }
}
