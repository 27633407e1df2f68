namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Prints a summary of the model as Keras 3 does (<c>model.summary()</c>): a table with one row per layer
    /// (<c>name (ClassName)</c>, output shape, parameter count, and for graphs that are not a simple chain the
    /// <c>Connected to</c> column), then the total, trainable, non-trainable and (once the optimizer has state)
    /// optimizer parameter counts with their size.
    /// </summary>
    /// <param name="lineLength">Total width of the lines; default 88 (108 with <c>Connected to</c>), at most the terminal
    /// width minus 4 (80 − 4 = 76 when the output is redirected).</param>
    /// <param name="positions">Right edge of each column as a fraction of the line; default <c>[0.45, 0.80, 1.0]</c>
    /// (<c>[0.3, 0.56, 0.74, 1.0]</c> with <c>Connected to</c>).</param>
    /// <param name="printFn">Receives the whole summary as one string (each line ending in <c>\n</c>); default writes it
    /// to the console.</param>
    /// <param name="expandNested">Also list the layers of nested models, indented with <c>└</c>.</param>
    /// <param name="showTrainable">Add a <c>Trainable</c> column (<c>Y</c>, <c>N</c>, or <c>-</c> for layers without weights).</param>
    /// <param name="layerRange">Only list the layers from the first whose name matches <c>First</c> to the last whose
    /// name matches <c>Last</c> (regular expressions matched at the start of the name).</param>
    /// <exception cref="ArgumentException">The line is too short for the columns (each needs at least 4 characters),
    /// <paramref name="positions"/> has the wrong count, or <paramref name="layerRange"/> matches no layer.</exception>
    /// <example><code>
    /// var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));
    /// model.Summary();   // ... Total params: 25,670 (100.27 KB)
    /// </code></example>
    public void Summary(int? lineLength = null, double[]? positions = null, Action<string>? printFn = null,
        bool expandNested = false, bool showTrainable = false, (string First, string Last)? layerRange = null)
    {
        var text = ToSummaryString(lineLength, positions, expandNested, showTrainable, layerRange);
        if (printFn is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            printFn(text);
        }
    }

    /// <summary>Returns the text <see cref="Summary"/> prints (each line ending in <c>\n</c>).</summary>
    /// <param name="lineLength">Total width of the lines; see <see cref="Summary"/>.</param>
    /// <param name="positions">Right edge of each column as a fraction of the line.</param>
    /// <param name="expandNested">Also list the layers of nested models.</param>
    /// <param name="showTrainable">Add a <c>Trainable</c> column.</param>
    /// <param name="layerRange">Only list the layers from <c>First</c> to <c>Last</c> (name patterns).</param>
    /// <exception cref="ArgumentException">As for <see cref="Summary"/>.</exception>
    public string ToSummaryString(int? lineLength = null, double[]? positions = null, bool expandNested = false,
        bool showTrainable = false, (string First, string Last)? layerRange = null) =>
        new ModelSummary(this, expandNested, showTrainable).Render(lineLength, positions, layerRange);

    /// <summary>
    /// Returns what <see cref="Summary"/> shows as data (headers, one row per layer, parameter counts), for front ends
    /// that draw their own table, such as the HTML summary of <c>DeepKeras.Interactive</c> in notebooks.
    /// </summary>
    /// <param name="expandNested">Also list the layers of nested models.</param>
    /// <param name="showTrainable">Add a <c>Trainable</c> column.</param>
    /// <param name="layerRange">Only list the layers from <c>First</c> to <c>Last</c> (name patterns).</param>
    /// <exception cref="ArgumentException"><paramref name="layerRange"/> matches no layer.</exception>
    public ModelSummaryData ToSummaryData(bool expandNested = false, bool showTrainable = false, (string First, string Last)? layerRange = null) =>
        new ModelSummary(this, expandNested, showTrainable).Collect(layerRange);
}
