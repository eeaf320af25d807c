using System.Text;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Text;
using NewsPortal.Evaluation.Corpus;

namespace NewsPortal.Evaluation.Scoring;

/// <summary>Scores one parse against one page's labels; a failed parse is an empty prediction.</summary>
public static class PageScorer
{
    public static PageResult Score(LabelledPage page, ParseResult result, TimeSpan parseTime)
    {
        var article = result.Article;
        var body = article?.BodyText ?? "";
        var (precision, recall) = page.Segments is { } segments
            ? SegmentScore.Compare(segments.With, segments.Without, body)
            : page.ReferenceBody is { } reference ? Shingles(reference, body) : (null, null);

        bool? title = page.Title is null ? null : Normalize(page.Title) == Normalize(article?.Title ?? "");
        bool? authors = page.Authors is null ? null : SameNames(page.Authors, article?.Authors ?? []);
        bool? published = null;
        if (page.Published is not null && PublishedTimeLabel.Parse(page.Published) is { } label)
            published = label.Matches(article?.PublishedAt, page.ChinaWallClock);

        var error = result.Succeeded ? null : $"{result.Format}: {result.Error}";
        var misses = new List<string>();
        if (title == false) misses.Add($"title: ours «{article?.Title}» label «{page.Title}»");
        if (published == false) misses.Add($"published: ours «{article?.PublishedAt:yyyy-MM-dd HH:mm:sszzz}» label «{page.Published}»");
        if (authors == false)
            misses.Add($"authors: ours «{string.Join(" | ", article?.Authors ?? [])}» label «{string.Join(" | ", page.Authors!)}»");
        return new PageResult(page.Id, error, precision, recall, title, published, authors, parseTime) { Misses = misses };
    }

    private static (double?, double?) Shingles(string reference, string body)
    {
        var score = ShingleOverlap.Compare(reference, body);
        return (score.Precision, score.Recall);
    }

    private static bool SameNames(IReadOnlyList<string> expected, IReadOnlyList<string> predicted) =>
        expected.Select(Normalize).ToHashSet(StringComparer.Ordinal)
            .SetEquals(predicted.Select(Normalize).Where(n => n.Length > 0));

    /// <summary>NFKC, then whitespace runs collapsed to one space and trimmed.</summary>
    public static string Normalize(string text) =>
        TextNormalizer.CollapseWhitespace(text.Normalize(NormalizationForm.FormKC));
}
