using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>A parse either yields an article or fails with a reason; failure is a value, not an exception.</summary>
public sealed record ParseResult
{
    public ParsedArticle? Article { get; }
    public string? Error { get; }
    public string Format { get; }

    private ParseResult(string format, ParsedArticle? article, string? error)
    {
        Format = format;
        Article = article;
        Error = error;
    }

    public bool Succeeded => Article is not null;

    public static ParseResult Ok(string format, ParsedArticle article) => new(format, article, null);

    public static ParseResult Failed(string format, string reason) => new(format, null, reason);
}
