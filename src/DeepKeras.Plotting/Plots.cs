namespace DeepKeras.Plotting;

/// <summary>
/// Figures for deep-learning work, saved as PNG files: training curves from a <see cref="Callbacks.History"/>, grids of
/// images with captions, convolution feature maps, 2-D latent-space scatter plots and line plots of series.
/// </summary>
/// <remarks>
/// Every function validates its arguments before drawing, creates the target folder, and writes the image atomically
/// (a temporary file next to the target, then a rename), so a reader never sees a half-written PNG.
/// Text needs at least one installed font (on Debian: <c>fonts-dejavu-core</c>).
/// </remarks>
/// <example>
/// <code>
/// var history = model.Fit(xTrain, yTrain, epochs: 10, validationSplit: 0.1);
/// Plots.TrainingCurves(history, "out/curves.png");
/// Plots.ImageGrid(xTest[..16], "out/samples.png", columns: 8, labels: captions);
/// </code>
/// </example>
public static partial class Plots
{
}
