using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>One item of an input: an article, or the reason this item could not be read.</summary>
public sealed record ItemResult(ParsedArticle? Article, string? Error)
{
    public static ItemResult Ok(ParsedArticle article) => new(article, null);

    public static ItemResult Failed(string reason) => new(null, reason);
}

/// <summary>
/// What a parser made of one input. Most inputs are one article; a feed file is many items, each of
/// which may fail on its own. Failure is a value, not an exception: <see cref="Error"/> is set when
/// the input as a whole could not be read.
/// </summary>
public sealed record ParseResult
{
    private ParseResult(string format, IReadOnlyList<ItemResult> items, string? error)
    {
        Format = format;
        Items = items;
        Error = error;
    }

    public string Format { get; }

    public IReadOnlyList<ItemResult> Items { get; }

    /// <summary>The reason the whole input failed; for a single-article input, the article's failure.</summary>
    public string? Error { get; }

    /// <summary>The article of a single-article input (null for failures and multi-item inputs).</summary>
    public ParsedArticle? Article => Items.Count == 1 ? Items[0].Article : null;

    public bool Succeeded => Error is null;

    public static ParseResult Ok(string format, ParsedArticle article) => new(format, [ItemResult.Ok(article)], null);

    public static ParseResult OkItems(string format, IReadOnlyList<ItemResult> items) => new(format, items, null);

    public static ParseResult Failed(string format, string reason) => new(format, [], reason);

    /// <summary>This result with <paramref name="warnings"/> (about the whole input, such as its decoding) added to every article.</summary>
    public ParseResult WithWarnings(IReadOnlyList<string> warnings) =>
        warnings.Count == 0 || Error is not null
            ? this
            : new(Format, [.. Items.Select(i => i.Article is { } a ? i with { Article = a with { Warnings = [.. warnings, .. a.Warnings] } } : i)], null);
}
