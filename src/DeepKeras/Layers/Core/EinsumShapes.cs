using System.Text.RegularExpressions;

namespace DeepKeras.Layers;

/// <summary>
/// The shapes an <see cref="EinsumDense"/> equation implies (Keras <c>_analyze_einsum_string</c>): the kernel, the bias, the
/// full output, and which kernel axes are input and output units (the fans of a variance-scaling initializer).
/// </summary>
/// <param name="Kernel">The kernel shape.</param>
/// <param name="Bias">The bias shape, or null without <c>bias_axes</c>.</param>
/// <param name="Output">The output shape, batch axis included.</param>
/// <param name="InputAxes">The kernel axes shared with the input.</param>
/// <param name="OutputAxes">The kernel axes shared with the output.</param>
internal sealed record EinsumShapes(int?[] Kernel, int?[]? Bias, int?[] Output, int[] InputAxes, int[] OutputAxes)
{
    private static readonly Regex Plain = new("^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$");
    private static readonly Regex LeftElided = new("^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)$");
    private static readonly Regex RightElided = new("^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0$");

    /// <summary>Checks the form of an equation: <c>ab,bc-&gt;ac</c>, <c>...ab,bc-&gt;...ac</c> or <c>ab...,bc-&gt;ac...</c>.</summary>
    /// <param name="equation">The equation.</param>
    /// <returns>The input, weight and output specs and whether the ellipsis is on the left.</returns>
    /// <exception cref="ArgumentException">The equation has another form.</exception>
    public static (string Input, string Weight, string Output, bool LeftElided) Parse(string equation)
    {
        var replaced = equation.Replace("...", "0", StringComparison.Ordinal);
        foreach (var (regex, left) in new[] { (Plain, false), (LeftElided, true), (RightElided, false) })
        {
            if (regex.Match(replaced) is { Success: true } m)
            {
                return (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, left);
            }
        }

        throw new ArgumentException(
            $"Invalid einsum equation '{equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....",
            nameof(equation));
    }

    /// <summary>Analyzes <paramref name="equation"/> for an input of shape <paramref name="inputShape"/>.</summary>
    /// <param name="equation">The einsum equation.</param>
    /// <param name="biasAxes">The output axes that get a bias, or null.</param>
    /// <param name="inputShape">The input shape, batch axis included.</param>
    /// <param name="partialOutputShape">The output shape without the batch axis and the elided axes.</param>
    /// <exception cref="ArgumentException">The equation, bias axes and shapes do not fit together.</exception>
    public static EinsumShapes Analyze(string equation, string? biasAxes, Shape inputShape, IReadOnlyList<int?> partialOutputShape)
    {
        var (inputSpec, weightSpec, outputSpec, left) = Parse(equation);
        var input = inputShape.ToArray();
        var elided = input.Length - inputSpec.Length;
        var output = new List<int?>(partialOutputShape);
        output.Insert(0, input[0]);
        if (elided > 0 && left)
        {
            // Keras inserts each elided axis at position 1 in turn.
            for (var i = 1; i < elided; i++)
            {
                output.Insert(1, input[i]);
            }
        }
        else if (elided > 0)
        {
            for (var i = input.Length - elided; i < input.Length; i++)
            {
                output.Add(input[i]);
            }
        }

        var inputDim = inputSpec.Select((c, i) => (c, i: left ? i + elided : i)).ToDictionary(p => p.c, p => p.i);
        var outputDim = outputSpec.Select((c, i) => (c, i: left ? i + elided : i)).ToDictionary(p => p.c, p => p.i);
        int? At(List<int?> dims, int index) => index >= 0 && index < dims.Count ? dims[index] : throw new ArgumentException(
            $"Einsum equation '{equation}' does not fit the input shape {inputShape} and output shape {Format(partialOutputShape)}.");
        var inputList = input.ToList();
        foreach (var c in inputSpec)
        {
            if (outputDim.TryGetValue(c, out var o) && At(output, o) is { } outSize && At(inputList, inputDim[c]) is var inSize && outSize != inSize)
            {
                throw new ArgumentException(
                    $"Input shape and output shape do not match at shared dimension '{c}'. Input shape is {Dim(inSize)}, and output shape is {outSize}.");
            }
        }

        foreach (var c in outputSpec.Where(c => !inputSpec.Contains(c) && !weightSpec.Contains(c)))
        {
            throw new ArgumentException(
                $"Dimension '{c}' was specified in the output '{outputSpec}' but has no corresponding dim in the input spec '{inputSpec}' or weight spec '{outputSpec}'");
        }

        var kernel = new List<int?>();
        var (inputAxes, outputAxes) = (new List<int>(), new List<int>());
        for (var i = 0; i < weightSpec.Length; i++)
        {
            var c = weightSpec[i];
            if (outputDim.TryGetValue(c, out var o))
            {
                kernel.Add(At(output, o));
                outputAxes.Add(i);
            }
            else if (inputDim.TryGetValue(c, out var n))
            {
                kernel.Add(At(inputList, n));
                inputAxes.Add(i);
            }
            else
            {
                throw new ArgumentException(
                    $"Weight dimension '{c}' did not have a match in either the input spec '{inputSpec}' or the output spec '{outputSpec}'. " +
                    "For this layer, the weight must be fully specified.");
            }
        }

        return new EinsumShapes([.. kernel], BiasShape(biasAxes, outputSpec, output, left ? elided : 0, left ? 0 : elided), [.. output],
            [.. inputAxes], [.. outputAxes]);
    }

    private static int?[]? BiasShape(string? biasAxes, string outputSpec, List<int?> output, int leftElided, int rightElided)
    {
        if (biasAxes is null)
        {
            return null;
        }

        foreach (var c in biasAxes.Where(c => !outputSpec.Contains(c)))
        {
            throw new ArgumentException($"Bias dimension '{c}' was requested, but is not part of the output spec '{outputSpec}'");
        }

        var first = biasAxes.Min(c => outputSpec.IndexOf(c));
        var shape = outputSpec[first..].Select(c => biasAxes.Contains(c) ? output[outputSpec.IndexOf(c) + leftElided] : 1).ToList();
        shape.AddRange(Enumerable.Repeat<int?>(1, rightElided));
        return [.. shape];
    }

    private static string Dim(int? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";

    private static string Format(IReadOnlyList<int?> dims) => "(" + string.Join(", ", dims.Select(Dim)) + (dims.Count == 1 ? ",)" : ")");
}
