using static TorchSharp.torch;
using static DeepKeras.Losses.LossUtils;

namespace DeepKeras.Metrics;

/// <summary>The area formulas of Keras's <c>AUC.result</c> and <c>AUC.interpolate_pr_auc</c>, on per-threshold counts.</summary>
internal static class AucMath
{
    /// <summary>One rectangle per pair of consecutive thresholds: width along x, height by the summation method.</summary>
    internal static Tensor RiemannTerms(Tensor tp, Tensor fp, Tensor tn, Tensor fn, AUCCurve curve, AUCSummationMethod method)
    {
        using var s = new ScalarScope();
        var (zero, one) = (ScalarScope.Zero, ScalarScope.One);
        var recall = DivideNoNan(tp, Plus(tp, fn));
        Tensor x, y;
        switch (curve)
        {
            case AUCCurve.ROC:
                x = DivideNoNan(fp, Plus(fp, tn));
                y = recall;
                break;
            case AUCCurve.PR:
                x = recall;
                y = DivideNoNan(tp, Plus(tp, fp));
                break;
            default:
                // Gains are ill-defined without true positives: recall gain 0, precision gain 1 there (as Keras).
                var scale = DivideNoNan(Plus(tp, fn), Plus(tn, fp));
                var noTp = tp.eq(zero);
                x = OneMinus(scale * DivideNoNan(fn, tp)).masked_fill(noTp, zero).clamp_min(zero);
                y = OneMinus(scale * DivideNoNan(fp, tp)).masked_fill(noTp, one);
                break;
        }

        var n = x.shape[0];
        var (y0, y1) = (y.narrow(0, 0, n - 1), y.narrow(0, 1, n - 1));
        var heights = method switch
        {
            AUCSummationMethod.Minoring => minimum(y0, y1),
            AUCSummationMethod.Majoring => maximum(y0, y1),
            _ => Plus(y0, y1).div(s.Of(2.0)),
        };
        return (x.narrow(0, 0, n - 1) - x.narrow(0, 1, n - 1)) * heights;
    }

    /// <summary>
    /// PR-AUC with true/false positives interpolated linearly between thresholds (Davis &amp; Goadrich 2006, in the closed
    /// form Keras uses): each interval adds <c>slope·(ΔTP + intercept·log(P_A / P_B)) / (TP_B + FN_B)</c>.
    /// </summary>
    internal static Tensor InterpolatedPrTerms(Tensor tp, Tensor fp, Tensor fn)
    {
        var n = tp.shape[0];
        Tensor Head(Tensor t) => t.narrow(0, 0, n - 1);
        Tensor Tail(Tensor t) => t.narrow(0, 1, n - 1);
        var dtp = Head(tp) - Tail(tp);
        var zero = ScalarScope.Zero;
        var p = Plus(tp, fp);
        var dp = Head(p) - Tail(p);
        var slope = DivideNoNan(dtp, dp.clamp_min(zero));
        var intercept = Tail(tp) - slope * Tail(p);
        var bothPositive = Head(p).gt(zero).logical_and(Tail(p).gt(zero));
        var ratio = where(bothPositive, DivideNoNan(Head(p), Tail(p).clamp_min(zero)), ones_like(Tail(p)));
        return DivideNoNan(slope * Plus(dtp, intercept * ratio.log()), Plus(Tail(tp), Tail(fn)).clamp_min(zero));
    }
}
