using DeepKeras.Training;

namespace DeepKeras.Callbacks;

/// <summary>
/// Prints Keras's progress output (added automatically when <c>verbose</c> is not 0): an <c>Epoch N/M</c> line
/// when there are several epochs, then a bar per epoch (verbose 1) or one line per epoch (verbose 2). When the number
/// of steps is unknown (a sequence of batches), the first epoch counts them (<c>51/Unknown</c>) and ends with
/// <c>51/51</c>; later epochs show <c>n/51</c> bars.
/// </summary>
/// <param name="output">Where to write; default the console.</param>
/// <param name="dynamicDisplay">Redraw in place; default: only when the console output is a terminal.</param>
[RankZeroOnly]
public sealed class ProgbarLogger(TextWriter? output = null, bool? dynamicDisplay = null) : Callback
{
    private Progbar? _bar;
    private int _seen;
    private int _verbose;
    private int? _epochs;
    private int? _steps;
    private bool _inFit;

    private TextWriter Out => output ?? Console.Out;

    /// <inheritdoc/>
    public override void SetParams(IReadOnlyDictionary<string, object?> parameters)
    {
        base.SetParams(parameters);
        _verbose = parameters.TryGetValue("verbose", out var v) && v is int i ? i : 1;
        _epochs = parameters.TryGetValue("epochs", out var e) ? e as int? : null;
        _steps = parameters.TryGetValue("steps", out var s) ? s as int? : null;
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs) => _inFit = true;

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs) => _inFit = false;

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        NewBar();
        if (_verbose != 0 && _epochs > 1)
        {
            Out.WriteLine($"Epoch {epoch + 1}/{_epochs}");
        }
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Logs logs) => BatchUpdate(batch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs) => Finalize(logs);

    /// <inheritdoc/>
    public override void OnTestBegin(Logs logs)
    {
        if (!_inFit)
        {
            NewBar();
        }
    }

    /// <inheritdoc/>
    public override void OnTestBatchEnd(int batch, Logs logs)
    {
        if (!_inFit)
        {
            BatchUpdate(batch, logs);
        }
    }

    /// <inheritdoc/>
    public override void OnTestEnd(Logs logs)
    {
        if (!_inFit)
        {
            Finalize(logs);
        }
    }

    /// <inheritdoc/>
    public override void OnPredictBegin(Logs logs) => NewBar();

    /// <inheritdoc/>
    public override void OnPredictBatchEnd(int batch, Logs logs) => BatchUpdate(batch, null);

    /// <inheritdoc/>
    public override void OnPredictEnd(Logs logs) => Finalize(null);

    private void NewBar()
    {
        _seen = 0;
        _bar = _verbose == 0 ? null : new Progbar(_steps, _verbose, output, dynamicDisplay);
    }

    private void BatchUpdate(int batch, Logs? logs)
    {
        _seen = batch + 1;
        if (_bar is null || _verbose != 1)
        {
            return;
        }

        // Logs are read lazily: only when the bar actually redraws.
        _bar.Update(_seen, logs is null ? null : logs.InKerasOrder(Model), finalize: false);
    }

    private void Finalize(Logs? logs)
    {
        if (_bar is null)
        {
            return;
        }

        if (_steps is null)
        {
            // As Keras: a pass of unknown length teaches the count, shown by this pass's last line and later bars.
            _steps = _seen;
            _bar.Target = _seen;
        }

        _bar.Update(_seen, logs is null ? null : logs.InKerasOrder(Model), finalize: true);
        _bar = null;
    }

}
