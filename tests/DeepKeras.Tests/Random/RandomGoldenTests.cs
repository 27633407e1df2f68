using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Random;
using static TorchSharp.torch;

// Not DeepKeras.Tests.Random: a namespace named Random would hide System.Random in every test namespace.
namespace DeepKeras.Tests.KerasRandom;

/// <summary>
/// Seeded draws against Keras 3's torch backend (scripts/keras-golden/gen_ops.py, case "random_seeded"): an int seed
/// and the first draw of a SeedGenerator give Keras's exact numbers, as does the global dropout after SetRandomSeed.
/// </summary>
public sealed class RandomGoldenTests
{
    private static readonly GoldenOps Golden = GoldenOps.Load("random_seeded");

    private static readonly Dictionary<string, Func<GoldenOps, Tensor>> Calls = new()
    {
        ["normal_1"] = _ => Normal((3, 4), seed: 1),
        ["normal_42_mean_std"] = _ => Normal(5, mean: 2.0, stddev: 0.5, seed: 42),
        ["normal_7_float64"] = _ => Normal(4, seed: 7, dtype: "float64"),
        ["normal_big"] = _ => Normal(40, seed: 3),
        ["uniform_1"] = _ => Uniform((3, 4), seed: 1),
        ["uniform_5_range"] = _ => Uniform(6, minval: -2.0, maxval: 3.0, seed: 5),
        ["truncated_normal_1"] = _ => TruncatedNormal((3, 5), seed: 1),
        ["truncated_normal_9"] = _ => TruncatedNormal(50, mean: 1.0, stddev: 2.0, seed: 9),
        ["randint_1"] = _ => Randint((3, 4), 0, 10, seed: 1),
        ["randint_int64"] = _ => Randint(5, -3, 3, seed: 2, dtype: "int64"),
        ["categorical_1"] = g => Categorical(g["lg"], 6, seed: 1),
        ["dropout_seed"] = g => Dropout(g["rx"], 0.5, seed: 11),
        ["dropout_noise_shape"] = g => Dropout(g["rx"], 0.25, noiseShape: (1, 6), seed: 4),
        ["dropout_noise_shape_none"] = g => Dropout(g["rx"], 0.25, noiseShape: new Shape(null, 1), seed: 4),
        ["dropout_rate1"] = g => Dropout(g["rx"], 1.0, seed: 1),
        ["shuffle_0"] = g => Shuffle(g["r3"], seed: 3),
        ["shuffle_1"] = g => Shuffle(g["r3"], axis: 1, seed: 3),
        ["shuffle_2"] = g => Shuffle(g["r3"], axis: 2, seed: 5),
        ["shuffle_negative_seed"] = _ => Shuffle(Keras.Ops.Arange(8), seed: -5),
        ["seed_generator_first"] = _ => Normal((2, 3), seed: new SeedGenerator(1337)),
        ["seed_generator_dropout_first"] = g => Dropout(g["rx"], 0.5, seed: new SeedGenerator(20)),
        ["global_dropout_after_set_random_seed"] = g =>
        {
            var x = g["rx"];
            Keras.Utils.SetRandomSeed(123);
            return Dropout(x, 0.5);
        },
    };

    public static TheoryData<string> Names => new(Calls.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Draw_MatchesKerasTorchBackend(string name)
    {
        using var scope = NewDisposeScope();
        Golden.Check(name, Calls[name](Golden), tol: 1e-6);
    }

    [Fact]
    public void EveryKerasResult_HasACall() => Assert.Equal(Golden.ResultNames, Calls.Keys.Order(StringComparer.Ordinal));
}
