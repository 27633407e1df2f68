using DeepKeras.Models;

namespace DeepKeras.Callbacks;

/// <summary>Dispatches events to a list of callbacks, appending <see cref="History"/> and <see cref="ProgbarLogger"/> as Keras does.</summary>
internal sealed class CallbackList
{
    private readonly List<Callback> _callbacks;

    public CallbackList(IEnumerable<Callback>? callbacks, Model model, bool addHistory, bool addProgbar, int verbose, int? epochs, int? steps)
    {
        _callbacks = callbacks?.ToList() ?? [];
        if (addHistory && !_callbacks.OfType<History>().Any())
        {
            _callbacks.Add(new History());
        }

        // Keras order: the user's callbacks, then History, then the progress bar, so that values callbacks add to the
        // epoch logs (e.g. ReduceLROnPlateau's learning_rate) are recorded and shown.
        if (addProgbar && !_callbacks.OfType<ProgbarLogger>().Any())
        {
            _callbacks.Add(new ProgbarLogger());
        }

        _callbacks.RemoveAll(c => !RankZeroOnlyAttribute.RunsHere(c));
        var p = new Dictionary<string, object?> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };
        foreach (var c in _callbacks)
        {
            c.SetModel(model);
            c.SetParams(p);
        }
    }

    public History? History => _callbacks.OfType<History>().FirstOrDefault();

    public IReadOnlyList<Callback> Items => _callbacks;

    public void TrainBegin(Logs l) => _callbacks.ForEach(c => c.OnTrainBegin(l));

    public void TrainEnd(Logs l) => _callbacks.ForEach(c => c.OnTrainEnd(l));

    public void EpochBegin(int e, Logs l) => _callbacks.ForEach(c => c.OnEpochBegin(e, l));

    public void EpochEnd(int e, Logs l) => _callbacks.ForEach(c => c.OnEpochEnd(e, l));

    public void TrainBatchBegin(int b, Logs l) => _callbacks.ForEach(c => c.OnTrainBatchBegin(b, l));

    public void TrainBatchEnd(int b, Logs l) => _callbacks.ForEach(c => c.OnTrainBatchEnd(b, l));

    public void TestBegin(Logs l) => _callbacks.ForEach(c => c.OnTestBegin(l));

    public void TestEnd(Logs l) => _callbacks.ForEach(c => c.OnTestEnd(l));

    public void TestBatchBegin(int b, Logs l) => _callbacks.ForEach(c => c.OnTestBatchBegin(b, l));

    public void TestBatchEnd(int b, Logs l) => _callbacks.ForEach(c => c.OnTestBatchEnd(b, l));

    public void PredictBegin(Logs l) => _callbacks.ForEach(c => c.OnPredictBegin(l));

    public void PredictEnd(Logs l) => _callbacks.ForEach(c => c.OnPredictEnd(l));

    public void PredictBatchBegin(int b, Logs l) => _callbacks.ForEach(c => c.OnPredictBatchBegin(b, l));

    public void PredictBatchEnd(int b, Logs l) => _callbacks.ForEach(c => c.OnPredictBatchEnd(b, l));
}
