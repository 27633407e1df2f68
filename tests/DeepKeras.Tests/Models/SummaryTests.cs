using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

// Expected texts follow Keras 3's print_summary (keras/src/utils/summary_utils.py) rendered by rich's Table:
// segment widths for line length L and positions p are rich's shrink of int(p·L) columns (+2 padding each) to
// L − (columns + 1) border characters: 76 → [33, 24, 15], 88 → [38, 29, 17], 108 (4 columns) → [31, 27, 17, 28],
// 76 (4 columns) → [21, 19, 12, 19]. Sizes are params × 4 bytes in base 1024 with two decimals.
public class SummaryTests
{
    // Keras's mnist_convnet shape of model, with the layers DeepKeras has: Flatten (0), Dense 784·64+64 = 50,240,
    // Reshape (0), Flatten (0), Dropout (0), Dense 64·10+10 = 650. Total 50,890 → 203,560 B / 1024 = 198.79 KB.
    private static Sequential MnistLike() => new(
        Keras.Input(shape: (28, 28, 1)),
        new Flatten(),
        new Dense(64, activation: "relu"),
        new Reshape((8, 8)),
        new Flatten(),
        new Dropout(0.5),
        new Dense(10, activation: "softmax"));

    private static string Capture(Action<Action<string>> summary)
    {
        var calls = new List<string>();
        summary(calls.Add);
        return Assert.Single(calls);
    }

    private static string Lines(string raw) => raw + "\n";

