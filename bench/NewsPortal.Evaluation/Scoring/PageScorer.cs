using System.Text;
using System.Text.RegularExpressions;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Text;
using NewsPortal.Evaluation.Corpus;

namespace NewsPortal.Evaluation.Scoring;

/// <summary>Scores one parse against one page's labels; a failed parse is an empty prediction.</summary>
public static partial class PageScorer
{
    public static PageResult Score(LabelledPage page, ParseResult result, TimeSpan parseTime)
    {
        var article = result.Article;
        var body = article?.BodyText ?? "";
        var (precision, recall) = page.Segments is { } segments
            ? SegmentScore.Compare(segments.With, segments.Without, body)
            : page.ReferenceBody is { } reference ? Shingles(reference, body) : (null, null);

        var titleNote = LabelNotes.Find(page, LabelField.Title);
        var publishedNote = LabelNotes.Find(page, LabelField.Published);
        var authorsNote = LabelNotes.Find(page, LabelField.Authors);
        var bodyNote = LabelNotes.Find(page, LabelField.Body);
        bool? title = page.Title is null ? null : Normalize(page.Title) == Normalize(article?.Title ?? "");
        bool? authors = page.Authors is null ? null : SameNames(page.Authors, article?.Authors ?? []);
        bool? published = null;
        if (page.Published is not null && PublishedTimeLabel.Parse(page.Published) is { } label)
        {
            // A note may say which clock the label was written in (a foreign publisher on a Chinese page).
            if (publishedNote?.LabelOffset is { } offset) label = label with { Offset = offset };
            published = label.Matches(article?.PublishedAt, page.ChinaWallClock);
        }

        var error = result.Succeeded ? null : $"{result.Format}: {result.Error}";
        var misses = new List<string>();
        if (title == false) misses.Add($"title: ours «{article?.Title}» label «{page.Title}»{Remark(titleNote)}");
        if (published == false) misses.Add($"published: ours «{article?.PublishedAt:yyyy-MM-dd HH:mm:sszzz}» label «{page.Published}»{Remark(publishedNote)}");
        if (authors == false)
            misses.Add($"authors: ours «{string.Join(" | ", article?.Authors ?? [])}» label «{string.Join(" | ", page.Authors!)}»{Remark(authorsNote)}");
        if (bodyNote is { Excludes: true }) misses.Add($"body: P={precision:0.000} R={recall:0.000}{Remark(bodyNote)}");
        return new PageResult(page.Id, error, precision, recall, title, published, authors, parseTime)
        {
            Misses = misses,
            Site = page.Site,
            Half = page.Half,
            TitleSpecMatch = titleNote is { Excludes: true } ? null : title,
            PublishedSpecMatch = publishedNote is { Excludes: true } ? null : published,
            AuthorsSpecMatch = authorsNote is { Excludes: true } ? null : authors,
            BodySpecPrecision = bodyNote is { Excludes: true } ? null : precision,
            BodySpecRecall = bodyNote is { Excludes: true } ? null : recall,
        };
    }

    private static string Remark(LabelNote? note) => note is { Excludes: true } ? $"  [label contradicts the spec: it {note.Reason}]" : "";

    private static (double?, double?) Shingles(string reference, string body)
    {
        var score = ShingleOverlap.Compare(reference, body);
        return (score.Precision, score.Recall);
    }

    // A name is the same name with or without its punctuation: "Bruno (Henrique Zecchin) Rodrigues" and
    // "Bruno Henrique Zecchin Rodrigues", "J.R. Smith" and "J. R. Smith"; and in any case: a byline set in
    // capitals by the page's stylesheet (or its text) is the name "Ally Mutnick" of its JSON-LD.
    private static bool SameNames(IReadOnlyList<string> expected, IReadOnlyList<string> predicted) =>
        expected.Select(NameKey).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal)
            .SetEquals(predicted.Select(NameKey).Where(n => n.Length > 0));

    private static string NameKey(string name) =>
        TextNormalizer.CollapseWhitespace(NamePunctuation().Replace(name.Normalize(NormalizationForm.FormKC), " ")).ToUpperInvariant();

    [GeneratedRegex(@"\p{P}+")]
    private static partial Regex NamePunctuation();

    /// <summary>NFKC, then whitespace runs collapsed to one space and trimmed.</summary>
    public static string Normalize(string text) =>
        TextNormalizer.CollapseWhitespace(text.Normalize(NormalizationForm.FormKC));
}
