using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace NewsPortal.BrowserTests;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it (testdata/axe), in Chromium, on every kind of reader page and
/// the sign-in page, in light and dark mode: no violation.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal, ITestOutputHelper output)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>The page's WCAG 2.2 A/AA violations as axe-core reports them: rule, impact, the first few elements.</summary>
    public static async Task<string[]> ViolationsAsync(IPage page, RepositoryLayout layout)
    {
        // Evaluated, not added as a script tag: the pages' content security policy refuses inline
        // scripts, and a test must not loosen it. The script sets window.axe itself.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(layout.Root, "tests", "NewsPortal.BrowserTests", "testdata", "axe", "axe.min.js")));
        return await page.EvaluateAsync<string[]>("""
            async tags => (await axe.run(document, { runOnly: { type: "tag", values: tags } })).violations
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)
            """, Tags);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Reader_pages_and_the_sign_in_page_have_no_WCAG_AA_violations(string scheme)
    {
        var page = await portal.NewPageAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        try
        {
            await page.GotoAsync("/");
            var article = await page.Locator(".article-item a").First.GetAttributeAsync("href");
            var story = await page.Locator("a.story-count").First.GetAttributeAsync("href");
            var outlet = await page.Locator(".article-item a.outlet").First.GetAttributeAsync("href");
            var found = new List<string>();
            foreach (var url in new[] { "/", article!, story!, outlet!, "/outlets", "/popular", "/archive/2020/08/10", "/search?q=%E4%B8%AD%E5%9B%BD", "/search?q=%E6%97%A0%E6%AD%A4%E8%AF%8D%E8%AF%AD", "/editor/login", "/articles/999999" })
            {
                await page.GotoAsync(url);
                found.AddRange((await ViolationsAsync(page, portal.Layout)).Select(v => $"{url}: {v}"));
            }
            foreach (var v in found) output.WriteLine(v);
            Assert.Empty(found);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
