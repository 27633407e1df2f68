using System.Numerics;
using System.Text;
using DeepKeras.Models;

namespace DeepKeras.Tests.Models;

public class SummaryTableTests
{
    private static readonly string[] SequentialHeaders = ["Layer (type)", "Output Shape", "Param #"];
    private static readonly CellJustify[] SequentialJustify = [CellJustify.Left, CellJustify.Left, CellJustify.Right];

    private static string Render(SummaryTable table)
    {
        var sb = new StringBuilder();
        table.RenderTo(sb);
        return sb.ToString();
    }

    [Theory]
    [InlineData(88, new[] { 0.45, 0.80, 1.0 }, new[] { 38, 29, 17 })]
    [InlineData(76, new[] { 0.45, 0.80, 1.0 }, new[] { 33, 24, 15 })]
    [InlineData(108, new[] { 0.3, 0.56, 0.74, 1.0 }, new[] { 31, 27, 17, 28 })]
    [InlineData(76, new[] { 0.3, 0.56, 0.74, 1.0 }, new[] { 21, 19, 12, 19 })]
    public void SegmentWidths_KerasDefaults_ShrinkLikeRich(int lineLength, double[] positions, int[] expected)
    {
        // 88: columns int(.45·88) = 39, 70 − 39 = 31, 88 − 70 = 18; +2 padding = 41, 33, 20 (94) into 88 − 4 = 84:
        // excess 10 taken as round(10/3) = 3, round(7/2) = 4 (half to even), 3 → 38, 29, 17.
        var widths = SummaryTable.SegmentWidths(ModelSummary.ColumnWidths(positions, lineLength), lineLength);
        Assert.Equal(expected, widths);
        Assert.Equal(lineLength, widths.Sum() + widths.Length + 1);
    }

    [Fact]
    public void SegmentWidths_PositionsEndingBeforeTheEdge_ShareTheRestByWidth()
    {
        // int(.3·50) = 15, int(.6·50) − 15 = 15 → 17, 17 (34) into 50 − 3 = 47: 13 more, ceil(17·13/34) = 7, then 6.
        Assert.Equal([24, 23], SummaryTable.SegmentWidths(ModelSummary.ColumnWidths([0.3, 0.6], 50), 50));
    }

    [Fact]
    public void RenderTo_ReferenceMnistConvnetRows_MatchesKerasOutputByteForByte()
    {
        // The Keras 3 table of keras-io examples/vision/mnist_convnet (reference/keras-api.md §1.1), 88 wide.
        var table = new SummaryTable(SequentialHeaders, SequentialJustify, ModelSummary.ColumnWidths([0.45, 0.80, 1.0], 88), 88);
        table.AddRow("conv2d (Conv2D)", "(None, 26, 26, 32)", "320");
        table.AddRow("max_pooling2d (MaxPooling2D)", "(None, 13, 13, 32)", "0");
        table.AddRow("dense (Dense)", "(None, 10)", "16,010");
        Assert.Equal("""
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ max_pooling2d (MaxPooling2D)         │ (None, 13, 13, 32)          │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense (Dense)                        │ (None, 10)                  │          16,010 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
            """ + "\n", Render(table));
    }

    [Fact]
    public void RenderTo_KerasFunctionalOutputAt76_WrapsAndEllipsizesTheSameWay()
    {
        // Rows of a Keras 3.x functional summary printed at 76 columns (segments 21/19/12/19): names break before
        // "(InputLayer)"; words longer than the column end in "…".
        var table = new SummaryTable(
            ["Layer (type)", "Output Shape", "Param #", "Connected to"],
            [CellJustify.Left, CellJustify.Left, CellJustify.Right, CellJustify.Left],
            ModelSummary.ColumnWidths([0.3, 0.56, 0.74, 1.0], 76),
            76);
        table.AddRow("lstm_features (InputLayer)", "(None, 128)", "0", "-");
        table.AddRow("unet_features (InputLayer)", "(None, 64)", "0", "-");
        table.AddRow("batch_normalization (BatchNormalization)", "(None, 128)", "512", "lstm_features[0][0]");
        table.AddRow("batch_normalization_1 (BatchNormalization)", "(None, 64)", "256", "unet_features[0][0]");
        Assert.Equal("""
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
            │ lstm_features       │ (None, 128)       │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ unet_features       │ (None, 64)        │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ batch_normalization │ (None, 128)       │        512 │ lstm_features[0]… │
            │ (BatchNormalizatio… │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ batch_normalizatio… │ (None, 64)        │        256 │ unet_features[0]… │
            │ (BatchNormalizatio… │                   │            │                   │
            └─────────────────────┴───────────────────┴────────────┴───────────────────┘
            """ + "\n", Render(table));
    }

    [Fact]
    public void RenderTo_NoRowsInNarrowColumns_WrapsHeaderAndClosesTheBox()
    {
        // Segments 8/5/3 (inner 6/3/1): "Output " and "Shape" each get a line and are cut to 2 characters + "…";
        // "Param" is cut to "…" and "#" goes to the next line.
        var table = new SummaryTable(SequentialHeaders, SequentialJustify, [9, 7, 4], 20);
        Assert.Equal(
            "┏━━━━━━━━┳━━━━━┳━━━┓\n" +
            "┃ Layer  ┃ Ou… ┃ … ┃\n" +
            "┃ (type) ┃ Sh… ┃ # ┃\n" +
            "┡━━━━━━━━╇━━━━━╇━━━┩\n" +
            "└────────┴─────┴───┘\n",
            Render(table));
    }

    [Theory]
    [InlineData(0, "0.00 B")]
    [InlineData(1, "4.00 B")]
    [InlineData(255, "1020.00 B")]
    [InlineData(256, "1.00 KB")]
    [InlineData(288, "1.12 KB")]             // 1,152 B = 1.125 KB exactly: Python rounds half to even
    [InlineData(34_826, "136.04 KB")]        // 139,304 / 1024 = 136.039…
    [InlineData(25_670, "100.27 KB")]        // 102,680 / 1024 = 100.273…
    [InlineData(138_357_544, "527.79 MB")]   // VGG16: 553,430,176 / 1024² = 527.792…
    [InlineData(1L << 28, "1.00 GB")]
    public void ReadableSize_Float32Params_FormatsLikeKeras(long parameters, string expected) =>
        Assert.Equal(expected, ModelSummary.ReadableSize(new BigInteger(parameters) * 32));
}
