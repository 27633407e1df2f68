using TorchSharp;
using System.Text.RegularExpressions;
using DeepKeras.Engine;
using DeepKeras.Optimizers.Schedules;
using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Base of the optimizers (Keras <c>keras.optimizers.Optimizer</c>): Keras update rules written with TorchSharp
/// tensor ops, a constant or scheduled learning rate, gradient clipping (<c>clipnorm</c>, <c>clipvalue</c>,
/// <c>globalClipnorm</c>, only one at a time), decoupled weight decay and an <see cref="Iterations"/> counter.
/// </summary>
/// <remarks>
/// Each <see cref="Apply"/> does what Keras's <c>apply</c> does: skip variables without a gradient, clip the
/// gradients, decay the weights (<c>w ← w − w·wd·lr</c>), run <see cref="UpdateStep"/> for every variable with the
/// learning rate of step <see cref="Iterations"/>, then count the step. The slot tensors belong to no dispose scope:
/// <c>Dispose()</c> frees them (a model disposes its optimizer).
/// </remarks>
public abstract class Optimizer : Backend.NativeOwner
{
    private readonly Dictionary<Variable, Tensor[]> _slots = new(ReferenceEqualityComparer.Instance);
    private double _learningRate;
    private LearningRateSchedule? _schedule;
    private HashSet<Variable>? _excludedFromWeightDecay;
    private Regex? _excludedFromWeightDecayPattern;

    /// <summary>Initializes the optimizer.</summary>
    /// <param name="learningRate">A non-negative learning rate or a <see cref="LearningRateSchedule"/>.</param>
    /// <param name="name">The name; default the snake_case class name made unique (<c>adam</c>, <c>adam_1</c>, …).</param>
    /// <param name="weightDecay">Decoupled weight decay: <c>w ← w − w·wd·lr</c> before each update; null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm.</param>
    /// <param name="clipvalue">Clip each gradient element to [−v, v].</param>
    /// <param name="globalClipnorm">Scale all gradients so their global L2 norm is at most this.</param>
    /// <exception cref="ArgumentException">More than one clipping option is set.</exception>
    protected Optimizer(LearningRateArg learningRate, string? name = null, double? weightDecay = null, double? clipnorm = null,
        double? clipvalue = null, double? globalClipnorm = null)
    {
        if (new[] { clipnorm, clipvalue, globalClipnorm }.Count(v => v is not null) > 1)
        {
            throw new ArgumentException(
                $"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={Str(clipnorm)}, " +
                $"clipvalue={Str(clipvalue)}, global_clipnorm={Str(globalClipnorm)}");
        }

        if (learningRate.Schedule is { } schedule)
        {
            _schedule = schedule;
        }
        else
        {
            LearningRate = learningRate.Value ?? throw new ArgumentException("Expected a learning rate.", nameof(learningRate));
        }

        Name = string.IsNullOrEmpty(name) ? NameScope.Unique(NameScope.ToSnakeCase(GetType().Name)) : name;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets the learning rate of the next update (with a schedule: <c>schedule(Iterations)</c>), or sets a constant
    /// learning rate (between epochs, e.g. from a callback).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value.</exception>
    /// <exception cref="InvalidOperationException">Set while the optimizer uses a <see cref="Schedule"/>.</exception>
    public double LearningRate
    {
        get => CurrentLearningRate(Iterations);
        set
        {
            if (_schedule is not null)
            {
                throw new InvalidOperationException(
                    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor " +
                    "argument, hence its learning rate is not settable. If you need the learning rate to be settable, you " +
                    "should instantiate the optimizer with a float `learning_rate` argument.");
            }

            if (value < 0 || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value,
                    $"Expected a non-negative, finite learning rate. Received: learning_rate={value}");
            }

            _learningRate = value;
        }
    }

