using DeepKeras.Callbacks;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

// The figures rendered in memory: the same drawings as the overloads that take a path, returned as a PlotImage
// (shown inline in notebooks, or saved later with PlotImage.Save). Scatter2D takes classNames before title so that a
// call with a path in third place still means the file overload; Line has no in-memory overload because its optional
// strings would collide with the path: use PlotImage.Render(path => Plots.Line(..., path)).
public static partial class Plots
{
    /// <summary>Renders the learning curves of a <see cref="History"/>; see <see cref="TrainingCurves(History, string, string[])"/>.</summary>
    /// <param name="history">The history returned by <c>Fit</c>.</param>
    /// <param name="metrics">The metrics to plot by their training name; default <c>loss</c> and every other recorded metric.</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">The history is empty, or a requested metric was not recorded or starts with <c>val_</c>.</exception>
    public static PlotImage TrainingCurves(History history, IReadOnlyList<string>? metrics = null) =>
        new(TrainingCurvesPng(history, metrics));

    /// <summary>Renders a grid of images with captions; see <see cref="ImageGrid(NDArray, string, int, IReadOnlyList{string}?, string?)"/>.</summary>
    /// <param name="images">Images of shape <c>(N, H, W)</c> or <c>(N, H, W, C)</c>, C = 1, 3 or 4; values 0–1 or 0–255.</param>
    /// <param name="columns">Images per row (default 8).</param>
    /// <param name="labels">One caption per image (a <c>\n</c> starts a new line), or null for none.</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">Wrong rank or channel count, no images, or a caption count that differs from N.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static PlotImage ImageGrid(NDArray images, int columns = 8, IReadOnlyList<string>? labels = null, string? title = null) =>
        new(ImageGridPng(ArrayData.From(images, nameof(images)), columns, labels, title));

    /// <summary>Renders a grid of images with captions; see <see cref="ImageGrid(NDArray, string, int, IReadOnlyList{string}?, string?)"/>.</summary>
    /// <param name="images">Images of shape <c>(N, H, W)</c> or <c>(N, H, W, C)</c>, C = 1, 3 or 4; values 0–1 or 0–255.</param>
    /// <param name="columns">Images per row (default 8).</param>
    /// <param name="labels">One caption per image (a <c>\n</c> starts a new line), or null for none.</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">Wrong rank or channel count, no images, or a caption count that differs from N.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static PlotImage ImageGrid(Tensor images, int columns = 8, IReadOnlyList<string>? labels = null, string? title = null) =>
        new(ImageGridPng(ArrayData.From(images, nameof(images)), columns, labels, title));

    /// <summary>Renders the channels of one convolution output as normalized grayscale tiles; see <see cref="FeatureMaps(Tensor, string, int, string?)"/>.</summary>
    /// <param name="maps">Activations of shape <c>(H, W, C)</c> or <c>(1, H, W, C)</c>.</param>
    /// <param name="columns">Tiles per row (default 8).</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">A rank other than 3, or rank 4 with a batch of more than one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static PlotImage FeatureMaps(Tensor maps, int columns = 8, string? title = null) =>
        new(FeatureMapsPng(ArrayData.From(maps, nameof(maps)), columns, title));

    /// <summary>Renders the channels of one convolution output as normalized grayscale tiles; see <see cref="FeatureMaps(Tensor, string, int, string?)"/>.</summary>
    /// <param name="maps">Activations of shape <c>(H, W, C)</c> or <c>(1, H, W, C)</c>.</param>
    /// <param name="columns">Tiles per row (default 8).</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">A rank other than 3, or rank 4 with a batch of more than one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static PlotImage FeatureMaps(NDArray maps, int columns = 8, string? title = null) =>
        new(FeatureMapsPng(ArrayData.From(maps, nameof(maps)), columns, title));

    /// <summary>Renders a scatter plot of 2-D points coloured by class (class names come before the title here); see <see cref="Scatter2D(NDArray, NDArray?, string, string?, IReadOnlyList{string}?, string, string)"/>.</summary>
    /// <param name="points">Points of shape <c>(N, 2)</c>.</param>
    /// <param name="labels">Integer class of each point, shape <c>(N,)</c> or <c>(N, 1)</c>, or null.</param>
    /// <param name="classNames">Legend text per class index (default: the class number).</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="xLabel">The x-axis label (default <c>z[0]</c>).</param>
    /// <param name="yLabel">The y-axis label (default <c>z[1]</c>).</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">Points not of shape (N, 2), no points, or labels that are not one integer per point.</exception>
    public static PlotImage Scatter2D(NDArray points, NDArray? labels = null, IReadOnlyList<string>? classNames = null,
        string? title = null, string xLabel = "z[0]", string yLabel = "z[1]") =>
        new(Scatter2DPng(ArrayData.From(points, nameof(points)), labels is null ? null : ArrayData.From(labels, nameof(labels)),
            title, classNames, xLabel, yLabel));

    /// <summary>Renders a scatter plot of 2-D points coloured by class (class names come before the title here); see <see cref="Scatter2D(NDArray, NDArray?, string, string?, IReadOnlyList{string}?, string, string)"/>.</summary>
    /// <param name="points">Points of shape <c>(N, 2)</c>.</param>
    /// <param name="labels">Integer class of each point, shape <c>(N,)</c> or <c>(N, 1)</c>, or null.</param>
    /// <param name="classNames">Legend text per class index (default: the class number).</param>
    /// <param name="title">The title, or null.</param>
    /// <param name="xLabel">The x-axis label (default <c>z[0]</c>).</param>
    /// <param name="yLabel">The y-axis label (default <c>z[1]</c>).</param>
    /// <returns>The figure as PNG.</returns>
    /// <exception cref="ArgumentException">Points not of shape (N, 2), no points, or labels that are not one integer per point.</exception>
    public static PlotImage Scatter2D(Tensor points, Tensor? labels = null, IReadOnlyList<string>? classNames = null,
        string? title = null, string xLabel = "z[0]", string yLabel = "z[1]") =>
        new(Scatter2DPng(ArrayData.From(points, nameof(points)), labels is null ? null : ArrayData.From(labels, nameof(labels)),
            title, classNames, xLabel, yLabel));
}
