using System.Collections;

namespace DeepKeras.Saving;

/// <summary>
/// Makes config values plain JSON values, the form <c>GetConfig()</c> returns as Keras's <c>get_config()</c> does:
/// an initializer becomes its serialized dictionary, an activation its name (<c>"relu"</c>), a shape a list, an enum
/// its snake_case name. Values that are already plain (numbers, strings, booleans, null, arrays, lists and
/// dictionaries of plain values) are returned unchanged.
/// </summary>
internal static class ConfigValues
{
    /// <summary>Returns <paramref name="value"/> as a plain JSON value (arrays copied, so editing a config never edits the layer).</summary>
    /// <exception cref="ArgumentException">The value is neither plain nor a serializable Keras object.</exception>
    public static object? Plain(object? value) => value switch
    {
        Array { Rank: 1 } a when IsPlain(a) => Copy(a),
        _ when IsPlain(value) => value,
        _ => KerasSerializer.ToPlain(value),
    };

    /// <summary>Whether a value is already a plain JSON value.</summary>
    public static bool IsPlain(object? value) => value switch
    {
        null or string or bool or int or long or double or float or short or byte or sbyte or ushort or uint => true,
        IDictionary<string, object?> d => d.Values.All(IsPlain),
        Array or IList => ((IEnumerable)value).Cast<object?>().All(IsPlain),
        _ => false,
    };

    private static Array Copy(Array array)
    {
        var copy = (Array)array.Clone();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy.GetValue(i) is Array { Rank: 1 } inner)
            {
                copy.SetValue(Copy(inner), i);
            }
        }

        return copy;
    }
}
