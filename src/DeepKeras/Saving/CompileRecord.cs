using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Optimizers;

namespace DeepKeras.Saving;

/// <summary>The arguments a model was compiled with (Keras keeps them as <c>_compile_config</c>).</summary>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Losses">One loss per output (the same instance repeated when a single loss was given), or null.</param>
/// <param name="Metrics">The metrics with the names they had when passed to <c>Compile</c>.</param>
/// <param name="LossWeights">The loss weights, or null.</param>
internal sealed record CompileRecord(
    Optimizer Optimizer,
    Loss?[]? Losses,
    IReadOnlyList<(Metric Metric, string Name)> Metrics,
    double[]? LossWeights);
