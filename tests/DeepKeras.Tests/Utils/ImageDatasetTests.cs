using DeepKeras.Callbacks;
using DeepKeras.Tests.Callbacks;
using DeepKeras.Utils;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Utils;

/// <summary>Keras.Utils.ImageDatasetFromDirectory on real PNG files: batch shapes and dtypes, labels, resizing, shuffling, Fit.</summary>
public sealed class ImageDatasetTests : IDisposable
{
    // Class colours: each image of a class is its colour, plus a small per-image offset.
    private static readonly (string Name, byte R, byte G, byte B)[] Classes = [("blue", 20, 40, 220), ("green", 30, 200, 50), ("red", 210, 30, 40)];

    private readonly string _dir = Directory.CreateTempSubdirectory("dk-imageds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes <paramref name="perClass"/> width × height PNGs per class; pixel = class colour + image number.</summary>
    private string Tree(int perClass, int width = 8, int height = 6, int classes = 3, string name = "tree")
    {
        var root = Path.Combine(_dir, name);
        foreach (var (cls, r, g, b) in Classes.Take(classes))
        {
            for (var i = 0; i < perClass; i++)
            {
                var k = (byte)i;
                ImageFiles.Write(Path.Combine(root, cls, $"img{i:00}.png"), width, height, (_, _) => ((byte)(r + k), (byte)(g + k), (byte)(b + k), 255));
            }
        }

        return root;
    }

    private static string Quiet(Action action) => CallbackTestUtil.CaptureConsole(action);

    [Fact]
    public void Batches_HaveKerasShapesDtypesAndMatchingLabels()
    {
        var root = Tree(4);
        ImageDataset ds = null!;
        var printed = Quiet(() => ds = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 5, imageSize: (6, 8), seed: 3));
        Assert.Equal("Found 12 files belonging to 3 classes.\n", printed.Replace("\r\n", "\n"));
        Assert.Equal(["blue", "green", "red"], ds.ClassNames);
        Assert.Equal((3, 12, 5), (ds.Count, ds.SampleCount, ds.BatchSize));

        var seen = 0;
        for (var b = 0; b < ds.Count; b++)
        {
            var (x, y) = ds.GetBatch(b);
            var n = b < 2 ? 5 : 2;
            Assert.Equal(new long[] { n, 6, 8, 3 }, x.shape);
            Assert.Equal(NPTypeCode.Single, x.typecode);
            Assert.Equal(new long[] { n }, y!.shape);
            Assert.Equal(NPTypeCode.Int32, y.typecode);
            var pixels = x.ToArray<float>();
            var labels = y.ToArray<int>();
            for (var i = 0; i < n; i++)
            {
                // The red channel of pixel (0, 0) of image i is its class's red value plus the image number (0–3).
                var red = pixels[i * 6 * 8 * 3];
                Assert.InRange(red - Classes[labels[i]].R, 0, 3);
                Assert.Equal(pixels[(i * 6 * 8 * 3) + 1] - Classes[labels[i]].G, red - Classes[labels[i]].R);
            }

            seen += n;
        }

        Assert.Equal(12, seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.GetBatch(3));
    }

