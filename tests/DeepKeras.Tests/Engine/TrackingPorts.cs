using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Engine;

/// <summary>C# ports of the custom layers and models of scripts/keras-golden/gen_tracking.py.</summary>
internal static class TrackingPorts
{
    /// <summary>The making_new_layers guide's Linear: y = x·w + b, both random_normal.</summary>
    internal sealed class Linear(int units = 32, string? name = null) : Layer(name)
    {
        private Variable? _w;
        private Variable? _b;

        public override void Build(Shape inputShape)
        {
            _w = AddWeight("w", (inputShape[-1]!.Value, units), new RandomNormal());
            _b = AddWeight("b", units, new RandomNormal());
        }

        protected override Tensor Call(Tensor inputs, bool training) => inputs.matmul(_w!.Value) + _b!.Value;
    }

    /// <summary>The guide's MLPBlock: three Linear attributes, relu between them.</summary>
    internal sealed class MLPBlock(string? name = null, string?[]? linearNames = null) : Layer(name)
    {
        [KerasName("linear_1")]
        private readonly Linear _linear1 = new(32, linearNames?[0]);

        [KerasName("linear_2")]
        private readonly Linear _linear2 = new(32, linearNames?[1]);

        [KerasName("linear_3")]
        private readonly Linear _linear3 = new(1, linearNames?[2]);

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = nn.functional.relu(_linear1.Apply(inputs, training));
            x = nn.functional.relu(_linear2.Apply(x, training));
            return _linear3.Apply(x, training);
        }
    }

    /// <summary>Dense attributes out of alphabetical order, a list of Dense and a Mean tracker updated in Call.</summary>
    internal sealed class Block(string name) : Layer(name)
    {
        private readonly Dense _zeta = new(4, name: "dense");
        private readonly Dense _alpha = new(3, name: "dense_1");
        private readonly List<Dense> _blocks = [new(2, name: "dense_2"), new(2, name: "dense_3")];
        private readonly Mean _tracker = new("block_mean");

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = _alpha.Apply(_zeta.Apply(inputs, training), training);
            foreach (var b in _blocks)
            {
                x = b.Apply(x, training);
            }

            _tracker.UpdateState(x.sum());
            return x;
        }
    }

    /// <summary>A subclassed model: a public, a private (Python <c>_hidden</c>) and a dict attribute, and a tracker.</summary>
    internal sealed class Sub() : Model("sub")
    {
        private readonly Dense _zdense = new(3, name: "dense_4");

        [KerasName("_hidden")]
        private readonly Dense _hidden = new(4, name: "dense_5");

        private readonly Dictionary<string, Dense> _blocks = new() { ["a"] = new(2, name: "dense_6"), ["b"] = new(2, name: "dense_7") };
        private readonly Mean _tracker = new("trk");

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = _zdense.Apply(_hidden.Apply(inputs, training), training);
            foreach (var b in _blocks.Values)
            {
                x = b.Apply(x, training);
            }

            _tracker.UpdateState(x.mean());
            return x;
        }
    }
}
