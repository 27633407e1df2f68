using DeepKeras.Saving;
using DeepKeras.Saving.Onnx;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Exports the model for inference (Keras <c>model.export(filepath, format=...)</c>). The only format is
    /// <c>"onnx"</c>: an ONNX file (opset 17) that ONNX Runtime and other ONNX tools run without .NET. Inputs and outputs
    /// are float32 in Keras's layouts (channels-last images, batch-major sequences), with a symbolic batch dimension named
    /// <c>"batch"</c>; inputs are named after the input layers, outputs <c>output</c> (or <c>output_0_…</c>, … for several).
    /// Dropout and noise layers are left out, and batch normalization uses its moving statistics, as in <c>Predict</c>.
    /// The file is written atomically.
    /// </summary>
    /// <remarks>
    /// Sequential and Functional models (also nested) of Dense, Activation, LeakyReLU, PReLU, convolutions (1D–3D,
    /// transposed, depthwise, separable), pooling, global pooling, BatchNormalization, LayerNormalization, Flatten, Reshape,
    /// ZeroPadding1D–3D, Cropping1D–3D, UpSampling1D–3D, RepeatVector, Concatenate, Add, Embedding, SimpleRNN, LSTM, GRU,
    /// Bidirectional and TimeDistributed can be exported. Masks, Lambda layers, stateful or <c>return_state</c> recurrent
    /// layers, custom activations and other layers are refused.
    /// </remarks>
    /// <param name="filepath">The file to write, e.g. <c>"model.onnx"</c>.</param>
    /// <param name="format">The export format; <c>"onnx"</c>.</param>
    /// <exception cref="ArgumentException">An unknown format.</exception>
    /// <exception cref="NotSupportedException">A layer that has no ONNX conversion; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <example><code>
    /// model.Export("classifier.onnx", format: "onnx");
    /// </code></example>
    public void Export(string filepath, string format = "onnx")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filepath);
        if (!string.Equals(format, "onnx", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Unrecognized format={format}. Supported formats are: 'onnx' (TensorFlow's 'tf_saved_model' and 'litert' need TensorFlow).", nameof(format));
        }

        var bytes = OnnxExporter.Export(this);
        AtomicFile.Write(filepath, overwrite: true, stream => stream.Write(bytes));
    }
}
