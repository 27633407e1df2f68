using System.Buffers.Binary;
using System.Numerics;

namespace DeepKeras.Layers;

/// <summary>
/// FarmHash's 64-bit fingerprint (<c>farmhashna::Hash64</c>, TensorFlow's <c>Fingerprint64</c>): the unsalted hash behind
/// <c>tf.strings.to_hash_bucket_fast</c>, which Keras's <see cref="Hashing"/> and lookup layers use for bins.
/// A fingerprint is frozen forever: the same bytes give the same value on every platform.
/// </summary>
internal static class FarmHash
{
    private const ulong K0 = 0xc3a5c85c97cb3127UL;
    private const ulong K1 = 0xb492b66fbe98f273UL;
    private const ulong K2 = 0x9ae16a3b2f90404fUL;

    /// <summary>The fingerprint of a string's UTF-8 bytes.</summary>
    public static ulong Fingerprint64(string text) => Fingerprint64(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The fingerprint of <paramref name="s"/>.</summary>
    public static ulong Fingerprint64(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var len = s.Length;
            if (len <= 16)
            {
                return Len0To16(s);
            }

            if (len <= 32)
            {
                return Len17To32(s);
            }

            return len <= 64 ? Len33To64(s) : Long(s);
        }
    }

    private static ulong Fetch64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    private static ulong Fetch32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);

    private static ulong Rot(ulong v, int shift) => BitOperations.RotateRight(v, shift);

    private static ulong ShiftMix(ulong v) => v ^ (v >> 47);

    private static ulong Len16(ulong u, ulong v, ulong mul)
    {
        unchecked
        {
            var a = (u ^ v) * mul;
            a ^= a >> 47;
            var b = (v ^ a) * mul;
            b ^= b >> 47;
            return b * mul;
        }
    }

    private static ulong Len0To16(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var len = (ulong)s.Length;
            if (len >= 8)
            {
                var mul = K2 + (len * 2);
                var a = Fetch64(s, 0) + K2;
                var b = Fetch64(s, s.Length - 8);
                var c = (Rot(b, 37) * mul) + a;
                var d = (Rot(a, 25) + b) * mul;
                return Len16(c, d, mul);
            }

            if (len >= 4)
            {
                var mul = K2 + (len * 2);
                var a = Fetch32(s, 0);
                return Len16(len + (a << 3), Fetch32(s, s.Length - 4), mul);
            }

            if (len > 0)
            {
                uint a = s[0], b = s[s.Length >> 1], c = s[^1];
                var y = a + (b << 8);
                var z = (uint)len + (c << 2);
                return ShiftMix((y * K2) ^ (z * K0)) * K2;
            }

            return K2;
        }
    }

    private static ulong Len17To32(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var len = s.Length;
            var mul = K2 + ((ulong)len * 2);
            var a = Fetch64(s, 0) * K1;
            var b = Fetch64(s, 8);
            var c = Fetch64(s, len - 8) * mul;
            var d = Fetch64(s, len - 16) * K2;
            return Len16(Rot(a + b, 43) + Rot(c, 30) + d, a + Rot(b + K2, 18) + c, mul);
        }
    }

    private static ulong Len33To64(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var len = s.Length;
            var mul = K2 + ((ulong)len * 2);
            var a = Fetch64(s, 0) * K2;
            var b = Fetch64(s, 8);
            var c = Fetch64(s, len - 8) * mul;
            var d = Fetch64(s, len - 16) * K2;
            var y = Rot(a + b, 43) + Rot(c, 30) + d;
            var z = Len16(y, a + Rot(b + K2, 18) + c, mul);
            var e = Fetch64(s, 16) * mul;
            var f = Fetch64(s, 24);
            var g = (y + Fetch64(s, len - 32)) * mul;
            var h = (z + Fetch64(s, len - 24)) * mul;
            return Len16(Rot(e + f, 43) + Rot(g, 30) + h, e + Rot(f + a, 18) + g, mul);
        }
    }

    private static (ulong First, ulong Second) Weak32(ReadOnlySpan<byte> s, int at, ulong a, ulong b)
    {
        unchecked
        {
            ulong w = Fetch64(s, at), x = Fetch64(s, at + 8), y = Fetch64(s, at + 16), z = Fetch64(s, at + 24);
            a += w;
            b = Rot(b + a + z, 21);
            var c = a;
            a += x;
            a += y;
            b += Rot(a, 44);
            return (a + z, b + c);
        }
    }

    private static ulong Long(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            const ulong seed = 81;
            var len = s.Length;
            var x = seed;
            var y = (seed * K1) + 113;
            var z = ShiftMix((y * K2) + 113) * K2;
            (ulong First, ulong Second) v = (0, 0), w = (0, 0);
            x = (x * K2) + Fetch64(s, 0);
            var end = ((len - 1) / 64) * 64;
            var last64 = end + ((len - 1) & 63) - 63;
            var p = 0;
            do
            {
                x = Rot(x + y + v.First + Fetch64(s, p + 8), 37) * K1;
                y = Rot(y + v.Second + Fetch64(s, p + 48), 42) * K1;
                x ^= w.Second;
                y += v.First + Fetch64(s, p + 40);
                z = Rot(z + w.First, 33) * K1;
                v = Weak32(s, p, v.Second * K1, x + w.First);
                w = Weak32(s, p + 32, z + w.Second, y + Fetch64(s, p + 16));
                (z, x) = (x, z);
                p += 64;
            }
            while (p != end);

            var mul = K1 + ((z & 0xff) << 1);
            p = last64;
            w.First += (ulong)((len - 1) & 63);
            v.First += w.First;
            w.First += v.First;
            x = Rot(x + y + v.First + Fetch64(s, p + 8), 37) * mul;
            y = Rot(y + v.Second + Fetch64(s, p + 48), 42) * mul;
            x ^= w.Second * 9;
            y += (v.First * 9) + Fetch64(s, p + 40);
            z = Rot(z + w.First, 33) * mul;
            v = Weak32(s, p, v.Second * mul, x + w.First);
            w = Weak32(s, p + 32, z + w.Second, y + Fetch64(s, p + 16));
            (z, x) = (x, z);
            return Len16(Len16(v.First, w.First, mul) + (ShiftMix(y) * K0) + z, Len16(v.Second, w.Second, mul) + x, mul);
        }
    }
}
