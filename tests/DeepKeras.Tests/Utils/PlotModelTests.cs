using System.Buffers.Binary;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Utils.Plotting;

namespace DeepKeras.Tests.Utils;

/// <summary>
/// Keras.Utils.ModelToDot against the graphs Keras's own model_to_dot builds for the same models
/// (scripts/keras-golden/gen_plot.py: node labels, attributes, clusters and edges, compared as DOT text), and
/// Keras.Utils.PlotModel drawing PNGs with Graphviz's dot (installed by scripts/setup.sh).
/// </summary>
public sealed class PlotModelTests
{
    private static Sequential Mlp()
    {
        var model = new Sequential([
            Keras.Input(shape: 8),
            new Dense(16, activation: "relu", name: "hidden"),
            new Dropout(0.2, name: "drop"),
            new Dense(3, activation: "softmax", name: "probs"),
        ], name: "mlp");
        model.GetLayer("hidden").Trainable = false;
        return model;
    }

    private static Model TicketRouter()
    {
        var title = Keras.Input(shape: 10, name: "title");
        var body = Keras.Input(shape: 12, name: "body");
        var t = new Dense(8, activation: "relu", name: "title_features").Apply(title);
        var b = new Dense(8, activation: "tanh", name: "body_features").Apply(body);
        var x = new Concatenate(name: "merged").Apply([t, b]);
        x = new Dense(16, name: "shared").Apply(x);
        var priority = new Dense(1, activation: "sigmoid", name: "priority").Apply(x);
        var department = new Dense(4, activation: "softmax", name: "department").Apply(x);
        return Keras.Model([title, body], [priority, department], name: "ticket_router");
    }

    private static Model Outer()
    {
        var encIn = Keras.Input(shape: 6, name: "enc_in");
        var e = new Dense(5, activation: "relu", name: "enc_dense").Apply(encIn);
        var e2 = new Dense(4, name: "enc_proj").Apply(e);
        var skip = new Dense(4, name: "enc_skip").Apply(encIn);
        var encoder = Keras.Model([encIn], [new Add(name: "enc_add").Apply([e2, skip])], name: "encoder");
        var head = new Sequential([Keras.Input(shape: 4), new Dense(3, name: "head_dense"), new Dense(2, name: "head_out")], name: "head");
        var features = Keras.Input(shape: 6, name: "features");
        var z = encoder.Apply(features);
        z = new Dropout(0.1, name: "outer_drop").Apply(z);
        return Keras.Model([features], [head.Apply(z)], name: "outer");
    }

    private static Model Build(string name) => name switch
    {
        "plot_sequential" => Mlp(),
        "plot_multi_io" => TicketRouter(),
        _ => Outer(),
    };

    private static string Dot(Model model, string variant) => variant switch
    {
        "default" => Keras.Utils.ModelToDot(model),
        "shapes_dtype" => Keras.Utils.ModelToDot(model, showShapes: true, showDtype: true),
        "shapes_lr_noname" => Keras.Utils.ModelToDot(model, showShapes: true, showLayerNames: false, rankdir: "LR", dpi: 96),
        "activations_trainable" => Keras.Utils.ModelToDot(model, showLayerActivations: true, showTrainable: true),
        "expanded" => Keras.Utils.ModelToDot(model, expandNested: true),
        "expanded_shapes" => Keras.Utils.ModelToDot(model, expandNested: true, showShapes: true, rankdir: "LR"),
        _ => throw new ArgumentException(variant),
    };

    [Theory]
    [InlineData("plot_sequential", "default")]
    [InlineData("plot_sequential", "shapes_dtype")]
    [InlineData("plot_sequential", "shapes_lr_noname")]
    [InlineData("plot_sequential", "activations_trainable")]
    [InlineData("plot_multi_io", "default")]
    [InlineData("plot_multi_io", "shapes_dtype")]
    [InlineData("plot_multi_io", "shapes_lr_noname")]
    [InlineData("plot_multi_io", "activations_trainable")]
    [InlineData("plot_nested", "default")]
    [InlineData("plot_nested", "shapes_dtype")]
    [InlineData("plot_nested", "shapes_lr_noname")]
    [InlineData("plot_nested", "activations_trainable")]
    [InlineData("plot_nested", "expanded")]
    [InlineData("plot_nested", "expanded_shapes")]
    public void ModelToDot_BuildsKerasGraph(string name, string variant)
    {
        using var model = Build(name);
        Assert.Equal(KerasGolden.Case(name).Text(variant), Dot(model, variant));
    }

