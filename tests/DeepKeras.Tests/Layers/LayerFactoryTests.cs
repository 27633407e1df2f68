using System.Reflection;
using DeepKeras.Layers;

namespace DeepKeras.Tests.Layers;

/// <summary>
/// One source of truth per layer: every public layer class has a <c>Keras.Layers</c> factory per public constructor
/// with exactly its parameters, takes Keras's base arguments, and is known to the saving registry.
/// </summary>
public sealed class LayerFactoryTests
{
    private static readonly Type[] LayerTypes = typeof(Layer).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(Layer)) && !t.IsAbstract && t.Namespace == "DeepKeras.Layers")
        .OrderBy(t => t.Name)
        .ToArray();

    public static TheoryData<string> LayerNames => new(LayerTypes.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void EveryConstructor_HasAFactoryWithTheSameParameters(string layer)
    {
        var type = LayerTypes.Single(t => t.Name == layer);
        var factories = typeof(Keras.Layers).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == layer && m.ReturnType == type).Select(Signature).ToHashSet();
        foreach (var ctor in type.GetConstructors())
        {
            Assert.Contains(Signature(ctor), factories);
        }
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void EveryConstructor_TakesKerasBaseArguments(string layer)
    {
        var type = LayerTypes.Single(t => t.Name == layer);
        foreach (var ctor in type.GetConstructors())
        {
            var names = ctor.GetParameters().Select(p => p.Name).ToList();
            Assert.True(names.Contains("name"), $"{layer}({string.Join(", ", names)}) has no `name`");
            Assert.True(names.Contains("trainable") || layer == "InputLayer", $"{layer}({string.Join(", ", names)}) has no `trainable`");
            // A cell is only ever called by an RNN layer, never placed first in a Sequential.
            var isCell = type.IsSubclassOf(typeof(RNNCell));
            Assert.True(names.Contains("inputShape") || layer == "InputLayer" || isCell, $"{layer}({string.Join(", ", names)}) has no `inputShape`");
        }
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void EveryLayerClass_IsRegisteredForSaving(string layer)
    {
        var type = LayerTypes.Single(t => t.Name == layer);
        Assert.NotNull(global::DeepKeras.Saving.ObjectRegistry.ForType(type));
    }

    private static string Signature(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{p.ParameterType} {p.Name}{(p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : "")}"));
}
