using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace NewsPortal.BrowserTests;

/// <summary>The two sample articles, reached the way a reader does: from the front page, then by the sidebar.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ArticlePageTests(PortalFixture portal, ITestOutputHelper output)
{
    private const string VoaTitle = "普京会见张又侠，盛赞中俄高科技军事合作";
    private const string AnalysisTitle = "解局:中俄两军高层十天内会谈两次,释放了什么信号?";
    private const string RelatedHeading = "相关文章";

    [Fact]
    public Task Front_page_leads_to_the_article_whose_sidebar_links_the_related_sample_both_ways() => InBrowserAsync(
        nameof(Front_page_leads_to_the_article_whose_sidebar_links_the_related_sample_both_ways),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            var portalErrors = new ConcurrentQueue<string>();
            page.Response += (_, r) => { if (portal.IsPortal(r.Url) && r.Status >= 400) portalErrors.Enqueue($"{r.Status} {r.Url}"); };

            await page.GotoAsync("/");
            var toVoa = page.GetByRole(AriaRole.Link, new() { Name = VoaTitle, Exact = true });
            var voaPath = await HrefOf(toVoa);
            await toVoa.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(portal.BaseUrl, voaPath).ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(VoaTitle);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^zh"));
            await AssertOwnStylesheetAppliedAsync(page);
            await SaveScreenshotAsync(page, "article-desktop.png");

            var toAnalysis = FirstRelatedLink(page);
            await Expect(toAnalysis).ToHaveTextAsync(AnalysisTitle);
            var analysisPath = await HrefOf(toAnalysis);
            Assert.NotEqual(voaPath, analysisPath);
            await toAnalysis.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(portal.BaseUrl, analysisPath).ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AnalysisTitle);

            var backToVoa = FirstRelatedLink(page);
            await Expect(backToVoa).ToHaveTextAsync(VoaTitle);
            await Expect(backToVoa).ToHaveAttributeAsync("href", voaPath);

            Assert.True(portalErrors.IsEmpty, "The portal answered with errors: " + string.Join(", ", portalErrors));
        });

    [Fact]
    public Task Article_page_on_a_phone_fits_the_screen_and_puts_the_sidebar_below_the_text() => InBrowserAsync(
        nameof(Article_page_on_a_phone_fits_the_screen_and_puts_the_sidebar_below_the_text),
        new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true },
        async page =>
        {
            await page.GotoAsync("/");
            await page.GotoAsync(await HrefOf(page.GetByRole(AriaRole.Link, new() { Name = VoaTitle, Exact = true })));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(VoaTitle);
            await SaveScreenshotAsync(page, "article-phone.png");

            var widths = await page.EvaluateAsync<int[]>(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"The page scrolls sideways: scrollWidth {widths[0]} > clientWidth {widths[1]}.");

            var body = await BoxOf(page.Locator("article .article-body"));
            var sidebar = await BoxOf(page.GetByRole(AriaRole.Complementary, new() { Name = RelatedHeading }));
            Assert.True(sidebar.Y >= body.Y + body.Height,
                $"The sidebar (top {sidebar.Y}) should start below the article body (bottom {body.Y + body.Height}).");
            Assert.True(sidebar.X + sidebar.Width <= widths[1] + 0.5, $"The sidebar runs off the screen: right edge {sidebar.X + sidebar.Width}.");
        });

    private static ILocator FirstRelatedLink(IPage page) =>
        page.GetByRole(AriaRole.Complementary, new() { Name = RelatedHeading }).GetByRole(AriaRole.Link).First;

    /// <summary>The stylesheet comes from the portal itself and its rules are in force on the article body.</summary>
    private async Task AssertOwnStylesheetAppliedAsync(IPage page)
    {
        var href = await page.Locator("link[rel=stylesheet]").First.GetAttributeAsync("href");
        Assert.NotNull(href);
        var url = new Uri(new Uri(page.Url), href);
        Assert.True(portal.IsPortal(url.ToString()), $"The stylesheet {url} is not served by the portal.");
        var response = await page.APIRequest.GetAsync(url.ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/css", response.Headers["content-type"]);

        // site.css sets line-height 1.8 on the root and 1.125rem on the body text: 18px and 32.4px.
        var body = page.Locator("article .article-body");
        await Expect(body).ToHaveCSSAsync("font-size", "18px");
        await Expect(body).ToHaveCSSAsync("line-height", new Regex(@"^32\.4\d*px$"));
    }

    private async Task SaveScreenshotAsync(IPage page, string fileName, bool waitForImages = true)
    {
        Directory.CreateDirectory(portal.Layout.ScreenshotDirectory);
        var path = Path.Combine(portal.Layout.ScreenshotDirectory, fileName);
        // Pictures are stand-ins served by the route, so they all finish; one still loading would show blank.
        if (waitForImages) await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }

    /// <summary>The link's path, which must be an article page of the portal.</summary>
    private static async Task<string> HrefOf(ILocator link)
    {
        await Expect(link).ToHaveAttributeAsync("href", ArticlePath());
        return await link.GetAttributeAsync("href") ?? throw new XunitException($"{link} has no href.");
    }

    private static async Task<LocatorBoundingBoxResult> BoxOf(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new XunitException($"{locator} is not visible.");

    /// <summary>Runs a test in a fresh context; a failure also shows the page and what the web app logged.</summary>
    private async Task InBrowserAsync(string testName, BrowserNewContextOptions options, Func<IPage, Task> test)
    {
        var page = await portal.NewPageAsync(options);
        try
        {
            await test(page);
        }
        catch (Exception e)
        {
            try
            {
                await SaveScreenshotAsync(page, $"failed-{testName}.png", waitForImages: false);
            }
            catch (PlaywrightException screenshotError)
            {
                output.WriteLine($"No failure screenshot: {screenshotError.Message}");
            }
            throw new XunitException($"{e.Message}\nPage: {page.Url}\n{portal.WebAppReport}", e);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"^/articles/\d+$")]
    private static partial Regex ArticlePath();
}
