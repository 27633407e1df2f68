using TorchSharp;

namespace DeepKeras.Backend;

/// <summary>The seeded random state shared by initializers, dropout and shuffling; it can be captured and restored.</summary>
internal static class RandomState
{
    private static SerializableRandom _shuffle = new(System.Random.Shared.NextInt64());

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

        _shuffle = new SerializableRandom(seed);
    }

    /// <summary>Captures the CPU torch generator state and the shuffling generator state.</summary>
    public static (byte[] Torch, ulong[] Shuffle) GetState()
    {
        Keras.Backend.EnsureInitialized();
        using var state = torch.get_rng_state();
        return (state.data<byte>().ToArray(), _shuffle.State);
    }

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state is not one this version of libtorch produced.</exception>
    public static void SetState(byte[] torchState, ulong[] shuffleState)
    {
        Keras.Backend.EnsureInitialized();
        var shuffle = new SerializableRandom(0) { State = shuffleState };
        using var state = torch.tensor(torchState, torch.ScalarType.Byte);
        try
        {
            torch.set_rng_state(state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"Invalid torch random state ({torchState.Length} bytes): {e.Message}", nameof(torchState), e);
        }

        _shuffle = shuffle;
    }
}