    /// <summary>Gets or sets the learning-rate schedule; null when the learning rate is constant.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public LearningRateSchedule? Schedule
    {
        get => _schedule;
        set => _schedule = value ?? throw new ArgumentNullException(nameof(value),
            "Expected a LearningRateSchedule; to use a constant learning rate, create the optimizer with a number.");
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

    /// <summary>
    /// Gets the number of scalars in the optimizer's state once built: slots, the iteration counter and the learning
    /// rate (when not scheduled).
    /// </summary>
    public long CountParams() => _slots.Count == 0
        ? 0
        : 1 + (_schedule is null ? 1 : 0) + _slots.Values.Sum(s => s.Sum(t => t.numel()));

    /// <summary>Gets the slot tensors created for a variable (e.g. Adam's m and v).</summary>
    internal IReadOnlyList<Tensor> SlotsOf(Variable v) => _slots.TryGetValue(v, out var s) ? s : [];

    /// <summary>Gets all slot tensors in variable order.</summary>
    internal IEnumerable<(Variable Variable, Tensor[] Slots)> AllSlots => _slots.Select(kv => (kv.Key, kv.Value));

    /// <summary>
    /// Excludes variables from weight decay (Keras <c>exclude_from_weight_decay</c>); call it before the first update.
    /// </summary>
    /// <param name="varList">Variables to exclude.</param>
    /// <param name="varNames">Regular expressions: a variable whose <see cref="Variable.Name"/> matches one is excluded
    /// (e.g. <c>["bias"]</c>).</param>
    /// <exception cref="InvalidOperationException">The optimizer has already been built.</exception>
    public void ExcludeFromWeightDecay(IEnumerable<Variable>? varList = null, IEnumerable<string>? varNames = null)
    {
        if (Built)
        {
            throw new InvalidOperationException("`exclude_from_weight_decay()` can only be configured before the optimizer is built.");
        }

        _excludedFromWeightDecay = varList is null ? null : new HashSet<Variable>(varList, ReferenceEqualityComparer.Instance);
        var names = varNames?.ToArray();
        _excludedFromWeightDecayPattern = names is { Length: > 0 } ? new Regex(string.Join("|", names.Distinct())) : null;
    }

    /// <summary>Creates the slots of the variables that have none yet (Keras <c>optimizer.build(var_list)</c>), so saved state can be loaded before training.</summary>
    /// <param name="variables">The model's trainable variables, in order.</param>
    internal void Build(IReadOnlyList<Variable> variables)
    {
        ThrowIfDisposed();
        using var noGrad = no_grad();
        foreach (var v in variables)
        {
            if (!_slots.ContainsKey(v))
            {
                _slots[v] = CreateSlots(v);
            }
        }
    }

    /// <summary>
    /// Gets how Keras orders the slots in <c>optimizer.variables</c>: each group is one <c>add_optimizer_variables</c>
    /// call, whose slots are interleaved per model variable (Adam: <c>[[m, v]]</c>, then <c>[[v̂]]</c> with AMSGrad).
    /// Default: all slots in one group.
    /// </summary>
    /// <param name="slotCount">The number of slots per variable.</param>
    internal virtual IReadOnlyList<int[]> KerasSlotGroups(int slotCount) =>
        slotCount == 0 ? [] : [Enumerable.Range(0, slotCount).ToArray()];

    /// <summary>Gets or sets scalar state Keras keeps as optimizer variables after the slots (Nadam's <c>u_product</c>).</summary>
    internal virtual double[] ExtraState
    {
        get => [];
        set
        {
        }
    }

    /// <summary>Creates the slot tensors for one variable (Keras <c>build</c>); use <see cref="ZerosLike"/>.</summary>
    /// <param name="variable">The variable.</param>
    protected abstract Tensor[] CreateSlots(Variable variable);

    /// <summary>Applies the update rule in place. Runs under <c>no_grad</c>.</summary>
    /// <param name="variable">The weight tensor to update.</param>
    /// <param name="gradient">Its gradient (after clipping).</param>
    /// <param name="slots">The slots from <see cref="CreateSlots"/>.</param>
    /// <param name="learningRate">The learning rate for this step.</param>
    /// <param name="step">The 1-based step number (<c>iterations + 1</c>).</param>
    protected abstract void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step);

    /// <summary>
    /// Called once per <see cref="Apply"/>, after clipping and weight decay and before the per-variable updates
    /// (Nadam advances its momentum-schedule product here).
    /// </summary>
    /// <param name="step">The 1-based step number.</param>
    protected virtual void PrepareUpdate(long step)
    {
    }

    /// <summary>Creates a zero slot like a variable.</summary>
    protected static Tensor ZerosLike(Variable v) => zeros_like(v.Value).DetachFromDisposeScope();

    /// <summary>Creates a constant slot like a variable.</summary>
    protected static Tensor FullLike(Variable v, double value) => full_like(v.Value, value).DetachFromDisposeScope();

