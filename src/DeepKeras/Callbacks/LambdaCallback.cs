namespace DeepKeras.Callbacks;

/// <summary>
/// A callback built from delegates (Keras <c>keras.callbacks.LambdaCallback</c>); each given delegate runs at its
/// event, the others do nothing.
/// </summary>
/// <example><code>
/// var printBatch = new LambdaCallback(onTrainBatchBegin: (batch, logs) => Console.WriteLine(batch));
/// var cleanup = new LambdaCallback(onTrainEnd: logs => file.Close());
/// </code></example>
/// <param name="onEpochBegin">Called with (epoch, logs) at the start of every epoch.</param>
/// <param name="onEpochEnd">Called with (epoch, logs) at the end of every epoch.</param>
/// <param name="onTrainBegin">Called with logs at the start of training.</param>
/// <param name="onTrainEnd">Called with logs at the end of training.</param>
/// <param name="onTrainBatchBegin">Called with (batch, logs) before every training batch.</param>
/// <param name="onTrainBatchEnd">Called with (batch, logs) after every training batch.</param>
/// <param name="onTestBegin">Called at the start of evaluation or validation.</param>
/// <param name="onTestEnd">Called at the end of evaluation or validation.</param>
/// <param name="onTestBatchBegin">Called before every evaluation batch.</param>
/// <param name="onTestBatchEnd">Called after every evaluation batch.</param>
/// <param name="onPredictBegin">Called at the start of prediction.</param>
/// <param name="onPredictEnd">Called at the end of prediction.</param>
/// <param name="onPredictBatchBegin">Called before every prediction batch.</param>
/// <param name="onPredictBatchEnd">Called after every prediction batch.</param>
public sealed class LambdaCallback(
    Action<int, Logs>? onEpochBegin = null,
    Action<int, Logs>? onEpochEnd = null,
    Action<Logs>? onTrainBegin = null,
    Action<Logs>? onTrainEnd = null,
    Action<int, Logs>? onTrainBatchBegin = null,
    Action<int, Logs>? onTrainBatchEnd = null,
    Action<Logs>? onTestBegin = null,
    Action<Logs>? onTestEnd = null,
    Action<int, Logs>? onTestBatchBegin = null,
    Action<int, Logs>? onTestBatchEnd = null,
    Action<Logs>? onPredictBegin = null,
    Action<Logs>? onPredictEnd = null,
    Action<int, Logs>? onPredictBatchBegin = null,
    Action<int, Logs>? onPredictBatchEnd = null) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Logs logs) => onEpochBegin?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs) => onTrainBegin?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs) => onTrainEnd?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTrainBatchBegin(int batch, Logs logs) => onTrainBatchBegin?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Logs logs) => onTrainBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnTestBegin(Logs logs) => onTestBegin?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTestEnd(Logs logs) => onTestEnd?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTestBatchBegin(int batch, Logs logs) => onTestBatchBegin?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnTestBatchEnd(int batch, Logs logs) => onTestBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnPredictBegin(Logs logs) => onPredictBegin?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnPredictEnd(Logs logs) => onPredictEnd?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnPredictBatchBegin(int batch, Logs logs) => onPredictBatchBegin?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnPredictBatchEnd(int batch, Logs logs) => onPredictBatchEnd?.Invoke(batch, logs);
}
