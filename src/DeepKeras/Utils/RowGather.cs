using NumSharp;

namespace DeepKeras.Utils;

/// <summary>
/// Copies rows (slices along axis 0) of an array into a new array, keeping its dtype: the gather behind windowed
/// datasets. Holds one flat copy of the source.
/// </summary>
internal sealed class RowGather
{
    private readonly Func<int[], int[], NDArray> _take;

    private RowGather(Func<int[], int[], NDArray> take) => _take = take;

    /// <summary>Gathers <paramref name="rows"/> into an array of shape <paramref name="leading"/> + the source's trailing shape.</summary>
    public NDArray Take(int[] rows, int[] leading) => _take(rows, leading);

    public static RowGather Of(NDArray array, string argName)
    {
        var shape = array.shape.Select(d => checked((int)d)).ToArray();
        var trailing = shape[1..];
        var rowSize = trailing.Aggregate(1, (a, b) => a * b);
        return array.typecode switch
        {
            NPTypeCode.Single => Make(array.ToArray<float>(), rowSize, trailing),
            NPTypeCode.Double => Make(array.ToArray<double>(), rowSize, trailing),
            NPTypeCode.Int32 => Make(array.ToArray<int>(), rowSize, trailing),
            NPTypeCode.Int64 => Make(array.ToArray<long>(), rowSize, trailing),
            NPTypeCode.Int16 => Make(array.ToArray<short>(), rowSize, trailing),
            NPTypeCode.Byte => Make(array.ToArray<byte>(), rowSize, trailing),
            NPTypeCode.Boolean => Make(array.ToArray<bool>(), rowSize, trailing),
            _ => throw new ArgumentException(
                $"Unsupported dtype {array.dtype.Name} for `{argName}`. Expected float, double, int, long, short, byte or bool values.", argName),
        };
    }

    private static RowGather Make<T>(T[] flat, int rowSize, int[] trailing)
        where T : unmanaged =>
        new((rows, leading) =>
        {
            var result = new T[rows.Length * rowSize];
            for (var i = 0; i < rows.Length; i++)
            {
                Array.Copy(flat, (long)rows[i] * rowSize, result, (long)i * rowSize, rowSize);
            }

            return np.array(result).reshape([.. leading, .. trailing]);
        });
}
