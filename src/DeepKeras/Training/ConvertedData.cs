using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// The tensors one <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c> call (or an <c>*OnBatch</c> call) makes from the
/// caller's arrays: the conversions of NumSharp and .NET arrays, the dtype casts, splits and sample weights derived from
/// them. They are freed when the call returns, so that calling a model in a loop does not hold a copy of its data per
/// call until the garbage collector runs. Tensors the caller passed in are never freed.
/// </summary>
internal sealed class ConvertedData : IDisposable
{
    private readonly List<ArrayLike> _sources = [];
    private readonly HashSet<Tensor> _made = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds a caller's value whose conversions are freed at the end of the call.</summary>
    public void Source(ArrayLike? source)
    {
        if (source is not null)
        {
            _sources.Add(source);
        }
    }

    /// <summary>Adds tensors the call made from its sources (those that are the caller's own are left alone).</summary>
    public void Made(IEnumerable<Tensor?>? tensors)
    {
        if (tensors is not null)
        {
            _made.UnionWith(tensors.OfType<Tensor>());
        }
    }

    /// <summary>Frees what the call made.</summary>
    public void Dispose()
    {
        var borrowed = new HashSet<Tensor>(_sources.SelectMany(s => s.Borrowed), ReferenceEqualityComparer.Instance);
        foreach (var t in _made.Where(t => !borrowed.Contains(t)))
        {
            t.Dispose();
        }

        foreach (var source in _sources)
        {
            source.Release();
        }

        _made.Clear();
        _sources.Clear();
    }
}
