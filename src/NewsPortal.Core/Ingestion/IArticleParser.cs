using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// One input format. Parsers are pure: text in (already decoded), article out; no database, no network.
/// </summary>
public interface IArticleParser
{
    /// <summary>Stable name stored with each article (e.g. <c>text-dump</c>).</summary>
    string Format { get; }

    /// <summary>Cheap look at the content: does this input look like our format?</summary>
    bool CanParse(string text);

    ParseResult Parse(string text, InputOrigin origin);

    /// <summary>
    /// <see cref="Parse(string, InputOrigin)"/> that stops with <see cref="OperationCanceledException"/>
    /// once <paramref name="cancellationToken"/> is cancelled (the per-input time limit). Parsers that
    /// are linear and quick on any input need not check it; the selector checks it between steps.
    /// </summary>
    ParseResult Parse(string text, InputOrigin origin, CancellationToken cancellationToken) => Parse(text, origin);
}
