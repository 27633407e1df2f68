using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepKeras.Datasets;

/// <summary>
/// Reads the pickle that <c>np.save</c> writes for a 1-D object array whose elements are Python lists of integers
/// (the sequences of Keras's <c>imdb.npz</c>): <see cref="PickleReader"/> reads it as data, never unpickling it, and the
/// lists become <c>int[]</c>s.
/// </summary>
internal static class PickledIntLists
{
    /// <summary>Reads the pickled array that follows an object-dtype <c>.npy</c> header.</summary>
    /// <param name="stream">The stream, positioned after the header.</param>
    /// <param name="name">The array name for errors.</param>
    /// <param name="expectedLength">The length the <c>.npy</c> header declares.</param>
    /// <returns>One <c>int[]</c> per element of the array.</returns>
    /// <exception cref="InvalidDataException">Anything but an object array of lists of integers, or a damaged pickle.</exception>
    public static int[][] Read(Stream stream, string name, long expectedLength)
    {
        var subject = $"Array '{name}'";
        var root = PickleReader.Read(stream, name, objectArrays: true, subject);
        if (root is not List<object?> items)
        {
            throw Error(subject, $"the pickle holds {Describe(root)}, expected a numpy object array");
        }

        if (items.Count != expectedLength)
        {
            throw Error(subject, $"the pickled array has shape ({items.Count}), but the .npy header declares ({expectedLength},)");
        }

        var result = new int[items.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            var list = items[i] as List<object?> ?? throw Error(subject, $"element {i} is {Describe(items[i])}, expected a list of integers");
            var values = CollectionsMarshal.AsSpan(list);
            var seq = new int[values.Length];
            for (var k = 0; k < seq.Length; k++)
            {
                seq[k] = values[k] is long v and >= int.MinValue and <= int.MaxValue
                    ? (int)v
                    : throw Error(subject, $"element {i}[{k}] is {Describe(values[k])}, expected a 32-bit integer");
            }

            result[i] = seq;
        }

        return result;
    }

    private static InvalidDataException Error(string subject, string what) =>
        new($"{subject} cannot be read as a numpy object array of integer lists: {what}.");

    private static string Describe(object? value) => value switch
    {
        null => "None",
        long or BigInteger => $"the integer {value}",
        bool b => b ? "True" : "False",
        double d => $"the float {d.ToString(CultureInfo.InvariantCulture)}",
        byte[] => "a bytes value",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        List<object?> l => $"a list of {l.Count}",
        PickleTuple t => $"a tuple of {t.Count}",
        Dictionary<object, object?> => "a dict",
        _ => "a numpy array",
    };
}
