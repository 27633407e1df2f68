using System.Buffers.Binary;
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
        // libtorch aborts the process on a state of the wrong size instead of raising an error: check it here.
        using (var current = torch.get_rng_state())
        {
            if (torchState.Length != current.numel())
            {
                throw new ArgumentException(
                    $"Invalid torch random state: expected {current.numel()} bytes, received {torchState.Length}.", nameof(torchState));
            }
        }

        // It also aborts on an invalid Mersenne Twister state (at::mt19937::is_valid): seeded, 0 < left <= 624,
        // next <= 624, stored at bytes 8, 12 and 16 of the state (CPUGeneratorImplStateLegacy).
        var left = BinaryPrimitives.ReadInt32LittleEndian(torchState.AsSpan(8));
        var seeded = BinaryPrimitives.ReadInt32LittleEndian(torchState.AsSpan(12));
        var next = (uint)BinaryPrimitives.ReadUInt64LittleEndian(torchState.AsSpan(16));
        if (seeded == 0 || left is <= 0 or > 624 || next > 624)
        {
            throw new ArgumentException("Invalid torch random state: not a valid Mersenne Twister state.", nameof(torchState));
        }

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
