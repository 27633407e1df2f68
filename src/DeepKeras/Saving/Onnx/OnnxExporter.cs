using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// Writes a Sequential or Functional model of built-in layers as an ONNX graph for inference: the layers in their
/// inference form (dropout and noise are identities, batch normalization uses its moving statistics), Keras's tensor
/// layouts, and a symbolic batch dimension. Layers without an ONNX form raise <see cref="NotSupportedException"/>.
/// </summary>
internal static class OnnxExporter
{
    /// <summary>Converts <paramref name="model"/> to the bytes of an ONNX <c>ModelProto</c>.</summary>
    public static byte[] Export(Model model)
    {
        if (model is not (Sequential or { IsFunctional: true }))
        {
            throw new NotSupportedException(
                $"Cannot export model '{model.Name}' ({model.GetType().Name}) to ONNX: only Sequential and Functional models can be exported. " +
                "Export the Sequential/Functional submodels of a subclassed model instead.");
        }

        if (!model.Built)
        {
            throw new InvalidOperationException(
                $"Model '{model.Name}' has not been built yet, so it cannot be exported. Build it by calling it on data or by giving it an input shape.");
        }

        RefuseMasks(model);
        var g = new OnnxGraph();
        var inputShapes = InputShapes(model);
        var inputs = new string[inputShapes.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var name = model.IsFunctional ? model.Inputs[i].Layer.Name : model is Sequential { InputLayer: { } il } ? il.Name : "input";
            inputs[i] = g.Unique(name);
            var dtype = model.IsFunctional ? model.Inputs[i].DType : model is Sequential { InputLayer: { } seqInput } ? seqInput.DType : "float32";
            g.Input(inputs[i], inputShapes[i].ToArray(), dtype == "string" ? OnnxProto.TensorProto.String : OnnxProto.TensorProto.Float);
        }

        var (outputs, outputShapes) = ConvertModel(g, model, inputs, inputShapes);
        var outputNames = model.IsFunctional ? model.Outputs.Select(o => o.Layer.Name).ToArray() : [model.Layers[^1].Name];
        for (var i = 0; i < outputs.Length; i++)
        {
            var name = g.Unique(outputs.Length == 1 ? "output" : $"output_{i}_{outputNames[Math.Min(i, outputNames.Length - 1)]}");
            g.Output(name, outputs[i], outputShapes[i].ToArray());
        }

        return g.ToModelProto(model.Name, typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0");
    }

    private static List<Shape> InputShapes(Model model) => model switch
    {
        { IsFunctional: true } => model.Inputs.Select(t => t.Shape).ToList(),
        Sequential { BatchInputShape: { } s } => [s],
        _ => throw new InvalidOperationException($"Model '{model.Name}' has no known input shape, so it cannot be exported."),
    };

    private static (string[] Outputs, Shape[] Shapes) ConvertModel(OnnxGraph g, Model model, string[] inputs, IReadOnlyList<Shape> shapes)
    {
        switch (model)
        {
            case Sequential seq:
                {
                    var (x, shape) = (inputs, shapes.ToArray());
                    foreach (var layer in seq.Layers)
                    {
                        (x, shape) = Convert(g, layer, x, shape);
                    }

                    return (x, shape);
                }

            case { IsFunctional: true } f:
                {
                    var values = new Dictionary<KerasTensor, string>(ReferenceEqualityComparer.Instance);
                    for (var i = 0; i < f.Inputs.Count; i++)
                    {
                        values[f.Inputs[i]] = inputs[i];
                    }

                    foreach (var node in f.Nodes.Where(n => n.Layer is not InputLayer))
                    {
                        var args = node.Inputs.Select(t => values[t]).ToArray();
                        var outs = node.Layer is MultiHeadAttention mha
                            ? [OnnxAttention.MultiHeadAttention(g, mha, args, node.Kwargs)]
                            : Convert(g, node.Layer, args, node.Inputs.Select(t => t.Shape).ToArray()).Outputs;
                        for (var j = 0; j < node.Outputs.Length; j++)
                        {
                            values[node.Outputs[j]] = outs[j];
                        }
                    }

                    return (f.Outputs.Select(o => values[o]).ToArray(), f.Outputs.Select(o => o.Shape).ToArray());
                }

            default:
                throw NotSupported(model, "subclassed models cannot be exported");
        }
    }

    private static (string[] Outputs, Shape[] Shapes) Convert(OnnxGraph g, Layer layer, string[] x, Shape[] shapes)
    {
        if (layer is Model nested)
        {
            return ConvertModel(g, nested, x, shapes);
        }

        if (x.Length > 1 && layer is RnnBase or Bidirectional)
        {
            throw NotSupported(layer, "initial states given as extra inputs are not supported");
        }

        var outputs = layer switch
        {
            InputLayer or Dropout or BaseSpatialDropout or GaussianNoise or GaussianDropout or AlphaDropout or Identity or ActivityRegularization => [x[0]],
            Bidirectional bi => OnnxRecurrent.Bidirectional(g, bi, x[0]),
            _ => [ConvertSingle(g, layer, x, shapes)],
        };
        return (outputs, layer.ComputeOutputShapes(shapes));
    }

    private static string ConvertSingle(OnnxGraph g, Layer layer, string[] x, Shape[] shapes)
    {
        var h = layer.Name;
        return layer switch
        {
            Dense d => OnnxCore.Dense(g, d, x[0]),
            EinsumDense e => OnnxAttention.EinsumDense(g, e, x[0]),
            Activation a => Activation(g, x[0], a.Function, h),
            LeakyReLU l => g.Op("LeakyRelu", h, Attrs(("alpha", (float)l.NegativeSlope)), x[0]),
            PReLU p => g.Op("PRelu", h, null, x[0], Weight(g, $"{h}/alpha", p.Alpha!.Value)),
            ELU e => g.Op("Elu", h, Attrs(("alpha", (float)e.Alpha)), x[0]),
            ReLU { NegativeSlope: 0, Threshold: 0, MaxValue: null } => g.Op("Relu", h, null, x[0]),
            ReLU { NegativeSlope: 0, Threshold: 0, MaxValue: { } max } =>
                g.Op("Clip", h, null, x[0], g.Constant($"{h}/min", [0f], []), g.Constant($"{h}/max", [(float)max], [])),
            Softmax { Axis.Count: 1 } sm => g.Op("Softmax", h, Attrs(("axis", (long)sm.Axis[0])), x[0]),
            Permute pm => g.Op("Transpose", h, Attrs(("perm", (long[])[0, .. pm.Dims.Select(d => (long)d)])), x[0]),
            Rescaling rs => g.Op("Add", h, null, g.Op("Mul", h, null, x[0], g.Constant($"{h}/scale", [(float)rs.Scale], [])),
                g.Constant($"{h}/offset", [(float)rs.Offset], [])),
            Flatten => g.Op("Reshape", h, null, x[0], g.Int64Constant($"{h}/shape", 0, -1)),
            Reshape r => g.Op("Reshape", h, null, x[0], g.Int64Constant($"{h}/shape", [0, .. r.TargetShape.Select(v => (long)v)])),
            RepeatVector rv => g.Op("Tile", h, null, g.Op("Unsqueeze", h, null, x[0], g.Int64Constant($"{h}/axes", 1)),
                g.Int64Constant($"{h}/repeats", 1, rv.N, 1)),
            Concatenate c => g.Op("Concat", h, Attrs(("axis", (long)c.Axis)), x),
            Add => x.Skip(1).Aggregate(x[0], (sum, next) => g.Op("Add", h, null, sum, next)),
            Embedding e => g.Op("Gather", h, Attrs(("axis", 0L)), Weight(g, $"{h}/embeddings", e.Embeddings!.Value),
                g.Op("Cast", h, Attrs(("to", 7L)), x[0])),
            BatchNormalization bn => OnnxCore.BatchNormalization(g, bn, x[0], shapes[0]),
            LayerNormalization ln => OnnxCore.LayerNormalization(g, ln, x[0], shapes[0]),
            BaseConv c => OnnxSpatial.Conv(g, c, x[0]),
            BaseConvTranspose t => OnnxSpatial.ConvTranspose(g, t, x[0]),
            BaseDepthwiseConv dw => OnnxSpatial.DepthwiseConv(g, dw, x[0]),
            BaseSeparableConv sc => OnnxSpatial.SeparableConv(g, sc, x[0]),
            BasePooling p => OnnxSpatial.Pool(g, p, x[0]),
            BaseGlobalPooling gp => OnnxSpatial.GlobalPool(g, gp, x[0]),
            BaseZeroPadding z => OnnxSpatial.ZeroPadding(g, z, x[0]),
            BaseCropping c => OnnxSpatial.Cropping(g, c, x[0]),
            BaseUpSampling u => OnnxSpatial.UpSampling(g, u, x[0]),
            RnnBase rnn => OnnxRecurrent.Recurrent(g, rnn, x[0]),
            TimeDistributed td => TimeDistributed(g, td, x[0], shapes[0]),
            StringLookup sl => OnnxLookup.Lookup(g, sl, x[0]),
            IntegerLookup il => OnnxLookup.Lookup(g, il, g.Op("Cast", h, Attrs(("to", 7L)), x[0])),
            Hashing => throw NotSupported(layer, "ONNX has no FarmHash/SipHash operator"),
            TextVectorization => throw NotSupported(layer,
                "ONNX has no operator for its standardization and splitting; export the model after it and feed it the vectorized token ids"),
            _ => throw NotSupported(layer, "this layer type has no ONNX conversion"),
        };
    }

    // (batch, time, ...) → (batch·time, ...) → layer → (batch, time, ...).
    private static string TimeDistributed(OnnxGraph g, TimeDistributed layer, string x, Shape shape)
    {
        var h = layer.Name;
        var step = new Shape([null, .. shape.Dims.Skip(2)]);
        if (shape[1] is not { } time || step.Dims.Skip(1).Any(d => d is null))
        {
            throw NotSupported(layer, $"the number of time steps and the step shape must be known, received input shape {shape}");
        }

        var folded = g.Op("Reshape", h, null, x, g.Int64Constant($"{h}/fold", [-1, .. step.Dims.Skip(1).Select(d => (long)d!.Value)]));
        var (inner, innerShapes) = Convert(g, layer.Layer, [folded], [step]);
        if (inner.Length != 1 || innerShapes[0].Dims.Skip(1).Any(d => d is null))
        {
            throw NotSupported(layer, "the wrapped layer must have one output of known shape");
        }

        return g.Op("Reshape", h, null, inner[0], g.Int64Constant($"{h}/unfold", [-1, time, .. innerShapes[0].Dims.Skip(1).Select(d => (long)d!.Value)]));
    }

    private static void RefuseMasks(Layer root)
    {
        foreach (var layer in All(root))
        {
            if (layer is Masking || layer is Embedding { MaskZero: true })
            {
                throw NotSupported(layer, "masks (Masking, Embedding with mask_zero=True) are not supported; export a model without masking");
            }

            if (layer is Lambda)
            {
                throw NotSupported(layer, "Lambda layers run .NET code, which ONNX cannot hold");
            }
        }
    }

    private static IEnumerable<Layer> All(Layer layer) =>
        new[] { layer }.Concat((layer is Sequential s ? s.Layers : layer.Sublayers).SelectMany(All));

    internal static NotSupportedException NotSupported(Layer layer, string why) =>
        new($"Cannot export layer '{layer.Name}' ({layer.ClassName}) to ONNX: {why}.");
}
