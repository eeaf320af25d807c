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

    /// <param name="transportCharset">The charset an HTTP Content-Type declared, if the input came over HTTP.</param>
    public ParseResult Parse(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset = null)
    {
        if (!InputDecoder.TryDecode(bytes, out var text, out var error, transportCharset)) return ParseResult.Failed("unknown", error!);
        var parser = _parsers.FirstOrDefault(p => p.CanParse(text));
        if (parser is null) return ParseResult.Failed("unknown", "unrecognised format: not a feed file, a markdown feed dump, an HTML page or a text dump of a news page");
        return Run(parser, text, origin);
    }

    /// <summary>
    /// The body of a polled feed URL: chosen the same way, but only a feed is accepted. An error or
    /// sign-in page served with 200 would otherwise be read as a news article.
    /// </summary>
    public ParseResult ParseFeed(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset = null)
    {
        if (!InputDecoder.TryDecode(bytes, out var text, out var error, transportCharset)) return ParseResult.Failed("unknown", error!);
        var parser = _parsers.FirstOrDefault(p => p.CanParse(text));
        if (parser?.Format == Feeds.FeedFileParser.FormatName) return Run(parser, text, origin);
        var what = parser?.Format switch
        {
            null => "unrecognised content",
            Html.HtmlPageParser.FormatName => "an HTML page (an error or sign-in page?)",
            var format => $"a {format}",
        };
        return ParseResult.Failed(parser?.Format ?? "unknown", $"not a feed: the response is {what}");
    }

    private static ParseResult Run(IArticleParser parser, string text, InputOrigin origin)
    {
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