    [Fact]
    public void LabelModes_CategoricalBinaryAndNone()
    {
        var root = Tree(3);
        Quiet(() =>
        {
            var cat = Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "categorical", batchSize: 4, imageSize: (6, 8), shuffle: false);
            var (_, y) = cat.GetBatch(0);
            Assert.Equal(new long[] { 4, 3 }, y!.shape);
            Assert.Equal(NPTypeCode.Single, y.typecode);
            Assert.Equal(new float[] { 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0 }, y.ToArray<float>());

            var bin = Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "binary", classNames: ["red", "blue"], batchSize: 6,
                imageSize: (6, 8), shuffle: false);
            Assert.Equal(["red", "blue"], bin.ClassNames);
            var (xb, yb) = bin.GetBatch(0);
            Assert.Equal(new long[] { 6, 1 }, yb!.shape);
            Assert.Equal(new float[] { 0, 0, 0, 1, 1, 1 }, yb.ToArray<float>());
            Assert.Equal(Classes[2].R, xb.ToArray<float>()[0]);

            var none = Keras.Utils.ImageDatasetFromDirectory(root, labels: null, batchSize: 4, imageSize: (6, 8), shuffle: false);
            Assert.Null(none.ClassNames);
            Assert.Null(none.GetBatch(0).Labels);
            Assert.Null(none.GetItem(0).Y);
            Assert.Equal(none.FilePaths, Keras.Utils.ImageDatasetFromDirectory(root, labelMode: null, batchSize: 4, imageSize: (6, 8), shuffle: false).FilePaths);
        });
        var e = Assert.Throws<ArgumentException>(() => Quiet(() => Keras.Utils.ImageDatasetFromDirectory(root, labelMode: "binary")));
        Assert.StartsWith("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=['blue', 'green', 'red']", e.Message);
    }

    [Fact]
    public void ColorModesAndChannelsFirst_SetTheChannelAxis()
    {
        var root = Tree(2);
        Quiet(() =>
        {
            var gray = Keras.Utils.ImageDatasetFromDirectory(root, colorMode: "grayscale", batchSize: 6, imageSize: (6, 8), shuffle: false);
            var (x, _) = gray.GetBatch(0);
            Assert.Equal(new long[] { 6, 6, 8, 1 }, x.shape);
            var (r, g, b) = (Classes[0].R, Classes[0].G, Classes[0].B);
            Assert.Equal((((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16), (int)x.ToArray<float>()[0]);

            var rgba = Keras.Utils.ImageDatasetFromDirectory(root, colorMode: "rgba", batchSize: 6, imageSize: (6, 8), shuffle: false);
            Assert.Equal(new long[] { 6, 6, 8, 4 }, rgba.GetBatch(0).Images.shape);
            Assert.Equal(255f, rgba.GetBatch(0).Images.ToArray<float>()[3]);

            var first = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 6, imageSize: (6, 8), shuffle: false, dataFormat: "channels_first");
            var xf = first.GetBatch(0).Images;
            Assert.Equal(new long[] { 6, 3, 6, 8 }, xf.shape);
            Assert.Equal((float)Classes[0].G, xf.ToArray<float>()[6 * 8]);
        });
    }

    [Fact]
    public void ImagesOfAnotherSize_AreResizedWithOpsImageResize()
    {
        var root = Path.Combine(_dir, "ramp");
        ImageFiles.Write(Path.Combine(root, "a", "ramp.png"), 8, 6, (y, x) => ((byte)(x * 30), (byte)(y * 40), 7, 255));
        ImageDataset ds = null!;
        Quiet(() => ds = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 1, imageSize: (3, 4), shuffle: false));
        var x = ds.GetBatch(0).Images;
        Assert.Equal(new long[] { 1, 3, 4, 3 }, x.shape);
        var source = Keras.Utils.ImgToArray(Keras.Utils.LoadImg(Path.Combine(root, "a", "ramp.png")));
        using var expected = Keras.Ops.Image.Resize(tensor(source.ToArray<float>(), [6, 8, 3]), (3, 4));
        Assert.Equal(expected.data<float>().ToArray(), x.ToArray<float>());
        // Bilinear halving of a linear ramp averages neighbours: columns 0,30 → 15, rows 0,40 → 20.
        Assert.Equal(new[] { 15f, 20f, 7f }, x.ToArray<float>()[..3]);

        Quiet(() => ds = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 1, imageSize: (4, 4), shuffle: false, cropToAspectRatio: true));
        using var cropped = Keras.Ops.Image.Resize(tensor(source.ToArray<float>(), [6, 8, 3]), (4, 4), cropToAspectRatio: true);
        Assert.Equal(cropped.data<float>().ToArray(), ds.GetBatch(0).Images.ToArray<float>());
    }

    [Fact]
    public void Shuffle_DrawsANewOrderEachEpoch_WithoutShuffleTheOrderIsSorted()
    {
        var root = Tree(5);
        ImageDataset shuffled = null!, sorted = null!;
        Quiet(() =>
        {
            shuffled = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 15, imageSize: (6, 8), seed: 9);
            sorted = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 15, imageSize: (6, 8), shuffle: false);
        });
        Assert.Equal(sorted.FilePaths.Order(StringComparer.Ordinal), sorted.FilePaths);
        Assert.Equal(sorted.FilePaths.Order(), shuffled.FilePaths.Order());

        int[] Labels(ImageDataset d) => d.GetBatch(0).Labels!.ToArray<int>();
        Assert.Equal(shuffled.Labels, Labels(shuffled));
        shuffled.OnEpochBegin();
        var epoch1 = Labels(shuffled);
        shuffled.OnEpochBegin();
        var epoch2 = Labels(shuffled);
        Assert.NotEqual(epoch1, epoch2);
        Assert.Equal(shuffled.Labels!.Order(), epoch1.Order());
        sorted.OnEpochBegin();
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2], Labels(sorted));
    }

    [Fact]
    public void SmallCnn_FitsOnTheFolder_WithKnownStepCounts()
    {
        var root = Tree(8, width: 12, height: 12, classes: 2);
        Keras.Utils.SetRandomSeed(1);
        ImageDataset train = null!, val = null!;
        var printed = Quiet(() => (train, val) = Keras.Utils.ImageDatasetFromDirectory(root, batchSize: 4, imageSize: (12, 12),
            validationSplit: 0.25, subset: "both", seed: 5));
        Assert.Equal("Found 16 files belonging to 2 classes.\nUsing 12 files for training.\nUsing 4 files for validation.\n", printed.Replace("\r\n", "\n"));
        Assert.Equal((3, 1), (train.Count, val.Count));

        var model = Keras.Sequential(
            Keras.Input(shape: (12, 12, 3)),
            Keras.Layers.Rescaling(1.0 / 255),
            Keras.Layers.Conv2D(4, kernelSize: 3, activation: "relu"),
            Keras.Layers.GlobalAveragePooling2D(),
            Keras.Layers.Dense(2, activation: "softmax"));
        model.Compile(optimizer: new global::DeepKeras.Optimizers.Adam(learningRate: 0.05), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var bar = new StringWriter();
        var history = model.Fit(train, validationData: val, epochs: 8, callbacks: [new ProgbarLogger(bar, dynamicDisplay: false)]);
        var losses = history["loss"];
        Assert.True(losses[^1] < losses[0] * 0.7, $"loss {string.Join(", ", losses)}");
        Assert.Contains("3/3", bar.ToString());
        Assert.Contains("val_loss", bar.ToString());
        Assert.Equal(new long[] { 4, 2 }, model.Predict(val, verbose: 0).shape);
        Assert.True(history["val_accuracy"][^1] >= 0.75, $"val_accuracy {string.Join(", ", history["val_accuracy"])}");
    }

    [Fact]
    public void BadFoldersAndArguments_ClearErrors()
    {
        var missing = Path.Combine(_dir, "nope");
        var d = Assert.Throws<DirectoryNotFoundException>(() => Keras.Utils.ImageDatasetFromDirectory(missing));
        Assert.Contains(missing, d.Message);

        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(Path.Combine(empty, "cats"));
        File.WriteAllText(Path.Combine(empty, "cats", "notes.txt"), "no images here");
        var e = Assert.Throws<ArgumentException>(() => Quiet(() => Keras.Utils.ImageDatasetFromDirectory(empty)));
        Assert.StartsWith($"No images found in directory {empty}. Allowed formats: ('.bmp', '.gif', '.jpeg', '.jpg', '.png')", e.Message);

        var root = Tree(1);
        e = Assert.Throws<ArgumentException>(() => Quiet(() => Keras.Utils.ImageDatasetFromDirectory(root, validationSplit: 0.2, subset: "both", seed: 1)));
        Assert.StartsWith($"No training images found in directory {root}.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, subset: "training", seed: 1));
        Assert.StartsWith("If `subset` is set, `validation_split` must be set, and inversely.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, labels: "folders"));
        Assert.Contains("pass `labels=\"inferred\"`", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, colorMode: "cmyk"));
        Assert.StartsWith("`color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. Received: color_mode=cmyk", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, interpolation: "cubic"));
        Assert.StartsWith("Argument `interpolation` should be one of ('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', " +
            "'gaussian', 'mitchellcubic'). Received: interpolation=cubic", e.Message);
        Assert.Contains("\"bilinear\", \"nearest\" and \"bicubic\"",
            Assert.Throws<NotSupportedException>(() => Keras.Utils.ImageDatasetFromDirectory(root, interpolation: "area")).Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.ImageDatasetFromDirectory(root, cropToAspectRatio: true, padToAspectRatio: true));
        Assert.StartsWith("Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.", e.Message);
        var b = Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.ImageDatasetFromDirectory(root, batchSize: null));
        Assert.Contains("batch_size=None", b.Message);

        // A damaged file fails when its batch is read, naming the file.
        File.WriteAllText(Path.Combine(root, "red", "broken.png"), "not a png");
        var ds = Keras.Utils.ImageDatasetFromDirectory(root, labelMode: null, shuffle: false, imageSize: (6, 8), verbose: false, batchSize: 10);
        Assert.Contains("broken.png", Assert.Throws<InvalidDataException>(() => ds.GetBatch(0)).Message);
    }
}
