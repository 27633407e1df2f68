using DeepKeras.Training;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Orders data given as a dictionary by input name into the model's input order (Keras matches dictionary keys to
    /// the names of the inputs and ignores extra keys). Positional data is returned as is.
    /// </summary>
    /// <exception cref="ArgumentException">An input has no entry, or the model has no named inputs; the message lists the names.</exception>
    private protected ArrayLike InputsInOrder(ArrayLike x, string argName = "x")
    {
        if (x.ByName is null)
        {
            return x;
        }

        var names = InputLabels ?? throw new ArgumentException(
            $"Model \"{Name}\" has no named inputs to match the keys of the data dictionary `{argName}` " +
            $"([{string.Join(", ", x.ByName.Keys.Select(k => $"'{k}'"))}]): pass the arrays in input order instead.", argName);
        return x.InOrderOf(names, argName, "input", allowExtra: true);
    }

    /// <summary>Orders targets given as a dictionary by output name into the model's output order.</summary>
    /// <exception cref="ArgumentException">An output has no entry or a key names no output; the message lists the output names.</exception>
    private protected ArrayLike? TargetsInOrder(ArrayLike? y, string argName = "y") =>
        y?.ByName is null ? y : y.InOrderOf(OutputLabels, argName, "output", allowExtra: false);

    /// <summary>Orders the inputs and targets of each batch of a sequence (lazily, as the sequence is enumerated).</summary>
    private IEnumerable<(ArrayLike X, ArrayLike? Y)> InOrder(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches) =>
        batches.Select(b => (InputsInOrder(b.X), TargetsInOrder(b.Y)));
}
