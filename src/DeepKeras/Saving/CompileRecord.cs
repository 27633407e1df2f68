using DeepKeras.Models;
using DeepKeras.Optimizers;

namespace DeepKeras.Saving;

/// <summary>The arguments a model was compiled with, in the form given (Keras keeps them as <c>_compile_config</c>).</summary>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Loss">The loss argument, or null.</param>
/// <param name="Metrics">The metrics argument, or null.</param>
/// <param name="LossWeights">The loss weights argument, or null.</param>
/// <param name="WeightedMetrics">The weighted metrics argument, or null.</param>
internal sealed record CompileRecord(Optimizer Optimizer, LossArg? Loss, MetricsArg? Metrics, LossWeightsArg? LossWeights, MetricsArg? WeightedMetrics);
