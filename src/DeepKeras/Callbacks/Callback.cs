using DeepKeras.Models;

namespace DeepKeras.Callbacks;

/// <summary>
/// Base of callbacks (Keras <c>keras.callbacks.Callback</c>): override the events you need. Logs carry Keras keys
/// (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, …); stop training with <c>Model.StopTraining = true</c>.
/// </summary>
public abstract class Callback
{
    /// <summary>Gets the model being trained, evaluated or used for prediction.</summary>
    public Model? Model { get; private set; }

    /// <summary>Gets the parameters of the current run: <c>verbose</c>, <c>epochs</c>, <c>steps</c>.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; private set; } = new Dictionary<string, object?>();

    /// <summary>Attaches the model (Keras <c>set_model</c>).</summary>
    /// <param name="model">The model.</param>
    public virtual void SetModel(Model model) => Model = model;

    /// <summary>Sets the run parameters (Keras <c>set_params</c>).</summary>
    /// <param name="parameters">The parameters.</param>
    public virtual void SetParams(IReadOnlyDictionary<string, object?> parameters) => Params = parameters;

    /// <summary>Called at the start of <c>Fit</c>.</summary>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnTrainBegin(Logs logs)
    {
    }

    /// <summary>Called at the end of <c>Fit</c>.</summary>
    /// <param name="logs">The last epoch's logs.</param>
    public virtual void OnTrainEnd(Logs logs)
    {
    }

    /// <summary>Called at the start of an epoch.</summary>
    /// <param name="epoch">The 0-based epoch index.</param>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnEpochBegin(int epoch, Logs logs)
    {
    }

    /// <summary>Called at the end of an epoch, with training and validation (<c>val_</c>) results.</summary>
    /// <param name="epoch">The 0-based epoch index.</param>
    /// <param name="logs">The epoch's results.</param>
    public virtual void OnEpochEnd(int epoch, Logs logs)
    {
    }

    /// <summary>Called before a training batch. The default calls <see cref="OnBatchBegin"/>, as Keras does.</summary>
    /// <param name="batch">The 0-based batch index within the epoch.</param>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnTrainBatchBegin(int batch, Logs logs) => OnBatchBegin(batch, logs);

    /// <summary>Called after a training batch with the running results of the epoch. The default calls <see cref="OnBatchEnd"/>.</summary>
    /// <param name="batch">The 0-based batch index within the epoch.</param>
    /// <param name="logs">Running metric values.</param>
    public virtual void OnTrainBatchEnd(int batch, Logs logs) => OnBatchEnd(batch, logs);

    /// <summary>
    /// Called before a training batch (Keras <c>on_batch_begin</c>, the older name of <see cref="OnTrainBatchBegin"/>,
    /// whose default implementation calls it).
    /// </summary>
    /// <param name="batch">The 0-based batch index within the epoch.</param>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnBatchBegin(int batch, Logs logs)
    {
    }

    /// <summary>
    /// Called after a training batch (Keras <c>on_batch_end</c>, the older name of <see cref="OnTrainBatchEnd"/>,
    /// whose default implementation calls it).
    /// </summary>
    /// <param name="batch">The 0-based batch index within the epoch.</param>
    /// <param name="logs">Running metric values.</param>
    public virtual void OnBatchEnd(int batch, Logs logs)
    {
    }

    /// <summary>Called at the start of <c>Evaluate</c> (and validation).</summary>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnTestBegin(Logs logs)
    {
    }

    /// <summary>Called at the end of <c>Evaluate</c> (and validation).</summary>
    /// <param name="logs">The results.</param>
    public virtual void OnTestEnd(Logs logs)
    {
    }

    /// <summary>Called before an evaluation batch.</summary>
    /// <param name="batch">The batch index.</param>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnTestBatchBegin(int batch, Logs logs)
    {
    }

    /// <summary>Called after an evaluation batch.</summary>
    /// <param name="batch">The batch index.</param>
    /// <param name="logs">Running results.</param>
    public virtual void OnTestBatchEnd(int batch, Logs logs)
    {
    }

    /// <summary>Called at the start of <c>Predict</c>.</summary>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnPredictBegin(Logs logs)
    {
    }

    /// <summary>Called at the end of <c>Predict</c>.</summary>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnPredictEnd(Logs logs)
    {
    }

    /// <summary>Called before a prediction batch.</summary>
    /// <param name="batch">The batch index.</param>
    /// <param name="logs">Currently empty.</param>
    public virtual void OnPredictBatchBegin(int batch, Logs logs)
    {
    }

    /// <summary>Called after a prediction batch.</summary>
    /// <param name="batch">The batch index.</param>
    /// <param name="logs">
    /// No values; <see cref="Logs.Outputs"/> holds the batch's predictions (Keras <c>logs["outputs"]</c>), valid during
    /// this call only (clone them to keep them).
    /// </param>
    public virtual void OnPredictBatchEnd(int batch, Logs logs)
    {
    }
}
