using System.Globalization;
using DeepKeras.Engine;
using DeepKeras.Models;

namespace DeepKeras.Examples.Dnn;

/// <summary>
/// Prints a model's layers, output shapes and parameter counts. Stand-in for <c>model.Summary()</c>, which is
/// being added to <see cref="Model"/> on another branch: replace <c>ModelSummary.Print(m)</c> by <c>m.Summary()</c>
/// once it is there.
/// </summary>
internal static class ModelSummary
{
    public static void Print(Sequential model)
    {
        Console.WriteLine($"Model: \"{model.Name}\"");
        Console.WriteLine($"{"Layer (type)",-38}{"Output Shape",-29}{"Param #",17}");
        var shape = model.BatchInputShape;
        foreach (var layer in model.Layers)
        {
            shape = shape is { } s ? layer.ComputeOutputShape(s) : (Shape?)null;
            Console.WriteLine($"{$"{layer.Name} ({layer.ClassName})",-38}{shape?.ToString() ?? "?",-29}{layer.CountParams().ToString("N0", CultureInfo.InvariantCulture),17}");
        }

        Console.WriteLine($" Total params: {model.CountParams().ToString("N0", CultureInfo.InvariantCulture)}");
    }
}
