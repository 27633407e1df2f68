using DeepKeras.Engine;
using static TorchSharp.torch;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    /// <content>
    /// The function forms of the merge layers (Keras <c>keras.layers.add</c>, <c>concatenate</c>, <c>dot</c>, …): each
    /// creates the layer and applies it at once, on symbolic tensors (functional API) or on eager tensors. They sit
    /// beside the generated factories of the same names, which take the layer's constructor arguments instead.
    /// </content>
    public static partial class Layers
    {
        /// <summary>Returns the element-wise sum of the symbolic tensors through a new <see cref="L.Add"/> layer (Keras <c>keras.layers.add</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Add(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Add(params KerasTensor[] inputs) => Merge(new L.Add(), inputs);

        /// <summary>Returns the element-wise sum of the symbolic tensors through a new, named <see cref="L.Add"/> layer (Keras <c>keras.layers.add(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Add(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Add(name), inputs);

        /// <summary>Returns the element-wise sum of the tensors, computed now by a new <see cref="L.Add"/> layer (Keras <c>keras.layers.add</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Add(params Tensor[] inputs) => Merge(new L.Add(), inputs);

        /// <summary>Returns the element-wise sum of the tensors, computed now by a new, named <see cref="L.Add"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Add(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Add(name), inputs);

        /// <summary>Returns the first minus the second of (exactly two) the symbolic tensors through a new <see cref="L.Subtract"/> layer (Keras <c>keras.layers.subtract</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Subtract(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Subtract(params KerasTensor[] inputs) => Merge(new L.Subtract(), inputs);

        /// <summary>Returns the first minus the second of (exactly two) the symbolic tensors through a new, named <see cref="L.Subtract"/> layer (Keras <c>keras.layers.subtract(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Subtract(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Subtract(name), inputs);

        /// <summary>Returns the first minus the second of (exactly two) the tensors, computed now by a new <see cref="L.Subtract"/> layer (Keras <c>keras.layers.subtract</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Subtract(params Tensor[] inputs) => Merge(new L.Subtract(), inputs);

        /// <summary>Returns the first minus the second of (exactly two) the tensors, computed now by a new, named <see cref="L.Subtract"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Subtract(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Subtract(name), inputs);

        /// <summary>Returns the element-wise product of the symbolic tensors through a new <see cref="L.Multiply"/> layer (Keras <c>keras.layers.multiply</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Multiply(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Multiply(params KerasTensor[] inputs) => Merge(new L.Multiply(), inputs);

        /// <summary>Returns the element-wise product of the symbolic tensors through a new, named <see cref="L.Multiply"/> layer (Keras <c>keras.layers.multiply(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Multiply(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Multiply(name), inputs);

        /// <summary>Returns the element-wise product of the tensors, computed now by a new <see cref="L.Multiply"/> layer (Keras <c>keras.layers.multiply</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Multiply(params Tensor[] inputs) => Merge(new L.Multiply(), inputs);

        /// <summary>Returns the element-wise product of the tensors, computed now by a new, named <see cref="L.Multiply"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Multiply(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Multiply(name), inputs);

        /// <summary>Returns the element-wise mean of the symbolic tensors through a new <see cref="L.Average"/> layer (Keras <c>keras.layers.average</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Average(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Average(params KerasTensor[] inputs) => Merge(new L.Average(), inputs);

        /// <summary>Returns the element-wise mean of the symbolic tensors through a new, named <see cref="L.Average"/> layer (Keras <c>keras.layers.average(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Average(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Average(name), inputs);

        /// <summary>Returns the element-wise mean of the tensors, computed now by a new <see cref="L.Average"/> layer (Keras <c>keras.layers.average</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Average(params Tensor[] inputs) => Merge(new L.Average(), inputs);

        /// <summary>Returns the element-wise mean of the tensors, computed now by a new, named <see cref="L.Average"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Average(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Average(name), inputs);

        /// <summary>Returns the element-wise maximum of the symbolic tensors through a new <see cref="L.Maximum"/> layer (Keras <c>keras.layers.maximum</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Maximum(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Maximum(params KerasTensor[] inputs) => Merge(new L.Maximum(), inputs);

        /// <summary>Returns the element-wise maximum of the symbolic tensors through a new, named <see cref="L.Maximum"/> layer (Keras <c>keras.layers.maximum(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Maximum(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Maximum(name), inputs);

        /// <summary>Returns the element-wise maximum of the tensors, computed now by a new <see cref="L.Maximum"/> layer (Keras <c>keras.layers.maximum</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Maximum(params Tensor[] inputs) => Merge(new L.Maximum(), inputs);

        /// <summary>Returns the element-wise maximum of the tensors, computed now by a new, named <see cref="L.Maximum"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Maximum(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Maximum(name), inputs);

        /// <summary>Returns the element-wise minimum of the symbolic tensors through a new <see cref="L.Minimum"/> layer (Keras <c>keras.layers.minimum</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Minimum(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Minimum(params KerasTensor[] inputs) => Merge(new L.Minimum(), inputs);

        /// <summary>Returns the element-wise minimum of the symbolic tensors through a new, named <see cref="L.Minimum"/> layer (Keras <c>keras.layers.minimum(inputs, name=...)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Minimum(IReadOnlyList<KerasTensor> inputs, string? name = null) => Merge(new L.Minimum(name), inputs);

        /// <summary>Returns the element-wise minimum of the tensors, computed now by a new <see cref="L.Minimum"/> layer (Keras <c>keras.layers.minimum</c> on eager tensors).</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Minimum(params Tensor[] inputs) => Merge(new L.Minimum(), inputs);

        /// <summary>Returns the element-wise minimum of the tensors, computed now by a new, named <see cref="L.Minimum"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Minimum(IReadOnlyList<Tensor> inputs, string? name = null) => Merge(new L.Minimum(name), inputs);

        /// <summary>Concatenates the symbolic tensors along the last axis through a new <see cref="L.Concatenate"/> layer (Keras <c>keras.layers.concatenate</c>).</summary>
        /// <param name="inputs">The symbolic inputs, e.g. <c>Layers.Concatenate(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Concatenate(params KerasTensor[] inputs) => Merge(new L.Concatenate(), inputs);

        /// <summary>Concatenates the symbolic tensors along <paramref name="axis"/> through a new <see cref="L.Concatenate"/> layer (Keras <c>keras.layers.concatenate(inputs, axis)</c>).</summary>
        /// <param name="inputs">The symbolic inputs.</param>
        /// <param name="axis">The concatenation axis; default the last.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Concatenate(IReadOnlyList<KerasTensor> inputs, int axis = -1, string? name = null) =>
            Merge(new L.Concatenate(axis, name), inputs);

        /// <summary>Concatenates the tensors along the last axis now, through a new <see cref="L.Concatenate"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <returns>The output batch, carrying the output mask when the inputs carry masks.</returns>
        public static Tensor Concatenate(params Tensor[] inputs) => Merge(new L.Concatenate(), inputs);

        /// <summary>Concatenates the tensors along <paramref name="axis"/> now, through a new <see cref="L.Concatenate"/> layer.</summary>
        /// <param name="inputs">The input batches.</param>
        /// <param name="axis">The concatenation axis; default the last.</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Concatenate(IReadOnlyList<Tensor> inputs, int axis = -1, string? name = null) =>
            Merge(new L.Concatenate(axis, name), inputs);

        /// <summary>The sample-wise dot product of two symbolic tensors over their last axes, through a new <see cref="L.Dot"/> layer (Keras <c>keras.layers.dot</c>).</summary>
        /// <param name="inputs">The two symbolic inputs, e.g. <c>Layers.Dot(a, b)</c>.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Dot(params KerasTensor[] inputs) => Merge(new L.Dot(-1), inputs);

        /// <summary>The sample-wise dot product of two symbolic tensors through a new <see cref="L.Dot"/> layer (Keras <c>keras.layers.dot(inputs, axes)</c>).</summary>
        /// <param name="inputs">The two symbolic inputs.</param>
        /// <param name="axes">The axis summed over, for both inputs or one per input; default the last (-1).</param>
        /// <param name="normalize">Whether to L2-normalize the inputs along the axes first (cosine proximity).</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The symbolic output.</returns>
        public static KerasTensor Dot(IReadOnlyList<KerasTensor> inputs, L.IntTuple? axes = null, bool normalize = false, string? name = null) =>
            Merge(new L.Dot(axes ?? -1, normalize, name), inputs);

        /// <summary>The sample-wise dot product of two tensors over their last axes, computed now by a new <see cref="L.Dot"/> layer.</summary>
        /// <param name="inputs">The two input batches.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Dot(params Tensor[] inputs) => Merge(new L.Dot(-1), inputs);

        /// <summary>The sample-wise dot product of two tensors, computed now by a new <see cref="L.Dot"/> layer.</summary>
        /// <param name="inputs">The two input batches.</param>
        /// <param name="axes">The axis summed over, for both inputs or one per input; default the last (-1).</param>
        /// <param name="normalize">Whether to L2-normalize the inputs along the axes first (cosine proximity).</param>
        /// <param name="name">The layer's name.</param>
        /// <returns>The output batch.</returns>
        public static Tensor Dot(IReadOnlyList<Tensor> inputs, L.IntTuple? axes = null, bool normalize = false, string? name = null) =>
            Merge(new L.Dot(axes ?? -1, normalize, name), inputs);

        private static KerasTensor Merge(L.Merge layer, IReadOnlyList<KerasTensor> inputs) => layer.ApplySymbolic(inputs)[0];

        private static Tensor Merge(L.Merge layer, IReadOnlyList<Tensor> inputs) => layer.Apply(inputs);
    }
}
