namespace NewsPortal.Benchmarks;

/// <summary>
/// One account of an event. An article repeats a few topic words, as real copy does: the event's
/// two names (rare characters, as names of people and places are) and four words, and three of its
/// own, which make nearly half its words; the rest come from a vocabulary whose words are made of
/// characters drawn by Zipf's law and are themselves drawn the more often the more common. Tuned so
/// that, as over ../shared/clusters-dev, a title and lead hold about 215–245 distinct terms and 513
/// consecutive articles about 0.4 distinct terms per term use; with every word and character drawn
/// uniformly an article had 340 terms and nearly all were unique, which doubled the size of the
/// story-key index. Accounts of one event share their names and words, and the event's own
/// sentence is in every lead.
/// </summary>
internal sealed record ArticleText(string Title, string Summary, string BodyText, string BodyHtml)
{
    private static readonly string[] Verbs = ["会见", "谈", "批评", "访问", "回应", "警告", "呼吁", "宣布", "否认", "调查", "起诉", "支持"];
    private static readonly string[] Vocabulary = BuildVocabulary(20_000);

    // Characters by Zipf's law (the k-th most common with weight 1/k) from 3,000 of the CJK block.
    private static string[] BuildVocabulary(int size)
    {
        var r = new Random(20240611);
        var characters = Enumerable.Range(0, 3000).Select(_ => (char)r.Next(0x4E00, 0x9FA6)).ToArray();
        var cumulative = new double[characters.Length];
        for (var k = 0; k < cumulative.Length; k++) cumulative[k] = (k == 0 ? 0 : cumulative[k - 1]) + 1.0 / (k + 1);
        char Draw()
        {
            var i = Array.BinarySearch(cumulative, r.NextDouble() * cumulative[^1]);
            return characters[Math.Min(i < 0 ? ~i : i, characters.Length - 1)];
        }
        return [.. Enumerable.Range(0, size).Select(_ => new string([.. Enumerable.Range(0, r.Next(2, 5)).Select(_ => Draw())]))];
    }

    public static ArticleText Account(long storyId, long seed, int minChars)
    {
        var e = new Random(unchecked((int)(storyId * 0x9E3779B1L)));
        var (name, other) = (Name(e), Name(e));
        string[] eventWords = [name, other, .. Enumerable.Range(0, 4).Select(_ => Vocabulary[e.Next(Vocabulary.Length)])];
        var head = $"{name}{Verbs[e.Next(Verbs.Length)]}{other}";
        var eventSentence = Sentence(e, eventWords);
        var r = new Random(unchecked((int)(seed * 0x85EBCA77L)));
        string[] topics = [.. eventWords, .. Enumerable.Range(0, 3).Select(_ => Vocabulary[r.Next(Vocabulary.Length)])];
        var title = r.Next(3) switch { 0 => head, 1 => $"{head}，{Clause(r, topics)}", _ => $"{Clause(r, topics)}：{head}" };
        var summary = Sentence(r, topics);
        var paragraphs = new List<string> { r.Next(2) == 0 ? summary + eventSentence : eventSentence + summary };
        for (var length = paragraphs[0].Length; length < minChars; length += paragraphs[^1].Length)
            paragraphs.Add(string.Concat(Enumerable.Range(0, r.Next(1, 4)).Select(_ => Sentence(r, topics))));
        return new ArticleText(title, summary.Length > 80 ? summary[..80] : summary,
            string.Join('\n', paragraphs), string.Concat(paragraphs.Select(p => $"<p>{p}</p>")));
    }

    private static string Sentence(Random r, string[] topics) =>
        string.Join('，', Enumerable.Range(0, r.Next(2, 5)).Select(_ => Clause(r, topics))) + "。";

    // A topic word 45 % of the time; else a vocabulary word, index ~ size·u², so the first words are the common ones.
    private static string Clause(Random r, string[] topics) => string.Concat(Enumerable.Range(0, r.Next(2, 6)).Select(_ =>
        r.NextDouble() < 0.45 ? topics[r.Next(topics.Length)] : Vocabulary[(int)(Vocabulary.Length * Math.Pow(r.NextDouble(), 2))]));

    private static string Name(Random r) => new([.. Enumerable.Range(0, r.Next(2, 4)).Select(_ => (char)r.Next(0x4E00, 0x9FA6))]);
}
