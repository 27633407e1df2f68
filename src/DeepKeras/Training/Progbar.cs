using System.Globalization;
using System.Text;

namespace DeepKeras.Training;

/// <summary>
/// Keras 3's progress bar (<c>keras.utils.Progbar</c>): <c>422/422 ━━━━━━━━━━━━━━━━━━━━ 7s 9ms/step - loss: 0.7644</c>.
/// On a terminal (verbose 1) it redraws in place with Keras's ANSI colours; when output is redirected it writes
/// the final line of each bar only, without control characters. Verbose 2 writes one line per bar:
/// <c>422/422 - 3s - 7ms/step - loss: 0.1237</c>.
/// </summary>
public sealed class Progbar
{
    private readonly TextWriter _out;
    private readonly bool _dynamic;
    private readonly double _interval;
    private readonly Func<double> _clock;
    private readonly double _start;
    private double _lastUpdate = double.NegativeInfinity;
    private double? _timeAfterFirstStep;
    private int _prevTotalWidth;

    /// <summary>Creates a progress bar.</summary>
    /// <param name="target">Total number of steps, or null if unknown.</param>
    /// <param name="verbose">1 = bar, 2 = one line when finished.</param>
    /// <param name="output">Where to write (default <see cref="Console.Out"/>).</param>
    /// <param name="dynamicDisplay">Redraw in place; default: <see cref="DefaultDynamicDisplay"/>, else true when the
    /// console output is not redirected.</param>
    /// <param name="width">Bar width in characters (default 20).</param>
    /// <param name="interval">Minimum seconds between redraws (default 0.05).</param>
    /// <param name="unitName">Unit shown in the time per unit (default <c>step</c>).</param>
    /// <param name="clock">Seconds since an arbitrary origin (tests inject a fake clock).</param>
    public Progbar(int? target, int verbose = 1, TextWriter? output = null, bool? dynamicDisplay = null, int width = 20,
        double interval = 0.05, string unitName = "step", Func<double>? clock = null)
    {
        Target = target;
        Verbose = verbose;
        _out = output ?? Console.Out;
        _dynamic = dynamicDisplay ?? (output is null && (DefaultDynamicDisplay ?? !Console.IsOutputRedirected));
        Width = width;
        _interval = interval;
        UnitName = unitName;
        _clock = clock ?? DefaultClock;
        _start = _clock();
    }

    /// <summary>
    /// Gets or sets whether bars that write to the console redraw in place when the constructor is not told:
    /// null (the default) decides from the console (a terminal redraws; redirected output gets one line per bar);
    /// false always writes one clean line per bar. Notebook kernels capture the console through a writer while the
    /// process may still sit on a terminal, so <c>DeepKeras.Interactive</c> sets this to false.
    /// </summary>
    public static bool? DefaultDynamicDisplay { get; set; }

    private static readonly System.Diagnostics.Stopwatch Watch = System.Diagnostics.Stopwatch.StartNew();

    private static double DefaultClock() => Watch.Elapsed.TotalSeconds;

    /// <summary>Gets or sets the number of steps, or null if unknown (it may be set once learned, before the last update).</summary>
    public int? Target { get; set; }

    /// <summary>Gets the verbosity.</summary>
    public int Verbose { get; }

    /// <summary>Gets the bar width.</summary>
    public int Width { get; }

    /// <summary>Gets the unit name.</summary>
    public string UnitName { get; }

    /// <summary>Updates the bar. Values are shown as given (Keras 3 metrics are already running means).</summary>
    /// <param name="current">Steps done.</param>
    /// <param name="values">Name/value pairs to show, in display order.</param>
    /// <param name="finalize">Whether this is the last update; default <c>current &gt;= target</c>.</param>
    public void Update(int current, IEnumerable<KeyValuePair<string, double>>? values = null, bool? finalize = null)
    {
        var fin = finalize ?? (Target is { } t && current >= t);
        var now = _clock();
        var timePerUnit = EstimateStepDuration(current, now);
        if (Verbose == 1)
        {
            if (now - _lastUpdate < _interval && !fin)
            {
                return;
            }

            _lastUpdate = now;
            if (!_dynamic && !fin)
            {
                return;
            }

            _out.Write(_dynamic ? RenderDynamic(current, values, fin, now, timePerUnit) : RenderPlain(current, values, now, timePerUnit) + "\n");
            _out.Flush();
        }
        else if (Verbose == 2 && fin && Target is > 0)
        {
            var sb = new StringBuilder();
            sb.Append(Counter(current)).Append(" - ").Append(Seconds(now - _start)).Append("s -").Append(FormatTime(timePerUnit));
            AppendValues(sb, values, absolute: false);
            _out.Write(sb.Append('\n').ToString());
            _out.Flush();
        }
    }

