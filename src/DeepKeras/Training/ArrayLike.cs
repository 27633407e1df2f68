using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// Any array a model accepts: a NumSharp <see cref="NDArray"/>, a TorchSharp <see cref="Tensor"/> or a .NET array
/// (<c>float[]</c>, <c>float[,]</c>, <c>float[,,,]</c>, <c>int[]</c>, <c>byte[,,]</c>, …). An array of such arrays
/// (<c>new[] { xA, xB }</c>) means one array per model input or output. Conversion is implicit.
/// </summary>
public sealed class ArrayLike
{
    private readonly Func<string, Tensor[]> _convert;
    private Tensor[]? _tensors;

    private ArrayLike(Func<string, Tensor[]> convert) => _convert = convert;

    /// <summary>Converts to CPU tensors (cached); <paramref name="argName"/> names the argument in errors.</summary>
    internal Tensor[] ToTensors(string argName)
    {
        if (_tensors is null)
        {
            _tensors = _convert(argName);
            foreach (var t in _tensors)
            {
                t.DetachFromDisposeScope();
            }
        }

        return _tensors;
    }

    /// <summary>Wraps a NumSharp array.</summary>
    public static implicit operator ArrayLike(NDArray array) => new(n => [TensorConvert.ToTensor(array, n)]);

    /// <summary>Wraps a TorchSharp tensor (not copied).</summary>
    public static implicit operator ArrayLike(Tensor tensor) => new(_ => [tensor]);

    /// <summary>Wraps a .NET array, or an array of arrays (one per model input/output).</summary>
    public static implicit operator ArrayLike(Array array) => new(n => FromArray(array, n));

    /// <summary>Wraps several arrays (one per model input/output).</summary>
    public static ArrayLike Many(params ArrayLike[] arrays) =>
        new(n => arrays.SelectMany((a, i) => a.ToTensors($"{n}[{i}]")).ToArray());

    private static Tensor[] FromArray(Array array, string name) => array switch
    {
        NDArray[] list => list.Select((a, i) => TensorConvert.ToTensor(a, $"{name}[{i}]")).ToArray(),
        Tensor[] list => list,
        ArrayLike[] list => list.SelectMany((a, i) => a.ToTensors($"{name}[{i}]")).ToArray(),
        Array[] list when array.GetType() == typeof(Array[]) =>
            list.Select((a, i) => TensorConvert.ToTensor(a, $"{name}[{i}]")).ToArray(),
        Array[] rows => [TensorConvert.StackRows(rows, name, TensorConvert.ToTensor)],
        _ => [TensorConvert.ToTensor(array, name)],
    };
}
