namespace DeepKeras.Metrics;

/// <summary>The curve whose area <see cref="AUC"/> approximates (Keras <c>curve</c>).</summary>
public enum AUCCurve
{
    /// <summary><c>"ROC"</c> (default): true positive rate against false positive rate.</summary>
    ROC,

    /// <summary><c>"PR"</c>: precision against recall.</summary>
    PR,

    /// <summary><c>"PRGAIN"</c>: precision gain against recall gain (Flach &amp; Kull 2015).</summary>
    PRGain,
}
