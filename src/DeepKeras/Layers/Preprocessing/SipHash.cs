using System.Buffers.Binary;
using System.Numerics;

namespace DeepKeras.Layers;

/// <summary>
/// SipHash-2-4 with a 128-bit key given as two 64-bit halves (Aumasson and Bernstein, 2012): the keyed hash behind
/// <c>tf.strings.to_hash_bucket_strong</c>, which Keras's <see cref="Hashing"/> layer uses when it has a <c>salt</c>.
/// </summary>
internal static class SipHash
{
    /// <summary>The 64-bit SipHash-2-4 of a string's UTF-8 bytes.</summary>
    public static ulong Hash(ulong k0, ulong k1, string text) => Hash(k0, k1, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The 64-bit SipHash-2-4 of <paramref name="data"/> under the key (<paramref name="k0"/>, <paramref name="k1"/>).</summary>
    public static ulong Hash(ulong k0, ulong k1, ReadOnlySpan<byte> data)
    {
        unchecked
        {
            var v0 = 0x736f6d6570736575UL ^ k0;
            var v1 = 0x646f72616e646f6dUL ^ k1;
            var v2 = 0x6c7967656e657261UL ^ k0;
            var v3 = 0x7465646279746573UL ^ k1;
            var full = data.Length & ~7;
            for (var i = 0; i < full; i += 8)
            {
                var m = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
                v3 ^= m;
                Round(ref v0, ref v1, ref v2, ref v3);
                Round(ref v0, ref v1, ref v2, ref v3);
                v0 ^= m;
            }

            // The last block: the remaining bytes, little-endian, with the length's low byte on top.
            var last = (ulong)(data.Length & 0xff) << 56;
            for (var i = full; i < data.Length; i++)
            {
                last |= (ulong)data[i] << (8 * (i - full));
            }

            v3 ^= last;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= last;
            v2 ^= 0xff;
            for (var i = 0; i < 4; i++)
            {
                Round(ref v0, ref v1, ref v2, ref v3);
            }

            return v0 ^ v1 ^ v2 ^ v3;
        }
    }

    /// <summary>Checks a Keras <c>salt</c> (one integer, or two) and returns the two key halves, or null for none.</summary>
    /// <param name="salt">The salt: null, one value (used twice) or two values.</param>
    /// <param name="layer">The layer class name, for the message.</param>
    /// <exception cref="ArgumentException">Any other number of values.</exception>
    public static long[]? NormalizeSalt(long[]? salt, string layer) => salt switch
    {
        null => null,
        [var a] => [a, a],
        [var a, var b] => [a, b],
        _ => throw new ArgumentException(
            $"The `salt` argument for `{layer}` can only be a tuple of size 2 integers, or a single integer. Received: salt=[{string.Join(", ", salt)}].",
            nameof(salt)),
    };

    /// <summary>The bucket of a string: SipHash-2-4 under <paramref name="salt"/> when given, else FarmHash's fingerprint, modulo <paramref name="buckets"/>.</summary>
    /// <param name="text">The string (integers are hashed as their decimal text).</param>
    /// <param name="buckets">The number of buckets.</param>
    /// <param name="salt">Null, or the two key halves.</param>
    public static long Bucket(string text, long buckets, long[]? salt) =>
        unchecked((long)((salt is null ? FarmHash.Fingerprint64(text) : Hash((ulong)salt[0], (ulong)salt[1], text)) % (ulong)buckets));

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        unchecked
        {
            v0 += v1;
            v1 = BitOperations.RotateLeft(v1, 13);
            v1 ^= v0;
            v0 = BitOperations.RotateLeft(v0, 32);
            v2 += v3;
            v3 = BitOperations.RotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = BitOperations.RotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = BitOperations.RotateLeft(v1, 17);
            v1 ^= v2;
            v2 = BitOperations.RotateLeft(v2, 32);
        }
    }
}
