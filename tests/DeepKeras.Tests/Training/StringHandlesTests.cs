using System.Runtime.CompilerServices;
using DeepKeras.Layers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>The string handles that carry string arrays through the data pipeline: shape, slicing, lifetime and errors.</summary>
public class StringHandlesTests
{
    private static readonly Layer Reader = new StringLookup(vocabulary: ["a"], name: "reader");

    [Fact]
    public void Handles_KeepTheShape_AndDecodeAfterShufflingAndSlicing()
    {
        var handles = StringHandles.Encode(new[,] { { "a", "b" }, { "c", "d" }, { "e", "f" } }, "x");
        Assert.Equal([3L, 2L], handles.shape);
        Assert.True(StringHandles.IsHandles(handles));
        var picked = handles.index_select(0, tensor(new long[] { 2, 0 }));
        Assert.Equal(new[,] { { "e", "f" }, { "a", "b" } }, (string[,])StringHandles.Decode(picked, Reader));
        Assert.False(StringHandles.IsHandles(picked));
        Assert.True(StringHandles.IsHandles(StringHandles.Derive(handles, handles.narrow(0, 1, 1))));
    }

    [Fact]
    public void IntegerTensors_AreNotHandles_WhateverTheirValues()
    {
        var lookalike = tensor(new[] { (0x5354L << 48) | 1 });
        Assert.False(StringHandles.IsHandles(lookalike));
        var error = Assert.Throws<ArgumentException>(() => StringHandles.Decode(tensor(new long[] { 3, 4 }), Reader));
        Assert.StartsWith("Layer \"reader\" (StringLookup) is fed by a string Input (dtype \"string\"), but it received a Int64 tensor of numbers.",
            error.Message);
    }

    [Fact]
    public void NullStrings_AreRejected_WithTheirPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => StringHandles.Encode(new[] { "a", null!, "c" }, "x"));
        Assert.Equal("`x` holds a null string at flat position 1; use \"\" for empty text. (Parameter 'x')", error.Message);
    }

    [Fact]
    public void HandlesOfAReleasedArray_GiveAClearError()
    {
        var slice = SliceOfAnArrayNobodyHolds();
        for (var i = 0; i <= StringHandles.RecentTables; i++)
        {
            StringHandles.Encode(new[] { "filler" }, "x");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var error = Assert.Throws<InvalidOperationException>(() => StringHandles.Decode(slice, Reader));
        Assert.StartsWith("Layer \"reader\" (StringLookup) received string handles whose string array was released", error.Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tensor SliceOfAnArrayNobodyHolds() => StringHandles.Encode(new[] { "gone", "too" }, "x").narrow(0, 1, 1);
}
