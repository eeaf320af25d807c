using System.Globalization;
using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Picks the parser for an input by looking at its content, never at its file name, and holds
/// every input to the time limit of <see cref="ParserOptions"/>.
/// </summary>
public sealed class ParserSelector
{
    private readonly IReadOnlyList<IArticleParser> _parsers;
    private readonly ParserOptions _options;

    public ParserSelector(IEnumerable<IArticleParser> parsers, ParserOptions? options = null)
    {
        _parsers = [.. parsers];
        _options = options ?? new ParserOptions();
    }

    /// <summary>The limits every input is held to.</summary>
    public ParserOptions Options => _options;

    public static ParserSelector CreateDefault(ParserOptions? options = null) => Create(OutletDirectory.Default, options);

    /// <summary>Every parser, in the order they are tried, sharing one host → outlet table.</summary>
    public static ParserSelector Create(OutletDirectory outlets, ParserOptions? options = null)
    {
        options ??= new ParserOptions();
        return new([new Feeds.FeedFileParser(outlets), new MarkdownFeedDumpParser(outlets), new Html.HtmlPageParser(outlets, options), new JsonListingParser(outlets), new TextDumpParser(outlets: outlets)], options);
    }

    /// <summary>
    /// Parses one input. Running past the time limit fails the input ("gave up after N s");
    /// <paramref name="cancellationToken"/> (the host stopping) throws as usual.
    /// </summary>
    /// <param name="transportCharset">The charset an HTTP Content-Type declared, if the input came over HTTP.</param>
    public ParseResult Parse(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset = null, CancellationToken cancellationToken = default) =>
        Parse(bytes, origin, transportCharset, feedOnly: false, cancellationToken);

    /// <summary>
    /// The body of a polled feed URL: chosen the same way, but only a feed is accepted. An error or
    /// sign-in page served with 200 would otherwise be read as a news article.
    /// </summary>
    public ParseResult ParseFeed(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset = null, CancellationToken cancellationToken = default) =>
        Parse(bytes, origin, transportCharset, feedOnly: true, cancellationToken);

    private ParseResult Parse(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset, bool feedOnly, CancellationToken cancellationToken)
    {
        // The limit runs on the wall clock, which measures the machine as well as the input: on a
        // loaded box, the first input of a run (compiling the parsers as it goes) took over 5 s of a
        // page that parses in 0.6 s, and a sample failed as "gave up". An input that used under half
        // the limit in CPU time was kept waiting, not working: it is read once more. A pathological
        // input burns its limit in CPU and fails the first time.
        var cpuAtStart = _options.CpuClock();
        var result = ParseWithinLimit(bytes, origin, transportCharset, feedOnly, out var gaveUp, cancellationToken);
        if (gaveUp && _options.CpuClock() - cpuAtStart < _options.TimeLimit / 2)
            result = ParseWithinLimit(bytes, origin, transportCharset, feedOnly, out _, cancellationToken);
        return result;
    }

    private ParseResult ParseWithinLimit(ReadOnlySpan<byte> bytes, InputOrigin origin, string? transportCharset, bool feedOnly, out bool gaveUp,
        CancellationToken cancellationToken)
    {
        gaveUp = false;
        using var limit = new CancellationTokenSource(_options.TimeLimit, _options.Clock);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token) : null;
        var token = linked?.Token ?? limit.Token;
        var phases = new PhaseClock(_options.Phases);
        var format = "unknown";
        try
        {
            if (!InputDecoder.TryDecode(bytes, out var text, out var error, out var warnings, transportCharset)) return ParseResult.Failed(format, error!);
            phases.Lap("decode");
            token.ThrowIfCancellationRequested();
            var parser = _parsers.FirstOrDefault(p => p.CanParse(text));
            phases.Lap("detect format");
            if (feedOnly && parser?.Format != Feeds.FeedFileParser.FormatName) return NotAFeed(parser);
            // A dump saved as mojibake matches no layout; the reason is its encoding, not its format.
            if (parser is null) return ParseResult.Failed(format, Mojibake.Find(text) is { } garbled ? Mojibake.Reason(garbled)
                : "unrecognised format: not a feed file, a markdown feed dump, an HTML page, a JSON listing or a text dump of a news page");
            format = parser.Format;
            var result = parser.Parse(text, origin, token);
            token.ThrowIfCancellationRequested();
            return WithoutMojibake(result).WithWarnings(warnings);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Best effort would store half an article as if it were whole; the input is kept as failed
            // instead, and can be retried with a longer limit.
            gaveUp = true;
            return ParseResult.Failed(format, $"gave up after {_options.TimeLimit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (the time limit for one input)");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // A parser bug must not stop the batch; the input is kept as failed with the reason.
            return ParseResult.Failed(format, $"parser error: {e.GetType().Name}: {e.Message}");
        }
    }

    // Valid UTF-8 can hold mojibake too, when the source saved text it had decoded wrongly: an article
    // whose own text reads so is refused, whatever the page's scripts and markup hold.
    private static ParseResult WithoutMojibake(ParseResult result)
    {
        if (!result.Succeeded) return result;
        var items = result.Items.Select(item => item.Article is { } a && Mojibake.Find(a.Title + "\n" + a.BodyText) is { } sample
            ? ItemResult.Failed(Mojibake.Reason(sample)) : item).ToList();
        if (items.SequenceEqual(result.Items)) return result;
        return result.Items.Count == 1 ? ParseResult.Failed(result.Format, items[0].Error!) : ParseResult.OkItems(result.Format, items);
    }

    private static ParseResult NotAFeed(IArticleParser? parser)
    {
        var what = parser?.Format switch
        {
            null => "unrecognised content",
            Html.HtmlPageParser.FormatName => "an HTML page (an error or sign-in page?)",
            var format => $"a {format}",
        };
        return ParseResult.Failed(parser?.Format ?? "unknown", $"not a feed: the response is {what}");
    }
}
