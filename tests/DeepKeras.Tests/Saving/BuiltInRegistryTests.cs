using System.Text.Json;
using DeepKeras.Saving;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// One source of truth for the non-layer families too: every public loss, metric, optimizer, schedule, initializer and
/// regularizer class is known to the saving registry and round-trips through its config with its constructor defaults.
/// </summary>
public sealed class BuiltInRegistryTests
{
    private static readonly (Type Base, string Namespace)[] Families =
    [
        (typeof(global::DeepKeras.Losses.Loss), "DeepKeras.Losses"),
        (typeof(global::DeepKeras.Metrics.Metric), "DeepKeras.Metrics"),
        (typeof(global::DeepKeras.Optimizers.Optimizer), "DeepKeras.Optimizers"),
        (typeof(global::DeepKeras.Initializers.Initializer), "DeepKeras.Initializers"),
        (typeof(global::DeepKeras.Regularizers.Regularizer), "DeepKeras.Regularizers"),
    ];

    public static TheoryData<string> Types => new(typeof(Keras).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && Families.Any(f => t.Namespace == f.Namespace && t.IsSubclassOf(f.Base)))
        .Where(t => t != typeof(global::DeepKeras.Losses.LossFunctionWrapper) && t != typeof(global::DeepKeras.Metrics.MeanMetricWrapper))
        .Select(t => t.FullName!).Order());

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryPublicClass_IsRegistered_AndRoundTripsWithItsDefaults(string typeName)
    {
        var type = typeof(Keras).Assembly.GetType(typeName)!;
        Assert.NotNull(ObjectRegistry.ForType(type));
        var ctor = type.GetConstructors().FirstOrDefault(c => c.GetParameters().All(p => p.HasDefaultValue));
        if (ctor is null)
        {
            // A class with required arguments (e.g. PiecewiseConstantDecay's boundaries) is covered by its own tests.
            Assert.Contains(type.GetConstructors(), c => c.GetParameters().Any(p => !p.HasDefaultValue));
            return;
        }

        var instance = ctor.Invoke(ctor.GetParameters().Select(p => p.DefaultValue).ToArray());
        var config = Keras.Saving.SerializeKerasObject(instance);
        var family = Families.First(f => type.IsSubclassOf(f.Base)).Base;
        var again = typeof(Keras.Saving).GetMethod(nameof(Keras.Saving.DeserializeKerasObject))!.MakeGenericMethod(family)
            .Invoke(null, [config, null, true])!;
        Assert.IsType(type, again);
        Assert.Equal(JsonSerializer.Serialize(config), JsonSerializer.Serialize(Keras.Saving.SerializeKerasObject(again)));
    }

    public static TheoryData<string> Resolvable => new(typeof(Keras).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(global::DeepKeras.Losses.Loss)) || t.IsSubclassOf(typeof(global::DeepKeras.Metrics.Metric)) ||
                                      t.IsSubclassOf(typeof(global::DeepKeras.Optimizers.Optimizer))))
        .Where(t => t != typeof(global::DeepKeras.Losses.LossFunctionWrapper) && t != typeof(global::DeepKeras.Metrics.MeanMetricWrapper))
        .Select(t => t.FullName!).Order());

    [Theory]
    [MemberData(nameof(Resolvable))]
    public void EveryPublicClass_IsResolvedByItsClassName_AsKerasGetDoes(string typeName)
    {
        var type = typeof(Keras).Assembly.GetType(typeName)!;
        object resolved = type.IsSubclassOf(typeof(global::DeepKeras.Losses.Loss)) ? global::DeepKeras.Losses.Losses.Get(type.Name)
            : type.IsSubclassOf(typeof(global::DeepKeras.Metrics.Metric)) ? global::DeepKeras.Metrics.Metrics.Get(type.Name)
            : global::DeepKeras.Optimizers.Optimizers.Get(type.Name);
        Assert.IsType(type, resolved);
    }
}
