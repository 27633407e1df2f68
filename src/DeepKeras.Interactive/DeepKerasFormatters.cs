using DeepKeras.Callbacks;
using DeepKeras.Models;
using DeepKeras.Plotting;
using DeepKeras.Training;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepKeras.Interactive;

/// <summary>
/// Registers how DeepKeras values display in a .NET Interactive notebook: a <see cref="Model"/> as its summary table
/// (HTML, with the text table as the plain-text alternative), a <see cref="History"/> as a table of epochs × metrics,
/// a <see cref="PlotImage"/> inline as PNG; and progress bars write one clean line per epoch. It also keeps the
/// figure libraries' native code bound after the kernel ends (<see cref="NativeLibraryPins"/>).
/// </summary>
/// <remarks>
/// Referencing the package (<c>#r "nuget: DeepKeras.Interactive"</c>) calls <see cref="Register"/> by itself through
/// the package's <c>interactive-extensions/dotnet/extension.dib</c>; calling it again is harmless.
/// <c>model.Summary()</c> still prints Keras's text table; ending a cell with <c>model</c> shows the HTML table.
/// </remarks>
/// <example>
/// <code>
/// #r "nuget: DeepKeras.Interactive"
/// var model = Sequential(Layers.Dense(32, inputShape: 784), Layers.Dense(10));
/// model                                 // the summary as an HTML table
/// var history = model.Fit(x, y, epochs: 5);
/// history                               // epochs × metrics
/// Plots.TrainingCurves(history)         // the curves, inline
/// </code>
/// </example>
public static class DeepKerasFormatters
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Gets whether <see cref="Register"/> has run in this process.</summary>
    public static bool IsRegistered => _registered;

    /// <summary>Registers the formatters and switches progress bars to one line per epoch. Idempotent.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            // The kernel captures the console through a writer while the process may sit on a terminal:
            // never redraw in place (no carriage returns or colour codes in notebook outputs).
            Progbar.DefaultDynamicDisplay = false;
            if (_registered)
            {
                return;
            }

            NativeLibraryPins.Pin();
            Formatter.Register<Model>((model, writer) => writer.Write(HtmlTables.Summary(model.ToSummaryData())), HtmlFormatter.MimeType);
            Formatter.Register<Model>((model, writer) => writer.Write(model.ToSummaryString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(Model), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

            Formatter.Register<History>((history, writer) => writer.Write(HtmlTables.History(history)), HtmlFormatter.MimeType);
            Formatter.Register<History>((history, writer) => writer.Write(HtmlTables.HistoryText(history)), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(History), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

            Formatter.Register<PlotImage>((image, writer) => writer.Write(image.ToBase64()), PngMimeType);
            Formatter.Register<PlotImage>((image, writer) => writer.Write(image.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(PlotImage), PngMimeType, PlainTextFormatter.MimeType);
            _registered = true;
        }
    }

    /// <summary>The MIME type of inline images: <c>image/png</c> (the value is the base64 of the PNG bytes, as Jupyter stores it).</summary>
    public const string PngMimeType = "image/png";
}
