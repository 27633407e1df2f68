namespace DeepKeras.Models;

/// <summary>
/// The content of <see cref="Model.Summary"/> as data instead of text: the model name, the column headers, one row of
/// cell texts per layer, and the parameter counts of the footer. Notebook front ends (<c>DeepKeras.Interactive</c>)
/// render it as an HTML table; the cell texts are exactly those of the text table.
/// </summary>
/// <param name="ModelName">The model's name (<c>Model: "sequential"</c>).</param>
/// <param name="Headers">The column headers, e.g. <c>Layer (type)</c>, <c>Output Shape</c>, <c>Param #</c>.</param>
/// <param name="Rows">One row per listed layer, one text per column (nested layers start with <c>└</c>).</param>
/// <param name="ParamCounts">The footer: total, trainable, non-trainable and (once built) optimizer parameters.</param>
public sealed record ModelSummaryData(
    string ModelName,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<ModelSummaryParamCount> ParamCounts);

/// <summary>One footer line of a model summary: <c>Total params: 25,670 (100.27 KB)</c>.</summary>
/// <param name="Label">e.g. <c>Total params</c>.</param>
/// <param name="Count">The number of parameters.</param>
/// <param name="Size">Their size as Keras prints it, e.g. <c>100.27 KB</c>.</param>
public sealed record ModelSummaryParamCount(string Label, long Count, string Size);
