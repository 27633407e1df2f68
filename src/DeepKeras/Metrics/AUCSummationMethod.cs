namespace DeepKeras.Metrics;

/// <summary>The Riemann sum <see cref="AUC"/> uses between thresholds (Keras <c>summation_method</c>).</summary>
public enum AUCSummationMethod
{
    /// <summary>
    /// <c>"interpolation"</c> (default): mid-point heights for ROC; for PR, true/false positives are interpolated
    /// rather than precision (Davis &amp; Goadrich 2006).
    /// </summary>
    Interpolation,

    /// <summary><c>"majoring"</c>: the larger of the two heights (an upper bound).</summary>
    Majoring,

    /// <summary><c>"minoring"</c>: the smaller of the two heights (a lower bound).</summary>
    Minoring,
}
