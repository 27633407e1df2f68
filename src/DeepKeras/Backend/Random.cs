using TorchSharp;

namespace DeepKeras.Backend;

/// <summary>The seeded random state shared by initializers, dropout and shuffling.</summary>
internal static class RandomState
{
    private static System.Random _shuffle = new();

    /// <summary>Gets the generator used for shuffling batches.</summary>
    public static System.Random Shuffle => _shuffle;

    public static void Seed(int seed)
    {
        Keras.Backend.EnsureInitialized();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }

        _shuffle = new System.Random(seed);
    }
}
