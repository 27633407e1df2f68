using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Base of the optimizers (Keras <c>keras.optimizers.Optimizer</c>): Keras update rules written with TorchSharp
/// tensor ops, gradient clipping (<c>clipnorm</c>, <c>clipvalue</c>, <c>globalClipnorm</c>, only one at a time),
/// decoupled weight decay, and an <see cref="Iterations"/> counter.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Variable, Tensor[]> _slots = new(ReferenceEqualityComparer.Instance);
    private double _learningRate;

    /// <summary>Initializes the optimizer.</summary>
    /// <param name="learningRate">The learning rate (positive).</param>
    /// <param name="name">The name.</param>
    /// <param name="weightDecay">Decoupled weight decay: <c>w ← w − w·wd·lr</c> before each update; null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm.</param>
    /// <param name="clipvalue">Clip each gradient element to [−v, v].</param>
    /// <param name="globalClipnorm">Scale all gradients so their global L2 norm is at most this.</param>
    /// <exception cref="ArgumentException">More than one clipping option is set.</exception>
    protected Optimizer(double learningRate, string name, double? weightDecay = null, double? clipnorm = null,
        double? clipvalue = null, double? globalClipnorm = null)
    {
        if (new[] { clipnorm, clipvalue, globalClipnorm }.Count(v => v is not null) > 1)
        {
            throw new ArgumentException(
                $"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={clipnorm}, " +
                $"clipvalue={clipvalue}, global_clipnorm={globalClipnorm}");
        }

        LearningRate = learningRate;
        Name = name;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the learning rate used by the next update (settable between epochs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public virtual double LearningRate
    {
        get => _learningRate;
        set
        {
            if (value < 0 || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "Expected a non-negative, finite learning rate.");
            }

            _learningRate = value;
        }
    }

    /// <summary>Gets the number of updates applied so far (Keras <c>iterations</c>).</summary>
    public long Iterations { get; protected internal set; }

    /// <summary>Gets the decoupled weight decay, if any.</summary>
    public double? WeightDecay { get; }

    /// <summary>Gets the per-gradient norm clip, if any.</summary>
    public double? Clipnorm { get; }

    /// <summary>Gets the element-wise clip, if any.</summary>
    public double? Clipvalue { get; }

    /// <summary>Gets the global norm clip, if any.</summary>
    public double? GlobalClipnorm { get; }

    /// <summary>Gets whether slot variables exist (after the first update).</summary>
    public bool Built => _slots.Count > 0;

    /// <summary>Gets the number of scalars in the optimizer's state (slots plus iteration and learning rate).</summary>
    public long CountParams() => _slots.Count == 0 ? 0 : 2 + _slots.Values.Sum(s => s.Sum(t => t.numel()));

    /// <summary>Gets the slot tensors created for a variable (e.g. Adam's m and v).</summary>
    internal IReadOnlyList<Tensor> SlotsOf(Variable v) => _slots.TryGetValue(v, out var s) ? s : [];

    /// <summary>Gets all slot tensors in variable order.</summary>
    internal IEnumerable<(Variable Variable, Tensor[] Slots)> AllSlots => _slots.Select(kv => (kv.Key, kv.Value));

    /// <summary>Creates the slot tensors for one variable (Keras <c>build</c>).</summary>
    /// <param name="variable">The variable.</param>
    protected abstract Tensor[] CreateSlots(Variable variable);

    /// <summary>Applies the update rule in place. Runs under <c>no_grad</c>.</summary>
    /// <param name="variable">The weight tensor to update.</param>
    /// <param name="gradient">Its gradient (after clipping).</param>
    /// <param name="slots">The slots from <see cref="CreateSlots"/>.</param>
    /// <param name="learningRate">The learning rate for this step.</param>
    /// <param name="step">The 1-based step number (<c>iterations + 1</c>).</param>
    protected abstract void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step);

    /// <summary>Creates a zero slot like a variable.</summary>
    protected static Tensor ZerosLike(Variable v) => zeros_like(v.Value).DetachFromDisposeScope();

    /// <summary>Creates a constant slot like a variable.</summary>
    protected static Tensor FullLike(Variable v, double value) => full_like(v.Value, value).DetachFromDisposeScope();

    /// <summary>Applies gradients to variables (Keras <c>optimizer.apply(grads, vars)</c>). Null gradients are skipped.</summary>
    /// <param name="gradients">One gradient per variable.</param>
    /// <param name="variables">The variables.</param>
    public void Apply(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        if (gradients.Count != variables.Count)
        {
            throw new ArgumentException($"Expected one gradient per variable: {variables.Count} variables, {gradients.Count} gradients.");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = Clip(gradients);
        var step = Iterations + 1;
        var lr = CurrentLearningRate(Iterations);
        for (var i = 0; i < variables.Count; i++)
        {
            if (grads[i] is not { } g)
            {
                continue;
            }

            var v = variables[i];
            if (!_slots.TryGetValue(v, out var slots))
            {
                slots = CreateSlots(v);
                _slots[v] = slots;
            }

            if (WeightDecay is { } wd && wd > 0)
            {
                v.Value.sub_(v.Value * (wd * lr));
            }

            UpdateStep(v.Value, g, slots, lr, step);
        }

        Iterations++;
    }

    /// <summary>The learning rate for an iteration; schedules override it.</summary>
    /// <param name="iteration">The 0-based iteration.</param>
    protected virtual double CurrentLearningRate(long iteration) => LearningRate;

    private Tensor?[] Clip(IReadOnlyList<Tensor?> gradients)
    {
        var grads = gradients.ToArray();
        if (Clipvalue is { } cv)
        {
            return grads.Select(g => g?.clamp(-cv, cv)).ToArray();
        }

        if (Clipnorm is { } cn)
        {
            return grads.Select(g => g is null ? null : g * (cn / g.norm().clamp_min(cn))).ToArray();
        }

        if (GlobalClipnorm is { } gn)
        {
            var present = grads.Where(g => g is not null).Select(g => g!.square().sum()).ToArray();
            if (present.Length == 0)
            {
                return grads;
            }

            var global = stack(present).sum().sqrt();
            var scale = gn / global.clamp_min(gn);
            return grads.Select(g => g is null ? null : g * scale).ToArray();
        }

        return grads;
    }

    /// <summary>Returns the Keras config.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["learning_rate"] = LearningRate,
        ["weight_decay"] = WeightDecay,
        ["clipnorm"] = Clipnorm,
        ["global_clipnorm"] = GlobalClipnorm,
        ["clipvalue"] = Clipvalue,
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["ema_overwrite_frequency"] = null,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>Resolves a Keras optimizer name such as <c>"adam"</c> or <c>"sgd"</c>.</summary>
    public static implicit operator Optimizer(string identifier) => Optimizers.Get(identifier);
}
