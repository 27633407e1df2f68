using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// A layer that takes strings (<see cref="StringLookup"/>, <see cref="Hashing"/>, <see cref="TextVectorization"/>): it runs on
/// the host and hands a tensor to the rest of the model, so a model feeds its string inputs to it before the tensor part.
/// </summary>
internal interface IStringLayer
{
    /// <summary>Maps a string array (any rank) to the layer's output tensor.</summary>
    /// <param name="inputs">A <c>string[]</c>, <c>string[,]</c>, … array.</param>
    Tensor CallStrings(Array inputs);
}
