using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>Picks the parser for an input by looking at its content, never at its file name.</summary>
public sealed class ParserSelector
{
    private readonly IReadOnlyList<IArticleParser> _parsers;

    public ParserSelector(IEnumerable<IArticleParser> parsers) => _parsers = [.. parsers];

    public static ParserSelector CreateDefault() => Create(OutletDirectory.Default);

    /// <summary>Every parser, in the order they are tried, sharing one host → outlet table.</summary>
    public static ParserSelector Create(OutletDirectory outlets) =>
        new([new Feeds.FeedFileParser(outlets), new MarkdownFeedDumpParser(outlets), new Html.HtmlPageParser(outlets), new TextDumpParser(outlets: outlets)]);

    public ParseResult Parse(ReadOnlySpan<byte> bytes, InputOrigin origin)
    {
        if (!InputDecoder.TryDecode(bytes, out var text, out var error)) return ParseResult.Failed("unknown", error!);
        var parser = _parsers.FirstOrDefault(p => p.CanParse(text));
        if (parser is null) return ParseResult.Failed("unknown", "unrecognised format: not a feed file, a markdown feed dump, an HTML page or a text dump of a news page");
        try
        {
            return parser.Parse(text, origin);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A parser bug must not stop the batch; the input is kept as failed with the reason.
            return ParseResult.Failed(parser.Format, $"parser error: {e.GetType().Name}: {e.Message}");
        }
    }
}
