using System.Text.RegularExpressions;

namespace DeepKeras.Engine;

/// <summary>Keras's automatic names: <c>dense</c>, <c>dense_1</c>, <c>dense_2</c>, … per prefix.</summary>
internal static class NameScope
{
    private static readonly Dictionary<string, int> Counters = new();
    private static readonly object Gate = new();

    public static string Unique(string prefix)
    {
        lock (Gate)
        {
            Counters.TryGetValue(prefix, out var n);
            Counters[prefix] = n + 1;
            return n == 0 ? prefix : $"{prefix}_{n}";
        }
    }

    public static void Reset()
    {
        lock (Gate)
        {
            Counters.Clear();
        }
    }

    /// <summary>Converts a class name to Keras's snake_case: <c>MaxPooling2D</c> → <c>max_pooling2d</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var s = Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        return Regex.Replace(s, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
    }
}
