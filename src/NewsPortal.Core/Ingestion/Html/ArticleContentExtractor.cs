using System.Net;
using System.Text;
using AngleSharp.Dom;
using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Finds the article body on an arbitrary news page. Furniture is set aside by tag and by class/id
/// words (unless it holds most of the page's prose); blocks of prose score their ancestors by
/// punctuation and length, counting Han characters and words comparably; the best container and its
/// strong siblings are flattened into blocks; line rules drop the repeated headline, credits,
/// widget labels and everything after a teaser heading or a disclaimer. Pure: the document is not
/// changed, nothing is fetched, and no walk recurses, so deep pages cannot overflow the stack.
/// </summary>
public sealed class ArticleContentExtractor
{
    private readonly BoilerplatePhrases _phrases;
    private readonly HtmlSanitizer _sanitizer = new();

    public ArticleContentExtractor(BoilerplatePhrases? phrases = null) => _phrases = phrases ?? BoilerplatePhrases.Default;

    public PageContent Extract(IDocument document, Uri? pageUrl, string? title) => Extract(document, pageUrl, title, CancellationToken.None);

    /// <summary>Stops with <see cref="OperationCanceledException"/> between steps once <paramref name="cancellationToken"/> is cancelled.</summary>
    public PageContent Extract(IDocument document, Uri? pageUrl, string? title, CancellationToken cancellationToken, PhaseTimes? phases = null)
    {
        var root = document.Body ?? document.DocumentElement;
        if (root is null) return new PageContent("", "", [], []);
        var clock = new PhaseClock(phases);
        var dom = DomIndex.Build(root, cancellationToken);
        clock.Lap("body: index");
        cancellationToken.ThrowIfCancellationRequested();
        var related = new TeaserListReader(dom, _phrases, pageUrl).Read();
        clock.Lap("body: related");
        cancellationToken.ThrowIfCancellationRequested();
        var roots = new ContentScorer(dom).SelectRoots();
        clock.Lap("body: score");
        cancellationToken.ThrowIfCancellationRequested();
        var blocks = new BodyWriter(dom, pageUrl, _phrases).Write(roots, cancellationToken);
        var kept = new BodyBlockFilter(_phrases, title).Apply(blocks);
        TrimTrailingFigures(kept);
        clock.Lap("body: blocks");
        cancellationToken.ThrowIfCancellationRequested();
        var html = SanitizeInChunks(Render(kept), pageUrl, cancellationToken);
        clock.Lap("body: sanitize");
        var text = string.Join("\n\n", kept.Where(b => b.Text.Length > 0).Select(b => b.Text));
        var images = kept.Where(b => b.Image is not null).Select(b => b.Image!).ToList();
        clock.Lap("body: text");
        return new PageContent(html, text, images, related);
    }

    // AngleSharp slows down more than linearly with the number of top-level siblings in one fragment (a
    // 20 MB page's body in one piece takes minutes); each rendered block is balanced, so sanitizing a few
    // dozen at a time gives the same HTML, in time linear in the body.
    private string SanitizeInChunks(IReadOnlyList<string> pieces, Uri? pageUrl, CancellationToken cancellationToken)
    {
        const int blocksPerChunk = 64;
        if (pieces.Count <= blocksPerChunk) return _sanitizer.Sanitize(string.Join("\n", pieces), pageUrl?.ToString()).TrimEnd('\n');
        var html = new StringBuilder();
        foreach (var chunk in pieces.Chunk(blocksPerChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            html.Append(_sanitizer.Sanitize(string.Join("\n", chunk), pageUrl?.ToString())).Append('\n');
        }
        return html.ToString().TrimEnd('\n');
    }

    // Images after the last paragraph are mostly the footer's logos and QR codes.
    private static void TrimTrailingFigures(List<BodyBlock> blocks)
    {
        var lastText = blocks.FindLastIndex(b => b.Kind != BlockKind.Figure);
        if (lastText < 0) return;
        for (var i = blocks.Count - 1; i > lastText + 1; i--) blocks.RemoveAt(i);
    }

    /// <summary>One balanced HTML string per block (a run of quoted paragraphs is one blockquote).</summary>
    private static List<string> Render(IReadOnlyList<BodyBlock> blocks)
    {
        var pieces = new List<string>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var html = new StringBuilder();
            switch (block.Kind)
            {
                case BlockKind.Figure:
                    html.Append(FigureMarkup.Of(block.Image!));
                    break;
                case BlockKind.Quote:
                    html.Append("<blockquote>");
                    for (; i < blocks.Count && blocks[i].Kind == BlockKind.Quote; i++) html.Append(blocks[i].Html);
                    i--;
                    html.Append("</blockquote>");
                    break;
                default:
                    html.Append(block.Html);
                    break;
            }
            pieces.Add(html.ToString());
        }
        return pieces;
    }
}
