using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using DeepKeras.Layers;

namespace DeepKeras.Models;

/// <summary>
/// Builds the text of <see cref="Model.Summary"/> following Keras 3's <c>print_summary</c>
/// (keras/src/utils/summary_utils.py): which layers and columns, cell texts, column widths and the parameter footer.
/// </summary>
internal sealed class ModelSummary
{
    private const int BitsPerParam = 32; // float32 weights; optimizer state too (torch backend: int32 iteration)
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Model _model;
    private readonly FunctionalGraph? _graph;
    private readonly bool _sequentialLike;
    private readonly bool _expandNested;
    private readonly bool _showTrainable;
    private readonly Dictionary<Sequential, IReadOnlyList<Shape?>> _sequentialShapes = new(ReferenceEqualityComparer.Instance);

    public ModelSummary(Model model, bool expandNested, bool showTrainable)
    {
        _model = model;
        _graph = model.IsFunctional ? new FunctionalGraph(model) : null;
        _sequentialLike = _graph?.IsSequentialLike ?? true;
        _expandNested = expandNested;
        _showTrainable = showTrainable;
    }

    /// <summary>The summary as data: headers, one row of cell texts per layer, and the footer's parameter counts.</summary>
    public ModelSummaryData Collect((string First, string Last)? layerRange)
    {
        var (headers, _, _, _) = Columns();
        if (_showTrainable)
        {
            headers = [.. headers, "Trainable"];
        }

        var footer = FooterEntries().Select(f => new ModelSummaryParamCount(f.Label, f.Count, ReadableSize(f.Bits))).ToList();
        return new ModelSummaryData(_model.Name, headers, Rows(layerRange), footer);
    }

    private (string[] Headers, CellJustify[] Justify, double[] Positions, int Length) Columns() => _sequentialLike
            ? (new[] { "Layer (type)", "Output Shape", "Param #" },
                new[] { CellJustify.Left, CellJustify.Left, CellJustify.Right }, new[] { 0.45, 0.80, 1.0 }, 88)
            : (new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" },
                new[] { CellJustify.Left, CellJustify.Left, CellJustify.Right, CellJustify.Left }, new[] { 0.3, 0.56, 0.74, 1.0 }, 108);

    private List<IReadOnlyList<string>> Rows((string First, string Last)? layerRange)
    {
        var rows = new List<IReadOnlyList<string>>();
        var layers = LayersOf(_model);
        var (from, to) = LayerRange(layers, layerRange);
        for (var i = from; i < to; i++)
        {
            AddRows(rows, layers[i], _model, 0);
        }

        return rows;
    }

    /// <summary>Renders the summary; every line ends with <c>\n</c>.</summary>
    public string Render(int? lineLength, double[]? positions, (string First, string Last)? layerRange)
    {
        var (headers, justify, defaultPositions, defaultLength) = Columns();
        if (positions is not null && positions.Length != headers.Length)
        {
            throw new ArgumentException(
                $"Expected one position per column ({headers.Length}: {string.Join(", ", headers)}). Received: positions=[{Join(positions)}]",
                nameof(positions));
        }

        positions ??= defaultPositions;
        if (_showTrainable)
        {
            defaultLength += 12;
            positions = [.. positions.Select(p => p * 0.90), 1.0];
            headers = [.. headers, "Trainable"];
            justify = [.. justify, CellJustify.Center];
        }

        defaultLength = Math.Min(defaultLength, TerminalColumns() - 4);
        var length = lineLength is null or 0 ? defaultLength : lineLength.Value;
        var table = new SummaryTable(headers, justify, ColumnWidths(positions, length), length);
        foreach (var row in Rows(layerRange))
        {
            table.AddRow([.. row]);
        }

        var sb = new StringBuilder();
        sb.Append($"Model: \"{_model.Name}\"\n");
        table.RenderTo(sb);
        AppendFooter(sb);
        return sb.ToString();
    }