    private string RenderPlain(int current, IEnumerable<KeyValuePair<string, double>>? values, double now, double timePerUnit)
    {
        var sb = new StringBuilder();
        if (Target is > 0)
        {
            // Written only when finished, so the bar is full.
            sb.Append(Counter(current)).Append(' ').Append('━', Width);
        }
        else
        {
            sb.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append("/Unknown");
        }

        sb.Append(' ').Append(Seconds(now - _start)).Append('s').Append(FormatTime(timePerUnit));
        AppendValues(sb, values, absolute: true);
        return sb.ToString();
    }

    private string RenderDynamic(int current, IEnumerable<KeyValuePair<string, double>>? values, bool fin, double now, double timePerUnit)
    {
        var message = new StringBuilder();
        message.Append('\b', _prevTotalWidth).Append('\r');
        var bar = new StringBuilder();
        var special = 0;
        if (Target is > 0)
        {
            bar.Append("\x1b[1m").Append(Counter(current)).Append("\x1b[0m ");
            special += 8;
            var progWidth = (int)(Width * (double)current / Target.Value);
            if (progWidth > 0)
            {
                bar.Append("\x1b[32m").Append('━', progWidth).Append("\x1b[0m");
                special += 9;
            }

            bar.Append("\x1b[37m").Append('━', Width - progWidth).Append("\x1b[0m");
            special += 9;
        }
        else
        {
            bar.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append("/Unknown");
        }

        var info = new StringBuilder();
        if (Target is > 0 && !fin)
        {
            var eta = timePerUnit * (Target.Value - current);
            var etaText = eta > 3600 ? $"{(int)(eta / 3600)}:{(int)(eta % 3600 / 60):00}:{(int)(eta % 60):00}"
                : eta > 60 ? $"{(int)(eta / 60)}:{(int)(eta % 60):00}" : $"{(int)eta}s";
            info.Append(" \x1b[1m").Append(etaText).Append("\x1b[0m");
        }
        else
        {
            info.Append(" \x1b[1m").Append(Seconds(now - _start)).Append("s\x1b[0m");
        }

        special += 8;
        info.Append(FormatTime(timePerUnit));
        AppendValues(info, values, absolute: true);
        message.Append(bar).Append(info);
        var totalWidth = bar.Length + info.Length - special;
        if (_prevTotalWidth > totalWidth)
        {
            message.Append(' ', _prevTotalWidth - totalWidth);
        }

        if (fin)
        {
            message.Append('\n');
        }

        _prevTotalWidth = totalWidth;
        return message.ToString();
    }

    private string Counter(int current)
    {
        var digits = (int)Math.Floor(Math.Log10(Target!.Value)) + 1;
        return current.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + "/" + Target.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static string Seconds(double s) => Math.Round(s, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture);

    private static void AppendValues(StringBuilder sb, IEnumerable<KeyValuePair<string, double>>? values, bool absolute)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (k, v) in values)
        {
            sb.Append(" - ").Append(k).Append(": ").Append(FormatValue(v, absolute));
        }
    }

    /// <summary>Keras's value format: <c>%.4f</c> when |v| &gt; 1e-3, else <c>%.4e</c>.</summary>
    internal static string FormatValue(double v, bool absolute = true)
    {
        if (double.IsNaN(v))
        {
            return "nan";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        return (absolute ? Math.Abs(v) : v) > 1e-3
            ? v.ToString("F4", CultureInfo.InvariantCulture)
            : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>Keras's time per unit: <c> 9ms/step</c>, <c> 1s/step</c>, <c> 850us/step</c>.</summary>
    internal string FormatTime(double timePerUnit)
    {
        if (timePerUnit >= 1 || timePerUnit == 0)
        {
            return $" {Seconds(timePerUnit)}s/{UnitName}";
        }

        return timePerUnit >= 1e-3
            ? $" {Seconds(timePerUnit * 1000)}ms/{UnitName}"
            : $" {Seconds(timePerUnit * 1e6)}us/{UnitName}";
    }

    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0)
        {
            return 0;
        }

        var perUnit = _timeAfterFirstStep is { } t1 && current > 1 ? (now - t1) / (current - 1) : (now - _start) / current;
        if (current == 1)
        {
            _timeAfterFirstStep = now;
        }

        return perUnit;
    }
}
