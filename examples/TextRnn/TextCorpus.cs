namespace DeepKeras.Examples.TextRnn;

/// <summary>A labelled text corpus: texts, integer labels and the label names (in label order).</summary>
internal sealed record TextCorpus(string Name, IReadOnlyList<string> Texts, IReadOnlyList<int> Labels, IReadOnlyList<string> ClassNames)
{
    /// <summary>Debian's fortune-cookie files (package <c>fortunes</c>): one file per topic, entries separated by <c>%</c> lines.</summary>
    public const string FortunesDir = "/usr/share/games/fortunes";

    /// <summary>The default topics of the fortunes corpus: two large, well-separated files.</summary>
    public static readonly string[] DefaultFortuneTopics = ["computers", "people"];

    /// <summary>
    /// A folder with one subfolder per label holding text files (Keras <c>text_dataset_from_directory</c> layout, e.g.
    /// <c>aclImdb/train</c> with <c>pos/</c> and <c>neg/</c>); labels follow the subfolders' alphabetical order.
    /// </summary>
    public static TextCorpus FromFolder(string dir, IReadOnlyList<string>? classes)
    {
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"--data {dir}: no such folder.");
        }

        var names = classes ?? Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (names.Count < 2)
        {
            throw new InvalidDataException($"--data {dir} needs at least two subfolders (one per label) of .txt files; found {names.Count}.");
        }

        var texts = new List<string>();
        var labels = new List<int>();
        for (var label = 0; label < names.Count; label++)
        {
            var sub = Path.Combine(dir, names[label]);
            if (!Directory.Exists(sub))
            {
                throw new DirectoryNotFoundException($"--data {dir}: there is no subfolder '{names[label]}'.");
            }

            foreach (var file in Directory.EnumerateFiles(sub, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                texts.Add(File.ReadAllText(file));
                labels.Add(label);
            }
        }

        return new TextCorpus($"folder {dir}", texts, labels, names);
    }

    /// <summary>Debian's fortunes, one label per topic file.</summary>
    public static TextCorpus Fortunes(IReadOnlyList<string>? topics)
    {
        topics ??= DefaultFortuneTopics;
        var texts = new List<string>();
        var labels = new List<int>();
        for (var label = 0; label < topics.Count; label++)
        {
            var file = Path.Combine(FortunesDir, topics[label]);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"The fortunes corpus has no topic '{topics[label]}' ({file}).", file);
            }

            var entry = new List<string>();
            foreach (var line in File.ReadLines(file))
            {
                if (line.Trim() == "%")
                {
                    Add(string.Join('\n', entry), label);
                    entry.Clear();
                }
                else
                {
                    entry.Add(line);
                }
            }

            Add(string.Join('\n', entry), label);
        }

        return new TextCorpus($"Debian fortunes ({string.Join(" vs ", topics)})", texts, labels, topics);

        void Add(string text, int label)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                texts.Add(text.Trim());
                labels.Add(label);
            }
        }
    }
}