    [Fact]
    public void Summary_MnistLikeSequentialAt76_PrintsKerasTableThroughPrintFn()
    {
        Keras.Backend.ClearSession();
        var model = MnistLike();
        var text = Capture(p => model.Summary(lineLength: 76, printFn: p));
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)               │ (None, 784)            │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 64)             │        50,240 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ reshape (Reshape)               │ (None, 8, 8)           │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ flatten_1 (Flatten)             │ (None, 64)             │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dropout (Dropout)               │ (None, 64)             │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 10)             │           650 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 50,890 (198.79 KB)
             Trainable params: 50,890 (198.79 KB)
             Non-trainable params: 0 (0.00 B)
            """), text);
    }

    [Fact]
    public void Summary_MnistLikeSequentialAt88_UsesTerminalWidths()
    {
        Keras.Backend.ClearSession();
        var model = MnistLike();
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ flatten (Flatten)                    │ (None, 784)                 │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense (Dense)                        │ (None, 64)                  │          50,240 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ reshape (Reshape)                    │ (None, 8, 8)                │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ flatten_1 (Flatten)                  │ (None, 64)                  │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dropout (Dropout)                    │ (None, 64)                  │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 10)                  │             650 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 50,890 (198.79 KB)
             Trainable params: 50,890 (198.79 KB)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 88));
    }

    [Fact]
    public void Summary_CourseDnn_TotalParams25670()
    {
        // 784·32+32 = 25,120; 32·10+10 = 330; 10·20+20 = 220 → 25,670 params · 4 B = 102,680 B = 100.27 KB.
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));
        var text = Capture(p => model.Summary(lineLength: 88, printFn: p));
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ dense (Dense)                        │ (None, 32)                  │          25,120 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 10)                  │             330 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_2 (Dense)                      │ (None, 20)                  │             220 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 25,670 (100.27 KB)
             Trainable params: 25,670 (100.27 KB)
             Non-trainable params: 0 (0.00 B)
            """), text);
    }

    private static Functional TwoInputModel()
    {
        // input_layer (8) → dense(16); input_layer_1 (4) → dense_2(8) → dense_1(16); concatenate → dense_3(1).
        // Keras lists layers by depth from the outputs, deepest first: the longer branch's input comes first.
        var a = Keras.Input(shape: 8);
        var b = Keras.Input(shape: 4);
        var x = new Dense(16, activation: "relu").Apply(a);
        var y = new Dense(16, activation: "relu").Apply(new Dense(8).Apply(b));
        var merged = new Concatenate().Apply(x, y);
        return new Functional([a, b], [new Dense(1).Apply(merged)]);
    }

    [Fact]
    public void Summary_TwoInputFunctionalAt108_AddsConnectedToColumn()
    {
        // Params: 8·16+16 = 144; 4·8+8 = 40; 8·16+16 = 144; 32·1+1 = 33 → 361 · 4 B = 1,444 B = 1.41 KB.
        Keras.Backend.ClearSession();
        var model = TwoInputModel();
        Assert.Equal(Lines("""
            Model: "functional"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
            │ input_layer_1 (InputLayer)    │ (None, 4)                 │               0 │ -                          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ input_layer (InputLayer)      │ (None, 8)                 │               0 │ -                          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense_2 (Dense)               │ (None, 8)                 │              40 │ input_layer_1[0][0]        │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense (Dense)                 │ (None, 16)                │             144 │ input_layer[0][0]          │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense_1 (Dense)               │ (None, 16)                │             144 │ dense_2[0][0]              │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ concatenate (Concatenate)     │ (None, 32)                │               0 │ dense[0][0], dense_1[0][0] │
            ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
            │ dense_3 (Dense)               │ (None, 1)                 │              33 │ concatenate[0][0]          │
            └───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
             Total params: 361 (1.41 KB)
             Trainable params: 361 (1.41 KB)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 108));
    }

    [Fact]
    public void Summary_TwoInputFunctionalAt76_WrapsAndEllipsizesLikeRich()
    {
        // Inner widths 19/17/10/17: "input_layer_1 (InputLayer)" breaks before "(InputLayer)"; the single word
        // "input_layer_1[0][0]" (19) is cut to 16 characters + "…"; "dense[0][0], dense_1[0][0]" breaks after the comma.
        Keras.Backend.ClearSession();
        var model = TwoInputModel();
        Assert.Equal(Lines("""
            Model: "functional"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
            │ input_layer_1       │ (None, 4)         │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ input_layer         │ (None, 8)         │          0 │ -                 │
            │ (InputLayer)        │                   │            │                   │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense_2 (Dense)     │ (None, 8)         │         40 │ input_layer_1[0]… │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense (Dense)       │ (None, 16)        │        144 │ input_layer[0][0] │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense_1 (Dense)     │ (None, 16)        │        144 │ dense_2[0][0]     │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ concatenate         │ (None, 32)        │          0 │ dense[0][0],      │
            │ (Concatenate)       │                   │            │ dense_1[0][0]     │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ dense_3 (Dense)     │ (None, 1)         │         33 │ concatenate[0][0] │
            └─────────────────────┴───────────────────┴────────────┴───────────────────┘
             Total params: 361 (1.41 KB)
             Trainable params: 361 (1.41 KB)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 76));
    }

    [Fact]
    public void Summary_AfterOneAdamStep_AddsOptimizerParamsToTotal()
    {
        // Adam keeps m and v per weight plus iteration and learning_rate: 2·25,670 + 2 = 51,342 (200.55 KB);
        // Total = 25,670 + 51,342 = 77,012 → 308,048 B = 300.83 KB.
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));
        model.Compile(optimizer: new Adam(), loss: "mse");
        Assert.DoesNotContain("Optimizer params", model.ToSummaryString(lineLength: 76));
        model.Fit(randn(32, 784), randn(32, 20), batchSize: 32, epochs: 1, verbose: 0);
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ dense (Dense)                   │ (None, 32)             │        25,120 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 10)             │           330 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_2 (Dense)                 │ (None, 20)             │           220 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 77,012 (300.83 KB)
             Trainable params: 25,670 (100.27 KB)
             Non-trainable params: 0 (0.00 B)
             Optimizer params: 51,342 (200.55 KB)
            """), model.ToSummaryString(lineLength: 76));
    }

    [Fact]
    public void Summary_LongCells_WrapAtSpacesAndCutOverlongWords()
    {
        // Inner width 31: "a_rather_long_dense_layer_name (Dense)" (38) breaks before "(Dense)"; the 44-character
        // name does not fit on any line and is cut to 30 characters + "…". Params 31·32+32 = 1,024 and 32·8+8 = 264,
        // total 1,288 · 4 B = 5,152 B = 5.03 KB.
        Keras.Backend.ClearSession();
        var model = new Sequential(
            new Dense(32, inputShape: 31, name: "a_rather_long_dense_layer_name"),
            new Dense(8, name: "an_extremely_long_layer_name_that_cannot_fit"));
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ a_rather_long_dense_layer_name  │ (None, 32)             │         1,024 │
            │ (Dense)                         │                        │               │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ an_extremely_long_layer_name_t… │ (None, 8)              │           264 │
            │ (Dense)                         │                        │               │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 1,288 (5.03 KB)
             Trainable params: 1,288 (5.03 KB)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 76));
    }

    [Fact]
    public void Summary_UnbuiltSequential_ShowsQuestionMarkAndUnbuilt()
    {
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(3), new Dense(4));
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ dense (Dense)                   │ ?                      │   0 (unbuilt) │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ ?                      │   0 (unbuilt) │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 0 (0.00 B)
             Trainable params: 0 (0.00 B)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 76));
    }

    private sealed class Mlp : Model
    {
        private readonly Dense _hidden = new(16, activation: "relu");
        private readonly Dense _output = new(3);

        protected override Tensor Call(Tensor inputs, bool training) => _output.Apply(_hidden.Apply(inputs, training), training);
    }

    [Fact]
    public void Summary_SubclassedModel_ListsItsLayersWithBuildShapes()
    {
        // Before it is built Keras shows "?" and "0 (unbuilt)"; after, shapes come from the shapes each layer was
        // built for: 8·16+16 = 144, 16·3+3 = 51, total 195 · 4 B = 780 B.
        Keras.Backend.ClearSession();
        var model = new Mlp();
        var unbuilt = model.ToSummaryString(lineLength: 88);
        Assert.Contains("│ dense (Dense)                        │ ?                           │     0 (unbuilt) │", unbuilt);
        model.Build(new Shape(null, 8));
        Assert.Equal(Lines("""
            Model: "mlp"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ dense (Dense)                        │ (None, 16)                  │             144 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 3)                   │              51 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 195 (780.00 B)
             Trainable params: 195 (780.00 B)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 88));
    }

    [Fact]
    public void Summary_ShowTrainable_AddsCenteredColumnAndSplitsFrozenWeights()
    {
        // 88 + 12 = 100 wide, positions scaled by 0.9 plus a fifth stop at 1.0; rich cuts the header to "Traina…".
        // Frozen dense: 8·16+16 = 144 non-trainable (576 B); dense_1: 16·2+2 = 34 trainable (136 B).
        Keras.Backend.ClearSession();
        var frozen = new Dense(16, inputShape: 8);
        var model = new Sequential(frozen, new Dropout(0.2), new Dense(2));
        frozen.Trainable = false;
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
            ┃ Layer (type)                          ┃ Output Shape                  ┃        Param # ┃ Traina… ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
            │ dense (Dense)                         │ (None, 16)                    │            144 │    N    │
            ├───────────────────────────────────────┼───────────────────────────────┼────────────────┼─────────┤
            │ dropout (Dropout)                     │ (None, 16)                    │              0 │    -    │
            ├───────────────────────────────────────┼───────────────────────────────┼────────────────┼─────────┤
            │ dense_1 (Dense)                       │ (None, 2)                     │             34 │    Y    │
            └───────────────────────────────────────┴───────────────────────────────┴────────────────┴─────────┘
             Total params: 178 (712.00 B)
             Trainable params: 34 (136.00 B)
             Non-trainable params: 144 (576.00 B)
            """), model.ToSummaryString(lineLength: 100, showTrainable: true));
    }

    [Fact]
    public void Summary_ExpandNested_IndentsTheLayersOfANestedModel()
    {
        Keras.Backend.ClearSession();
        var input = Keras.Input(shape: 784);
        var encoder = new Functional(input, new Dense(32).Apply(input), name: "encoder");
        var model = new Sequential(encoder, new Dense(10));
        Assert.Equal(Lines("""
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ encoder (Functional)                 │ (None, 32)                  │          25,120 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │    └ input_layer (InputLayer)        │ (None, 784)                 │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │    └ dense (Dense)                   │ (None, 32)                  │          25,120 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 10)                  │             330 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 25,450 (99.41 KB)
             Trainable params: 25,450 (99.41 KB)
             Non-trainable params: 0 (0.00 B)
            """), model.ToSummaryString(lineLength: 88, expandNested: true));
        Assert.DoesNotContain("└ dense", model.ToSummaryString(lineLength: 88));
    }

    [Fact]
    public void Summary_LayerRange_ListsOnlyTheLayersBetweenTheMatches()
    {
        Keras.Backend.ClearSession();
        var model = MnistLike();
        var text = model.ToSummaryString(lineLength: 76, layerRange: ("dense", "flatten_1"));
        var names = text.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal)).Select(l => l[2..].Split(' ')[0]).ToList();
        Assert.Equal(["dense", "reshape", "flatten_1"], names);
        var error = Assert.Throws<ArgumentException>(() => model.ToSummaryString(layerRange: ("conv.*", "dense")));
        Assert.Contains("do not match the layer names", error.Message);
    }

    [Fact]
    public void Summary_DefaultLineLength_IsTerminalColumnsMinusFourCappedAtKerasDefault()
    {
        Keras.Backend.ClearSession();
        var sequential = MnistLike();
        var functional = TwoInputModel();
        var saved = Environment.GetEnvironmentVariable("COLUMNS");
        try
        {
            Environment.SetEnvironmentVariable("COLUMNS", "200");
            Assert.Equal(88, FirstLineWidth(sequential));
            Assert.Equal(108, FirstLineWidth(functional));
            Environment.SetEnvironmentVariable("COLUMNS", "80");   // what Python falls back to when not a terminal
            Assert.Equal(76, FirstLineWidth(sequential));
            Assert.Equal(76, FirstLineWidth(functional));
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", saved);
        }

        static int FirstLineWidth(Model m) => m.ToSummaryString().Split('\n')[1].Length;
    }

    [Fact]
    public void Summary_TooNarrowOrBadPositions_ThrowsNamingTheArgument()
    {
        Keras.Backend.ClearSession();
        var model = MnistLike();

        // 0.80·20 − 0.45·20 = 16 − 9 = 7, then 20 − 16 = 4 fit; at 8 the first column is int(3.6) = 3 < 4.
        Assert.Equal(20, model.ToSummaryString(lineLength: 20).Split('\n')[1].Length);
        var narrow = Assert.Throws<ArgumentException>(() => model.ToSummaryString(lineLength: 8));
        Assert.Contains("Insufficient console width to print summary", narrow.Message);
        Assert.Equal("lineLength", narrow.ParamName);

        var positions = Assert.Throws<ArgumentException>(() => model.ToSummaryString(positions: [0.5, 1.0]));
        Assert.Equal("positions", positions.ParamName);
        Assert.Contains("Received: positions=[0.5, 1]", positions.Message);
    }

    [Fact]
    public void Summary_WithoutPrintFn_WritesTheSameTextToConsoleOut()
    {
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));
        var original = Console.Out;
        using var writer = new StringWriter();
        try
        {
            Console.SetOut(writer);
            model.Summary(lineLength: 88);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(model.ToSummaryString(lineLength: 88), writer.ToString());
        Assert.Contains("\n Total params: 25,670 (100.27 KB)\n", writer.ToString());
    }

    [Fact]
    public void Summary_SequentialLikeFollowsKerasDepthRule()
    {
        Keras.Backend.ClearSession();

        // A chain that also outputs its middle tensor still has one node per depth: three columns.
        var x = Keras.Input(shape: 4);
        var h = new Dense(4).Apply(x);
        var chain = new Functional([x], [h, new Dense(2).Apply(h)]);
        Assert.DoesNotContain("Connected to", chain.ToSummaryString(lineLength: 108));

        // One layer called twice is shared: four columns, its two calls listed as name[node][tensor].
        var i = Keras.Input(shape: 4);
        var shared = new Dense(4, name: "shared");
        var twice = new Functional(i, shared.Apply(shared.Apply(i)));
        var text = twice.ToSummaryString(lineLength: 108);
        Assert.Contains("┃ Connected to               ┃", text);
        Assert.Contains("│ shared (Dense)                │ (None, 4)                 │              20 │ input_layer_1[0][0],       │", text);
        Assert.Contains("│                               │                           │                 │ shared[0][0]               │", text);
    }
}
