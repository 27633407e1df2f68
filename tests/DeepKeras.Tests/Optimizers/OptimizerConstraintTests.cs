using DeepKeras.Constraints;
using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

/// <summary>Keras's optimizer applies each variable's constraint right after that variable's update.</summary>
public sealed class OptimizerConstraintTests
{
    [Fact]
    public void Apply_ProjectsTheUpdatedVariable()
    {
        var v = Var(W0);
        v.Constraint = new NonNeg();
        Step(new SGD(1.0), v, G1);
        // SGD: w − g = [0.5, −1, 1], then non_neg.
        AssertClose([0.5, 0.0, 1.0], v);
    }

    [Fact]
    public void Apply_LeavesAVariableWithoutGradientUnprojected()
    {
        var a = Var(W0);
        var b = Var(W0);
        b.Constraint = new NonNeg();
        new SGD(1.0).Apply([TorchSharp.torch.tensor(G1, TorchSharp.torch.float64), null], [a, b]);
        AssertClose([0.5, -1.0, 1.0], a);
        AssertClose(W0, b);
    }

    [Fact]
    public void Apply_ProjectsAfterMomentum_WithTheUpdatedValue()
    {
        var v = Var(3.0, 4.0);
        v.Constraint = new MaxNorm(1.0);
        Step(new SGD(0.5, momentum: 0.9), v, [2.0, 0.0]);
        // w − lr·g = [2, 4] (norm √20), then scaled to norm 1 (ε = 1e-7 as Keras).
        var norm = Math.Sqrt(20);
        AssertClose([2 / (norm + 1e-7), 4 / (norm + 1e-7)], v);
    }
}