    [Fact]
    public void ModelToDot_Subgraph_IsADashedClusterNamedAfterTheModel()
    {
        using var model = TicketRouter();
        var lines = Keras.Utils.ModelToDot(model, subgraph: true).Split('\n');
        Assert.Equal(["subgraph \"cluster_ticket_router\" {", "style=dashed;", "label=ticket_router;", "labeljust=l;"], lines[..4]);
        Assert.Equal(8, lines.Count(l => l.Contains("[label=<<table", StringComparison.Ordinal)));
        Assert.Equal(7, lines.Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Equal("}", lines[^2]);
    }

    [Fact]
    public void ModelToDot_SharedLayer_GetsOneBoxAndOneEdgePerProducer()
    {
        var a = Keras.Input(shape: 3, name: "a");
        var b = Keras.Input(shape: 3, name: "b");
        var shared = new Dense(2, name: "shared_dense");
        using var model = Keras.Model([a, b], [new Add(name: "sum").Apply([shared.Apply(a), shared.Apply(b)])], name: "siamese");
        var edges = Keras.Utils.ModelToDot(model).Split('\n').Where(l => l.Contains(" -> ", StringComparison.Ordinal));
        Assert.Equal(["\"a\" -> \"shared_dense\" [penwidth=2];", "\"b\" -> \"shared_dense\" [penwidth=2];", "\"shared_dense\" -> \"sum\" [penwidth=2];"], edges);
    }

    [Fact]
    public void PlotModel_MultiInputMultiOutput_WritesAPng()
    {
        using var model = TicketRouter();
        var dir = Directory.CreateTempSubdirectory("plot_model_");
        try
        {
            var path = Keras.Utils.PlotModel(model, Path.Combine(dir.FullName, "router.png"), showShapes: true, showLayerNames: true, dpi: 60);
            var (width, height) = PngSize(path);
            var wide = Keras.Utils.PlotModel(model, Path.Combine(dir.FullName, "router120.png"), showShapes: true, showLayerNames: true, dpi: 120);
            var (width2, height2) = PngSize(wide);
            Assert.InRange(width2 / (double)width, 1.8, 2.2);
            Assert.InRange(height2 / (double)height, 1.8, 2.2);
            var lr = Keras.Utils.PlotModel(model, Path.Combine(dir.FullName, "router_lr"), showShapes: true, showLayerNames: true, rankdir: "LR", dpi: 60);
            var (lrWidth, lrHeight) = PngSize(lr);
            Assert.True(lrWidth / (double)lrHeight > 2 * width / (double)height,
                $"the left-to-right plot ({lrWidth}x{lrHeight}) is much wider for its height than the top-to-bottom one ({width}x{height})");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PlotModel_NestedExpanded_WritesPngAndSvgWithClusters()
    {
        using var model = Outer();
        var dir = Directory.CreateTempSubdirectory("plot_model_");
        try
        {
            var png = Keras.Utils.PlotModel(model, Path.Combine(dir.FullName, "nested.png"), expandNested: true, dpi: 60);
            Assert.True(PngSize(png).Width > 0);
            var svg = File.ReadAllText(Keras.Utils.PlotModel(model, Path.Combine(dir.FullName, "nested.svg"), expandNested: true, showLayerNames: true));
            Assert.Contains("<title>cluster_encoder</title>", svg, StringComparison.Ordinal);
            Assert.Contains("<title>cluster_head</title>", svg, StringComparison.Ordinal);
            Assert.Contains("enc_add", svg, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PlotModel_BadArguments_ThrowClearErrors()
    {
        using var model = Mlp();
        var rank = Assert.Throws<ArgumentException>(() => Keras.Utils.PlotModel(model, "x.png", rankdir: "TD"));
        Assert.Equal("rankdir", rank.ParamName);
        Assert.Contains("\"TD\"", rank.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Utils.ModelToDot(model, dpi: 0));

        using var unbuilt = new Sequential([new Dense(2, name: "later")], name: "unbuilt");
        var notBuilt = Assert.Throws<InvalidOperationException>(() => Keras.Utils.ModelToDot(unbuilt));
        Assert.Contains("\"unbuilt\" has not yet been built", notBuilt.Message, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"plot_{Guid.NewGuid():N}.nosuchformat");
        var format = Assert.Throws<InvalidOperationException>(() => Keras.Utils.PlotModel(model, file));
        Assert.Contains("dot -Tnosuchformat", format.Message, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public void PlotModel_WithoutGraphviz_NamesThePackage()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => GraphvizDot.Render("digraph G {}", "x.png", "png", searchPath: "/nonexistent"));
        Assert.Equal("dot", missing.FileName);
        Assert.Contains("`graphviz` package", missing.Message, StringComparison.Ordinal);
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
