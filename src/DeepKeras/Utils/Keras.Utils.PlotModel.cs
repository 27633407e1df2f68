using DeepKeras.Models;
using DeepKeras.Utils.Plotting;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        private static readonly string[] Rankdirs = ["TB", "LR", "BT", "RL"];

        /// <summary>
        /// Describes a model as a Graphviz DOT graph (Keras <c>keras.utils.model_to_dot</c>): one box per layer, an
        /// HTML table with its name and class and optionally its shapes, dtype, activation and trainability, and an
        /// edge from each layer to every layer that uses its output.
        /// </summary>
        /// <remarks>
        /// A Sequential's boxes are its layers (no input box), a functional model's boxes are its layers in
        /// <see cref="Model.Layers"/> order, and a subclassed model is a single box. Boxes are named by layer name.
        /// Graph attributes are Keras's: <c>concentrate=True</c>, <c>node [shape=record]</c>, the given
        /// <paramref name="rankdir"/>, <paramref name="dpi"/> and <paramref name="splines"/>.
        /// </remarks>
        /// <param name="model">A built model.</param>
        /// <param name="showShapes">Show each layer's input and output shapes.</param>
        /// <param name="showDtype">Show each layer's output dtype.</param>
        /// <param name="showLayerNames">Title each box with the layer name and class (default) rather than the class only.</param>
        /// <param name="rankdir">Layout direction: <c>"TB"</c> (top to bottom, default), <c>"LR"</c>, <c>"BT"</c> or <c>"RL"</c>.</param>
        /// <param name="expandNested">Draw nested functional and Sequential models as dashed clusters of their layers.</param>
        /// <param name="dpi">Image resolution in dots per inch (default 200).</param>
        /// <param name="subgraph">Return a dashed <c>cluster_&lt;model name&gt;</c> subgraph instead of a whole graph.</param>
        /// <param name="showLayerActivations">Show the activation of layers that have one (Dense, Conv2D, LSTM, ...).</param>
        /// <param name="showTrainable">Mark layers with weights as <c>Trainable</c> or <c>Non-trainable</c>.</param>
        /// <param name="splines">How edges are drawn: <c>"ortho"</c> (right angles, default), <c>"curved"</c>, <c>"polyline"</c>, <c>"spline"</c>, <c>"line"</c>.</param>
        /// <returns>The DOT text, one statement per line.</returns>
        /// <exception cref="ArgumentException"><paramref name="rankdir"/> is not one of Graphviz's four directions, or <paramref name="splines"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="dpi"/> is not positive.</exception>
        /// <exception cref="InvalidOperationException">The model is not built.</exception>
        /// <example><code>
        /// File.WriteAllText("model.dot", Keras.Utils.ModelToDot(model, showShapes: true));
        /// </code></example>
        public static string ModelToDot(Model model, bool showShapes = false, bool showDtype = false, bool showLayerNames = true,
            string rankdir = "TB", bool expandNested = false, int dpi = 200, bool subgraph = false,
            bool showLayerActivations = false, bool showTrainable = false, string splines = "ortho")
        {
            ArgumentNullException.ThrowIfNull(model);
            CheckPlotArguments(model, rankdir, dpi, splines);
            var label = new ModelDotLabel(showShapes, showDtype, showLayerNames, showLayerActivations, showTrainable);
            return ModelDot.Write(model, label, rankdir, expandNested, dpi, splines, subgraph);
        }

        /// <summary>
        /// Draws a model's graph into an image file with Graphviz's <c>dot</c> (Keras <c>keras.utils.plot_model</c>):
        /// the graph of <see cref="ModelToDot"/>, rendered in the format named by the file extension.
        /// </summary>
        /// <param name="model">A built model.</param>
        /// <param name="toFile">The image file; its extension picks the format (<c>.png</c>, <c>.svg</c>, <c>.pdf</c>, ...; none means PNG).</param>
        /// <param name="showShapes">Show each layer's input and output shapes.</param>
        /// <param name="showDtype">Show each layer's output dtype.</param>
        /// <param name="showLayerNames">Title each box with the layer name and class; by default the class only, as in Keras.</param>
        /// <param name="rankdir">Layout direction: <c>"TB"</c> (top to bottom, default), <c>"LR"</c>, <c>"BT"</c> or <c>"RL"</c>.</param>
        /// <param name="expandNested">Draw nested functional and Sequential models as dashed clusters of their layers.</param>
        /// <param name="dpi">Image resolution in dots per inch (default 200).</param>
        /// <param name="showLayerActivations">Show the activation of layers that have one.</param>
        /// <param name="showTrainable">Mark layers with weights as <c>Trainable</c> or <c>Non-trainable</c>.</param>
        /// <param name="splines">How edges are drawn: <c>"ortho"</c> (default), <c>"curved"</c>, <c>"polyline"</c>, <c>"spline"</c>, <c>"line"</c>.</param>
        /// <returns>The full path of the written file.</returns>
        /// <exception cref="FileNotFoundException">Graphviz's <c>dot</c> is not installed (package <c>graphviz</c>).</exception>
        /// <exception cref="InvalidOperationException">The model is not built, or <c>dot</c> failed (e.g. an unknown format).</exception>
        /// <exception cref="ArgumentException">An invalid <paramref name="rankdir"/>, <paramref name="splines"/> or an empty <paramref name="toFile"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="dpi"/> is not positive.</exception>
        /// <example><code>
        /// Keras.Utils.PlotModel(model, "model.png", showShapes: true, showLayerNames: true, rankdir: "LR");
        /// </code></example>
        public static string PlotModel(Model model, string toFile = "model.png", bool showShapes = false, bool showDtype = false,
            bool showLayerNames = false, string rankdir = "TB", bool expandNested = false, int dpi = 200,
            bool showLayerActivations = false, bool showTrainable = false, string splines = "ortho")
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(toFile);
            var dot = ModelToDot(model, showShapes, showDtype, showLayerNames, rankdir, expandNested, dpi, subgraph: false,
                showLayerActivations, showTrainable, splines);
            var path = Path.GetFullPath(toFile);
            var extension = Path.GetExtension(path);
            GraphvizDot.Render(dot, path, extension.Length > 1 ? extension[1..] : "png");
            return path;
        }

        private static void CheckPlotArguments(Model model, string rankdir, int dpi, string splines)
        {
            if (!model.Built)
            {
                throw new InvalidOperationException(
                    $"Model \"{model.Name}\" has not yet been built. Build the model first by calling `Build()` or by calling the model on a batch of data.");
            }

            if (!Rankdirs.Contains(rankdir))
            {
                throw new ArgumentException($"`rankdir` must be one of \"TB\", \"LR\", \"BT\", \"RL\"; received \"{rankdir}\".", nameof(rankdir));
            }

            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dpi);
            ArgumentException.ThrowIfNullOrWhiteSpace(splines);
        }
    }
}
