using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Saving;

namespace DeepKeras.Tests.Saving;

/// <summary>Files written by h5py (the HDF5 C library, as Keras writes them) read by DeepKeras's HDF5 reader.</summary>
public class H5pyFilesTests
{
    // Weight k of the file holds 10·k + 0.25·i (tests/scripts/make_h5py_weights.py).
    private static float[] Values(int k, int n) => Enumerable.Range(0, n).Select(i => (float)(10.0 * k + 0.25 * i)).ToArray();

    [Fact]
    public void KerasWrittenWeightsAndAdamState_Load()
    {
        using var dir = new TempDir();
        PythonH5.Run("make_h5py_weights.py", dir.Path);
        var model = new Sequential([Keras.Input(shape: 3), new Dense(4), new Dropout(0.5), new Dense(2)]);
        model.Compile(optimizer: new Adam(0.001), loss: "mse");
        model.LoadWeights(dir.File("keras_layout.weights.h5"));

        var w = model.GetWeights();
        Assert.Equal(Values(0, 12), w[0].ToArray<float>());
        Assert.Equal(Values(1, 4), w[1].ToArray<float>());
        Assert.Equal(Values(2, 8), w[2].ToArray<float>());
        Assert.Equal(Values(3, 2), w[3].ToArray<float>());
        var adam = (Adam)model.Optimizer!;
        Assert.Equal(5, adam.Iterations);
        Assert.Equal((double)0.01f, adam.LearningRate);
        var slots = OptimizerState.SlotsInOrder(adam, model.TrainableWeights);
        // m₀, v₀, m₁, v₁, … hold the values of k = 100, 101, 102, …
        int[] sizes = [12, 12, 4, 4, 8, 8, 2, 2];
        for (var i = 0; i < slots.Count; i++)
        {
            Assert.Equal(Values(100 + i, sizes[i]), slots[i].data<float>().ToArray());
        }
    }

    [Fact]
    public void LargeOldStyleGroup_WithMultiLevelIndex_IsReadCompletely()
    {
        using var dir = new TempDir();
        PythonH5.Run("make_h5py_weights.py", dir.Path);
        using var reader = H5Reader.Open(dir.File("big_group.h5"), File.OpenRead(dir.File("big_group.h5")));
        var group = reader.Group(reader.Root, "many")!;
        var names = reader.ChildNames(group);
        Assert.Equal(600, names.Count);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => i.ToString()).Order(), names.Order());
        foreach (var i in new[] { 0, 7, 8, 255, 256, 599 })
        {
            Assert.Equal(i, reader.ReadTensor(group, i.ToString(), $"many/{i}", [], TorchSharp.torch.ScalarType.Float32).item<float>());
        }
    }
}
