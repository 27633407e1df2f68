using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Engine;

/// <summary>
/// How a layer creates one of its weights: initializer, optional regularizer and optional constraint, with the prefix
/// of their Keras config keys (<c>kernel</c> → <c>kernel_initializer</c>, <c>kernel_regularizer</c>,
/// <c>kernel_constraint</c>). Layers keep one per weight and pass it to <c>AddWeight</c>, so the three always travel
/// together.
/// </summary>
/// <param name="Prefix">The config key prefix, e.g. <c>kernel</c>, <c>depthwise</c>, <c>bias</c>.</param>
/// <param name="Initializer">The initializer.</param>
/// <param name="Regularizer">The penalty added to the training loss, if any.</param>
/// <param name="Constraint">The projection applied after each optimizer update, if any.</param>
internal sealed record WeightSettings(string Prefix, Initializer Initializer, Regularizer? Regularizer, Constraint? Constraint)
{
    /// <summary>
    /// Writes the settings of several weights in Keras's order: every <c>*_initializer</c>, every <c>*_regularizer</c>,
    /// <c>activity_regularizer</c> (when <paramref name="writeActivity"/>), then every <c>*_constraint</c>.
    /// </summary>
    /// <param name="config">The config to add to.</param>
    /// <param name="activityRegularizer">The layer's activity regularizer.</param>
    /// <param name="writeActivity">Whether to write <c>activity_regularizer</c>.</param>
    /// <param name="weights">The weights' settings, in Keras's order.</param>
    public static void WriteConfig(Dictionary<string, object?> config, Regularizer? activityRegularizer, bool writeActivity,
        params WeightSettings[] weights)
    {
        foreach (var w in weights)
        {
            config[w.Prefix + "_initializer"] = Saving.ConfigValues.Plain(w.Initializer);
        }

        foreach (var w in weights)
        {
            config[w.Prefix + "_regularizer"] = Saving.ConfigValues.Plain(w.Regularizer);
        }

        if (writeActivity)
        {
            config["activity_regularizer"] = Saving.ConfigValues.Plain(activityRegularizer);
        }

        foreach (var w in weights)
        {
            config[w.Prefix + "_constraint"] = Saving.ConfigValues.Plain(w.Constraint);
        }
    }
}
