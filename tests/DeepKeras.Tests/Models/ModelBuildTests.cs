using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>Model.Build(shape) (Keras <c>model.build(input_shape)</c>) on subclassed models.</summary>
public sealed class ModelBuildTests
{
    private sealed class Mlp : Model
    {
        private readonly Dense _hidden = new(4, activation: "relu");
        private readonly Dense _out = new(2);

        public int Calls { get; private set; }

        protected override Tensor Call(Tensor inputs, bool training)
        {
            Calls++;
            return _out.Apply(_hidden.Apply(inputs, training), training);
        }
    }

    private sealed class OwnBuild : Model
    {
        private readonly Dense _dense = new(3);

        public List<Shape> BuiltFor { get; } = [];

        public override void Build(Shape inputShape)
        {
            BuiltFor.Add(inputShape);
            _dense.Build(inputShape);
        }

        protected override Tensor Call(Tensor inputs, bool training) => _dense.Apply(inputs, training);
    }

    [Fact]
    public void Build_SubclassedModel_CreatesEveryWeightBeforeTheFirstCall()
    {
        var model = new Mlp();
        Assert.Equal(0, model.CountParams());

        model.Build(new Shape(null, 8));

        Assert.True(model.Built);
        Assert.Equal(8 * 4 + 4 + 4 * 2 + 2, model.CountParams());
        Assert.Equal(1, model.Calls);
        var kernel = model.Weights[0].Numpy().ToArray<float>();

        // The first real call neither builds again nor re-initializes.
        model.Apply(ones(5, 8));
        Assert.Equal(2, model.Calls);
        Assert.Equal(4, model.Weights.Count);
        Assert.Equal(kernel, model.Weights[0].Numpy().ToArray<float>());
    }

    [Fact]
    public void FirstCall_WithoutBuild_RunsTheModelOnce()
    {
        var model = new Mlp();
        model.Apply(ones(5, 8));
        Assert.Equal(1, model.Calls);
        Assert.Equal(new Shape(null, 8), model.BatchInputShape);
    }

    [Fact]
    public void Build_IncompatibleShape_LeavesTheModelUnbuilt()
    {
        var dense = new Dense(2);
        dense.Build(new Shape(null, 8));
        var sharing = new Sharing(dense);

        // The shared layer, built for 8 features, refuses 5: the model stays unbuilt.
        Assert.ThrowsAny<ArgumentException>(() => sharing.Build(new Shape(null, 5)));
        Assert.False(sharing.Built);
        sharing.Build(new Shape(null, 8));
        Assert.True(sharing.Built);
    }

    private sealed class Sharing(Dense shared) : Model
    {
        private readonly Dense _shared = shared;

        protected override Tensor Call(Tensor inputs, bool training) => _shared.Apply(inputs, training);
    }

    [Fact]
    public void OverriddenBuild_RunsOnTheFirstCall()
    {
        var model = new OwnBuild();
        model.Apply(ones(2, 6));
        Assert.Equal([new Shape(null, 6)], model.BuiltFor);
        Assert.Equal(6 * 3 + 3, model.CountParams());
    }
}
