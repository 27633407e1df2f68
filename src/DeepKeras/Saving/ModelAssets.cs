using System.Text;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// A layer that keeps state outside its weights in Keras's <c>assets/</c> folder of a <c>.keras</c> archive (Keras
/// <c>save_assets</c>/<c>load_assets</c>): the lookup layers' and <c>TextVectorization</c>'s <c>vocabulary.txt</c>.
/// </summary>
internal interface IVocabularyAssets
{
    /// <summary>The <c>vocabulary.txt</c> text to save, or null when the vocabulary is in the config instead.</summary>
    string? VocabularyAsset();

    /// <summary>Restores the vocabulary from a saved <c>vocabulary.txt</c>.</summary>
    /// <param name="text">The file's text.</param>
    void LoadVocabularyAsset(string text);
}

/// <summary>Writes and reads the <c>assets/&lt;layer path&gt;/vocabulary.txt</c> members of a <c>.keras</c> archive, at Keras's paths.</summary>
internal static class ModelAssets
{
    /// <summary>The file name Keras's lookup layers use.</summary>
    public const string VocabularyFile = "vocabulary.txt";

    /// <summary>The asset members of <paramref name="model"/>: name and UTF-8 content.</summary>
    public static IEnumerable<(string Name, byte[] Content)> Collect(Model model) =>
        from node in SaveableTree.Walk(model)
        where node.Layer is IVocabularyAssets
        let text = ((IVocabularyAssets)node.Layer!).VocabularyAsset()
        where text is not null
        select (MemberName(node.Path), Encoding.UTF8.GetBytes(text));

    /// <summary>Restores the vocabularies of <paramref name="model"/>'s layers from the archive's asset members.</summary>
    public static void Load(Model model, KerasArchive archive)
    {
        foreach (var node in SaveableTree.Walk(model))
        {
            var member = MemberName(node.Path);
            if (node.Layer is IVocabularyAssets layer && archive.Has(member))
            {
                layer.LoadVocabularyAsset(archive.ReadText(member, KerasArchive.MaxJsonBytes));
            }
        }
    }

    private static string MemberName(string path) => path.Length == 0 ? $"assets/{VocabularyFile}" : $"assets/{path}/{VocabularyFile}";
}
