using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsPortal.IntegrationTests;

/// <summary>Parses responses as a browser would, so tests assert on elements, not on strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {url}: {(int)response.StatusCode}\n{body}");
        return Parser.ParseDocument(body);
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(this IDocument document) =>
        document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("no antiforgery token on the page");
}
