using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepKeras.Tests.Guides;

/// <summary>JSON text with keys sorted at every level, to compare a C# config with the one Keras saved (sorted by the generator).</summary>
internal static class GuideJson
{
    /// <summary>The canonical JSON of a value (a config dictionary, a list, a <see cref="JsonNode"/>, ...).</summary>
    /// <param name="value">The value.</param>
    public static string Canonical(object? value)
    {
        var node = value as JsonNode ?? JsonNode.Parse(JsonSerializer.Serialize(value));
        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