    /// <summary>Applies gradients to variables (Keras <c>optimizer.apply(grads, vars)</c>). Null gradients are skipped.</summary>
    /// <param name="gradients">One gradient per variable.</param>
    /// <param name="variables">The variables.</param>
    /// <exception cref="ArgumentException">The counts differ, or every gradient is null.</exception>
    public void Apply(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        if (gradients.Count != variables.Count)
        {
            throw new ArgumentException($"Expected one gradient per variable: {variables.Count} variables, {gradients.Count} gradients.");
        }

        ThrowIfDisposed();
        if (gradients.Count == 0)
        {
            return;
        }

        gradients = Distribution.DataParallelTraining.ReduceGradients(this, gradients, variables);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var vars = new List<Variable>(variables.Count);
        var grads = new List<Tensor>(variables.Count);
        for (var i = 0; i < variables.Count; i++)
        {
            if (!_slots.ContainsKey(variables[i]))
            {
                _slots[variables[i]] = CreateSlots(variables[i]);
            }

            if (gradients[i] is { } g)
            {
                vars.Add(variables[i]);
                grads.Add(g);
            }
        }

        if (vars.Count == 0)
        {
            throw new ArgumentException("No gradients provided for any variable.", nameof(gradients));
        }

        var step = Iterations + 1;
        var lr = CurrentLearningRate(Iterations);
        var clipped = Clip(grads);
        ApplyWeightDecay(vars, lr);
        PrepareUpdate(step);
        for (var i = 0; i < vars.Count; i++)
        {
            UpdateStep(vars[i].Value, clipped[i], _slots[vars[i]], lr, step);
        }

        ApplyConstraints(vars);
        Iterations++;
    }

    /// <summary>The learning rate used by the update of an iteration: the schedule's value, or the constant rate.</summary>
    /// <param name="iteration">The 0-based iteration.</param>
    protected virtual double CurrentLearningRate(long iteration) => _schedule?.Call(iteration) ?? _learningRate;

    // As Keras: each updated variable is projected by its constraint right after the update.
    private static void ApplyConstraints(List<Variable> variables)
    {
        foreach (var v in variables)
        {
            if (v.Constraint is { } c)
            {
                v.Value.copy_(c.Call(v.Value));
            }
        }
    }

    private void ApplyWeightDecay(List<Variable> variables, double learningRate)
    {
        if (WeightDecay is not { } wd)
        {
            return;
        }

        foreach (var v in variables)
        {
            if (UseWeightDecay(v))
            {
                using var factor = (1 - wd * learningRate).ToScalar();
                v.Value.mul_(factor);
            }
        }
    }

    private bool UseWeightDecay(Variable v) =>
        !(_excludedFromWeightDecay?.Contains(v) ?? false) && !(_excludedFromWeightDecayPattern?.IsMatch(v.Name) ?? false);

    private List<Tensor> Clip(List<Tensor> grads)
    {
        // g·(c / max(‖g‖, c)), written with the scope's scalars (c / t is t.reciprocal()·c in TorchSharp).
        using var s = new ScalarScope();
        if (Clipnorm is { } cn && cn > 0)
        {
            return grads.Select(g => g * g.norm().clamp_min(s.Of(cn)).reciprocal().mul(s.Of(cn))).ToList();
        }

        if (GlobalClipnorm is { } gn && gn > 0)
        {
            var norm = stack(grads.Select(g => (g * g).sum()).ToArray()).sum().sqrt();
            // As Keras: a non-finite global norm makes the scale NaN.
            var scale = norm.clamp_min(s.Of(gn)).reciprocal().mul(s.Of(gn)).add(norm - norm, ScalarScope.One);
            return grads.Select(g => g * scale).ToList();
        }

        if (Clipvalue is { } cv && cv > 0)
        {
            return grads.Select(g => g.clamp(s.Of(-cv), s.Of(cv))).ToList();
        }

        return grads;
    }

    /// <summary>
    /// Frees the slot tensors (e.g. Adam's moments) and forgets the variables they belonged to; applying gradients
    /// afterwards throws <see cref="ObjectDisposedException"/>. Override to free more, and call the base.
    /// </summary>
    /// <param name="disposing">True from <see cref="Backend.NativeOwner.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var slot in _slots.Values.SelectMany(s => s))
            {
                slot.Dispose();
            }

            _slots.Clear();
        }
    }

    /// <inheritdoc/>
    private protected override string DisposedName => $"Optimizer \"{Name}\" ({GetType().Name})";

    /// <inheritdoc/>
    private protected override string DisposedAdvice => "create a new one and compile the model again.";

    /// <summary>Returns the Keras config.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["learning_rate"] = _schedule is { } s
            ? new Dictionary<string, object?>
            {
                ["module"] = "keras.optimizers.schedules",
                ["class_name"] = s.ClassName,
                ["config"] = s.GetConfig(),
                ["registered_name"] = null,
            }
            : _learningRate,
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

    private static string Str(double? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
}
