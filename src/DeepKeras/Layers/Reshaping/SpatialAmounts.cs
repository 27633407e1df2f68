namespace DeepKeras.Layers;

/// <summary>
/// The (before, after) amounts per spatial axis of the zero-padding and cropping layers: their check, their text in
/// messages and their config value.
/// </summary>
internal static class SpatialAmounts
{
    /// <summary>Copies the amounts, failing with Keras's message when one is negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative; the message names <paramref name="argName"/>.</exception>
    public static (int Before, int After)[] NonNegative(IReadOnlyList<(int Before, int After)> amounts, string argName)
    {
        var copy = amounts.ToArray();
        if (copy.Any(a => a.Before < 0 || a.After < 0))
        {
            throw new ArgumentOutOfRangeException(argName, Format(copy),
                $"`{argName}` should contain non-negative integers. Received: {argName}={Format(copy)}");
        }

        return copy;
    }

    /// <summary>Python's text of the amounts: <c>(1, 2)</c> for one axis, <c>((1, 2), (3, 4))</c> for several.</summary>
    public static string Format(IReadOnlyList<(int Before, int After)> amounts) => amounts.Count == 1
        ? $"({amounts[0].Before}, {amounts[0].After})"
        : "(" + string.Join(", ", amounts.Select(a => $"({a.Before}, {a.After})")) + ")";

    /// <summary>Keras's config value: <c>[before, after]</c> for one axis, <c>[[b, a], …]</c> for several.</summary>
    public static object Config(IReadOnlyList<(int Before, int After)> amounts) => amounts.Count == 1
        ? new[] { amounts[0].Before, amounts[0].After }
        : amounts.Select(a => new[] { a.Before, a.After }).ToArray();
}