    /// <summary>The terminal width as Python's <c>shutil.get_terminal_size()</c> sees it: <c>COLUMNS</c>, the console, else 80.</summary>
    internal static int TerminalColumns()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, Invariant, out var columns) && columns > 0)
        {
            return columns;
        }

        if (!Console.IsOutputRedirected)
        {
            try
            {
                if (Console.WindowWidth > 0)
                {
                    return Console.WindowWidth;
                }
            }
            catch (IOException)
            {
                // No console attached: fall back like shutil does.
            }
        }

        return 80;
    }

    /// <summary>A byte count as Keras prints it: <c>136.04 KB</c> (base 1024, two decimals rounded half to even).</summary>
    internal static string ReadableSize(BigInteger bits)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        BigInteger divisor = 8;
        var divisions = 0;
        while (divisions < units.Length && bits >= divisor * 1024)
        {
            divisor *= 1024;
            divisions++;
        }

        var hundredths = BigInteger.DivRem(bits * 100, divisor, out var remainder);
        if (remainder * 2 > divisor || (remainder * 2 == divisor && !hundredths.IsEven))
        {
            hundredths++;
        }

        var whole = BigInteger.DivRem(hundredths, 100, out var cents);
        return $"{whole.ToString(Invariant)}.{((int)cents).ToString("00", Invariant)} {units[Math.Min(divisions, units.Length - 1)]}";
    }

    internal static int[] ColumnWidths(double[] positions, int length)
    {
        var widths = new int[positions.Length];
        var current = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            widths[i] = (int)(positions[i] * length) - current;
            if (widths[i] < 4)
            {
                throw new ArgumentException(
                    $"Insufficient console width to print summary: column {i} would be {widths[i]} characters wide, expected at least 4. " +
                    $"Received: lineLength={length}, positions=[{Join(positions)}]",
                    "lineLength");
            }

            current += widths[i];
        }

        return widths;
    }

    private static (int From, int To) LayerRange(IReadOnlyList<Layer> layers, (string First, string Last)? range)
    {
        if (range is not { } r)
        {
            return (0, layers.Count);
        }

        // Python's re.match: the pattern must match at the start of the name.
        List<int> Matching(string pattern) => Enumerable.Range(0, layers.Count)
            .Where(i => Regex.IsMatch(layers[i].Name, $@"\A(?:{pattern})", RegexOptions.None, TimeSpan.FromSeconds(1))).ToList();

        var lower = Matching(r.First);
        var upper = Matching(r.Last);
        if (lower.Count == 0 || upper.Count == 0)
        {
            throw new ArgumentException(
                $"Passed layer_names do not match the layer names in the model. Received: layerRange=({r.First}, {r.Last})", "layerRange");
        }

        return lower.Min() > upper.Max() ? (upper.Min(), lower.Max() + 1) : (lower.Min(), upper.Max() + 1);
    }

    private IReadOnlyList<Layer> LayersOf(Model model) => model switch
    {
        { IsFunctional: true } when ReferenceEquals(model, _model) => _graph!.Layers,
        { IsFunctional: true } => new FunctionalGraph(model).Layers,
        _ => model.Layers,
    };

    private void AddRows(List<IReadOnlyList<string>> rows, Layer layer, Model owner, int level)
    {
        var prefix = level > 0 ? new string(' ', 3 * level) + "└ " : string.Empty;
        var cells = new List<string>
        {
            $"{prefix}{layer.Name} ({layer.ClassName})",
            OutputShape(layer, owner),
            layer.Built ? layer.CountParams().ToString("N0", Invariant) : "0 (unbuilt)",
        };
        if (!_sequentialLike)
        {
            cells.Add(Connections(layer));
        }

        if (_showTrainable)
        {
            cells.Add(layer.Weights.Count == 0 ? "-" : layer.Trainable ? "Y" : "N");
        }

        rows.Add(cells);
        if (_expandNested && layer is Model nested)
        {
            foreach (var sublayer in LayersOf(nested))
            {
                AddRows(rows, sublayer, nested, level + 1);
            }
        }
    }

    // Keras takes the shapes from the layer's last call in a graph, else from the shapes it was built for, else "?".
    private string OutputShape(Layer layer, Model owner)
    {
        if (owner is Sequential sequential)
        {
            if (!_sequentialShapes.TryGetValue(sequential, out var shapes))
            {
                shapes = sequential.LayerOutputShapes();
                _sequentialShapes[sequential] = shapes;
            }

            var index = sequential.Layers.ToList().IndexOf(layer);
            if (index >= 0 && shapes[index] is { } shape)
            {
                return FormatShape(shape);
            }
        }

        if (layer.InboundNodes.Count > 0)
        {
            return FormatShapes(layer.InboundNodes[^1].Outputs.Select(t => t.Shape).ToArray());
        }

        if (layer.BuildShapes is { } buildShapes)
        {
            try
            {
                return FormatShapes(layer.ComputeOutputShapes(buildShapes));
            }
            catch (NotSupportedException)
            {
                return "?";
            }
        }

        return "?";
    }

    private string Connections(Layer layer)
    {
        var inputs = layer.InboundNodes
            .Where(n => _graph!.Contains(n))
            .SelectMany(n => n.Inputs)
            .Select(t => $"{t.Layer.Name}[{t.Node.Index}][{t.TensorIndex}]");
        var text = string.Join(", ", inputs);
        return text.Length == 0 ? "-" : text;
    }

    private void AppendFooter(StringBuilder sb)
    {
        foreach (var (label, count, bits) in FooterEntries())
        {
            FooterLine(sb, label, count, bits);
        }
    }

    private List<(string Label, long Count, BigInteger Bits)> FooterEntries()
    {
        var trainable = _model.TrainableWeights;
        var nonTrainable = _model.NonTrainableWeights;
        var optimizer = _model.Compiled && _model.Optimizer is { Built: true } o ? o : null;
        var trainableCount = trainable.Sum(w => w.Count);
        var nonTrainableCount = nonTrainable.Sum(w => w.Count);
        var optimizerCount = optimizer?.CountParams() ?? 0;

        // Sizes count each variable once, as Keras's weight_memory_size does.
        var trainableBits = MemoryBits(trainable);
        var nonTrainableBits = MemoryBits(nonTrainable);
        var optimizerBits = (BigInteger)optimizerCount * BitsPerParam;

        var entries = new List<(string, long, BigInteger)>
        {
            ("Total params", trainableCount + nonTrainableCount + optimizerCount, trainableBits + nonTrainableBits + optimizerBits),
            ("Trainable params", trainableCount, trainableBits),
            ("Non-trainable params", nonTrainableCount, nonTrainableBits),
        };
        if (optimizer is not null)
        {
            entries.Add(("Optimizer params", optimizerCount, optimizerBits));
        }

        return entries;
    }

    private static void FooterLine(StringBuilder sb, string label, long count, BigInteger bits) =>
        sb.Append($" {label}: {count.ToString("N0", Invariant)} ({ReadableSize(bits)})\n");

    private static BigInteger MemoryBits(IEnumerable<Variable> weights) =>
        weights.Distinct(ReferenceEqualityComparer.Instance).Cast<Variable>()
            .Aggregate(BigInteger.Zero, (sum, w) => sum + ((BigInteger)w.Count * BitsPerParam));

    private static string FormatShapes(IReadOnlyList<Shape> shapes) => shapes.Count == 1
        ? FormatShape(shapes[0])
        : "[" + string.Join(", ", shapes.Select(FormatShape)) + "]";

    // Keras joins the dimensions itself, so a rank-1 shape prints as "(None)", not "(None,)".
    private static string FormatShape(Shape shape) =>
        "(" + string.Join(", ", shape.ToArray().Select(d => d?.ToString(Invariant) ?? "None")) + ")";

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString(Invariant)));
}
