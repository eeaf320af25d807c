using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// The record header some crawl archives put before each stored page (the Sogou-style
/// <c>&lt;text id="http://…" title="…" encoding="gbk"&gt;</c>). Its <c>id</c> is the address the page
/// was fetched from: with it, relative image and link URLs resolve and the outlet is known, where
/// such a page often has no canonical link of its own.
/// </summary>
/// <remarks>
/// Its <c>title</c> is the crawler's copy of the title tag, site name included; read as a title it
/// outvoted the page's own headline on pages whose site name could not be told apart, so it only
/// stands in when the page names no headline at all (<see cref="Title"/>).
/// </remarks>
internal static class ArchiveRecord
{
    /// <summary>The header's <c>title</c>, for a page that names no headline of its own.</summary>
    public static string? Title(IDocument document) => Header(document)?.GetAttribute("title")?.Trim() is { Length: > 0 } title ? title : null;

    public static Uri? FetchedUrl(IDocument document) =>
        Uri.TryCreate(Header(document)?.GetAttribute("id")?.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    // The header opens the file, so the parser makes it the body's first element.
    private static IElement? Header(IDocument document) =>
        document.Body?.FirstElementChild is { } first && first.LocalName.Equals("text", StringComparison.Ordinal) ? first : null;
}
