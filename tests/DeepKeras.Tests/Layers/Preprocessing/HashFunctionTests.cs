using System.Text;
using DeepKeras.Layers;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class HashFunctionTests
{
    // TensorFlow's fingerprint_test.cc ("IsForeverFrozen") and go-farm's farmhashna test table, covering every length branch
    // (0–16, 17–32, 33–64 and the 64-byte loop).
    [Theory]
    [InlineData("Hello", 15404698994557526151UL)]
    [InlineData("World", 18308117990299812472UL)]
    [InlineData("", 0x9ae16a3b2f90404fUL)]
    [InlineData("a", 0xb3454265b6df75e3UL)]
    [InlineData("abc", 0x24a5b3a074e7f369UL)]
    [InlineData("abcde", 0xc22f4663e54e04d4UL)]
    [InlineData("abcdefgh", 0xfee9d22990c82909UL)]
    [InlineData("0123456789=012345", 0x46a7416ed4861e3bUL)]
    [InlineData("C is as portable as Stonehedge!!", 0xb944f8a16261e414UL)]
    [InlineData("Discard medicine more than two years old.", 0xe8f89ab6df9bdd25UL)]
    [InlineData("For every action there is an equal and opposite government program.", 0x55182f8859eca4ceUL)]
    [InlineData("The fugacity of a constituent in a mixture of gases at a given temperature is proportional to its mole fraction.  Lewis-Randall Rule",
        0x98eff6958c5e91aUL)]
    public void Fingerprint64_MatchesPublishedVectors(string text, ulong expected) => Assert.Equal(expected, FarmHash.Fingerprint64(text));

    [Fact]
    public void Fingerprint64_LongText()
    {
        const string lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna " +
            "aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure " +
            "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non " +
            "proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";
        Assert.Equal(0xc3f02c4ffd5d71e6UL, FarmHash.Fingerprint64(lorem));
    }

    // The SipHash paper's reference vectors (Appendix A / vectors.h): key 00 01 … 0f, message 00 01 … (n−1).
    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void SipHash24_MatchesReferenceVectors(int length, ulong expected)
    {
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, SipHash.Hash(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, message));
    }

    [Fact]
    public void Buckets_UseUtf8Text()
    {
        Assert.Equal(FarmHash.Fingerprint64(Encoding.UTF8.GetBytes("École")), FarmHash.Fingerprint64("École"));
        Assert.Equal((long)(FarmHash.Fingerprint64("Hello") % 7), SipHash.Bucket("Hello", 7, null));
    }
}
