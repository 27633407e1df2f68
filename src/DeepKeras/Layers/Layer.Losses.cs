using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    // Depth of nested layer calls on this thread: the outermost call clears the losses of the previous forward pass
    // (Keras's call context). Dry runs for shape inference do not record losses.
    [ThreadStatic]
    private static int _callDepth;

    [ThreadStatic]
    private static int _suppressLosses;

    private readonly List<Tensor> _addedLosses = [];

    /// <summary>
    /// Gets or sets the penalty on the layer's outputs (Keras <c>activity_regularizer</c>): after each call,
    /// <c>regularizer(output) / batch_size</c> is added to <see cref="Losses"/>.
    /// </summary>
    public Regularizer? ActivityRegularizer { get; set; }

    /// <summary>
    /// Gets the scalar losses of the last forward pass (Keras <c>layer.losses</c>): those added with
    /// <see cref="AddLoss"/> by this layer and its sublayers, then the regularization penalties of the trainable
    /// weights, computed now from their current values. <c>Fit</c> adds their sum to the compiled loss.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var losses = new List<Tensor>();
            foreach (var layer in FlattenLayers())
            {
                // Losses of a forward pass whose dispose scope has ended are gone.
                losses.AddRange(layer._addedLosses.Where(t => !t.IsInvalid));
            }

            foreach (var v in TrainableWeights.Distinct())
            {
                if (v.Regularizer is { } r)
                {
                    losses.Add(r.Call(v.Value));
                }
            }

            return losses;
        }
    }

    /// <summary>
    /// Adds a loss tensor to the layer (Keras <c>add_loss</c>), from inside <c>Call</c>: an activity penalty or a
    /// custom loss term (e.g. a VAE's KL divergence). It is summed into the training loss of the model and cleared at
    /// the next forward pass of the outermost layer or model.
    /// </summary>
    /// <param name="loss">A tensor (non-scalar tensors are summed when the loss is computed).</param>
    public void AddLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (_suppressLosses == 0)
        {
            _addedLosses.Add(loss);
        }
    }

    /// <summary>Clears the added losses of this layer and its sublayers (Keras <c>_clear_losses</c>).</summary>
    protected internal void ClearLosses()
    {
        foreach (var layer in FlattenLayers())
        {
            layer._addedLosses.Clear();
        }
    }

    /// <summary>This layer and all its sublayers, each once.</summary>
    internal IEnumerable<Layer> FlattenLayers()
    {
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Layer>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var layer = stack.Pop();
            if (!seen.Add(layer))
            {
                continue;
            }

            yield return layer;
            for (var i = layer.Sublayers.Count - 1; i >= 0; i--)
            {
                stack.Push(layer.Sublayers[i]);
            }
        }
    }

    /// <summary>Marks a layer call; the outermost one starts a new forward pass and clears the old losses.</summary>
    private CallScope EnterCall()
    {
        if (_callDepth == 0)
        {
            ClearLosses();
        }

        _callDepth++;
        return new CallScope(static () => _callDepth--);
    }

    /// <summary>
    /// Until disposed, <see cref="AddLoss"/> records nothing and layer calls clear nothing: shape-inference dry runs
    /// leave the losses of the last real forward pass alone.
    /// </summary>
    private static CallScope SuppressLosses()
    {
        _suppressLosses++;
        _callDepth++;
        return new CallScope(static () =>
        {
            _suppressLosses--;
            _callDepth--;
        });
    }

    /// <summary>Adds <c>activity_regularizer(output) / batch_size</c> for each output, as Keras's <c>__call__</c> does.</summary>
    private void AddActivityRegularization(IReadOnlyList<Tensor> outputs)
    {
        if (ActivityRegularizer is not { } r)
        {
            return;
        }

        foreach (var output in outputs)
        {
            var loss = r.Call(output);
            if (output.dim() > 0)
            {
                // Keras divide_no_nan: an empty batch gives 0.
                loss = output.shape[0] == 0 ? zeros_like(loss) : loss / output.shape[0];
            }

            AddLoss(loss);
        }
    }

    private readonly struct CallScope(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}
