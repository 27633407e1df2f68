using System.Collections;
using DeepKeras.Saving;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Compares configs (plain JSON values) key by key and reports every difference with its path.</summary>
internal static class ConfigDiff
{
    /// <summary>Fails with one line per difference (<c>path: Keras …, DeepKeras …</c>) when the values differ.</summary>
    public static void AssertEqual(object? expected, object? actual, string label)
    {
        var differences = new List<string>();
        Compare(expected, actual, label, differences);
        Assert.True(differences.Count == 0, $"{differences.Count} difference(s):\n" + string.Join("\n", differences));
    }

    /// <summary>A config as it reads back from the JSON it is saved as (numbers as long or double, lists, dictionaries).</summary>
    public static object? Json(object? config) => KerasJson.Parse(KerasJson.Write(KerasSerializer.ToPlain(config)));

    /// <summary>A plain config without the <c>build_config</c> entries of the objects nested in it.</summary>
    public static object? WithoutBuildConfig(object? value) => value switch
    {
        Dictionary<string, object?> d => d.Where(kv => kv.Key != "build_config").ToDictionary(kv => kv.Key, kv => WithoutBuildConfig(kv.Value)),
        List<object?> l => l.Select(WithoutBuildConfig).ToList(),
        _ => value,
    };

    /// <summary>The path of the first value that is not a plain JSON value (null, string, bool, number, list, string-keyed dictionary).</summary>
    public static string? FirstNonPlain(object? value, string path) => value switch
    {
        null or string or bool or int or long or double or float or short or byte => null,
        IDictionary<string, object?> d => d.Select(kv => FirstNonPlain(kv.Value, $"{path}.{kv.Key}")).FirstOrDefault(p => p is not null),
        Array or IList => ((IEnumerable)value).Cast<object?>().Select((v, i) => FirstNonPlain(v, $"{path}[{i}]")).FirstOrDefault(p => p is not null),
        _ => $"{path} ({value.GetType().Name})",
    };

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (Dictionary<string, object?> e, Dictionary<string, object?> a):
                foreach (var key in e.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
                {
                    if (!a.TryGetValue(key, out var av))
                    {
                        differences.Add($"{path}.{key}: missing in DeepKeras (Keras: {Text(e[key])})");
                    }
                    else if (!e.TryGetValue(key, out var ev))
                    {
                        differences.Add($"{path}.{key}: not in Keras (DeepKeras: {Text(av)})");
                    }
                    else
                    {
                        Compare(ev, av, $"{path}.{key}", differences);
                    }
                }

                break;
            case (List<object?> e, List<object?> a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (Text(expected) != Text(actual))
                {
                    differences.Add($"{path}: Keras {Text(expected)}, DeepKeras {Text(actual)}");
                }

                break;
        }
    }

    private static string Text(object? value) => KerasJson.Write(value);
}
