namespace DeepKeras.Layers;

/// <summary>Converts between .NET string arrays of any rank and the flat row-major lists the string layers work on.</summary>
internal static class StringArrays
{
    /// <summary>The strings of <paramref name="array"/> in row-major order, and its shape.</summary>
    /// <exception cref="ArgumentException">Not an array of strings, or a null element.</exception>
    public static (string[] Values, long[] Shape) Flatten(Array array, Layer layer, string paramName)
    {
        if (array.GetType().GetElementType() != typeof(string))
        {
            throw new ArgumentException(
                $"Layer \"{layer.Name}\" ({layer.ClassName}) expects an array of strings, but received {array.GetType().Name}.", paramName);
        }

        var values = new string[array.Length];
        var i = 0;
        foreach (var item in array)
        {
            values[i++] = item as string ?? throw new ArgumentException(
                $"Layer \"{layer.Name}\" ({layer.ClassName}) received a null string at flat position {i - 1}; use \"\" for empty text.", paramName);
        }

        var shape = Enumerable.Range(0, array.Rank).Select(d => (long)array.GetLength(d)).ToArray();
        return (values, shape);
    }

    /// <summary>A string array of the given shape holding <paramref name="values"/> in row-major order.</summary>
    public static Array Shape(string[] values, long[] shape)
    {
        if (shape.Length <= 1)
        {
            return values;
        }

        var result = Array.CreateInstance(typeof(string), shape.Select(d => checked((int)d)).ToArray());
        var index = new int[shape.Length];
        foreach (var v in values)
        {
            result.SetValue(v, index);
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return result;
    }
}
