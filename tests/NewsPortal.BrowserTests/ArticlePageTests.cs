using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace NewsPortal.BrowserTests;

/// <summary>Sample articles and one story of seven accounts, reached the way a reader does: from the front page, the story page and the sidebar.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ArticlePageTests(PortalFixture portal, ITestOutputHelper output)
{
    private const string VoaTitle = "普京会见张又侠，盛赞中俄高科技军事合作";
    private const string RelatedHeading = "相关文章";

    [Fact]
    public Task Front_page_leads_to_a_story_whose_accounts_link_each_other_in_the_sidebar() => InBrowserAsync(
        nameof(Front_page_leads_to_a_story_whose_accounts_link_each_other_in_the_sidebar),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            var portalErrors = new ConcurrentQueue<string>();
            page.Response += (_, r) => { if (portal.IsPortal(r.Url) && r.Status >= 400) portalErrors.Enqueue($"{r.Status} {r.Url}"); };

            // The seven accounts of the sanctions story are one entry on the front page.
            await page.GotoAsync("/");
            // Lead images as list thumbnails, through the portal's own image address, loaded.
            var thumbnails = page.Locator(".article-item img.thumb");
            Assert.True(await thumbnails.CountAsync() >= 1, "the front page shows lead-image thumbnails");
            foreach (var thumb in await thumbnails.AllAsync())
            {
                Assert.StartsWith("/img/", await thumb.GetAttributeAsync("src"));
                await Expect(thumb).ToHaveJSPropertyAsync("complete", true);
                Assert.True(await thumb.EvaluateAsync<int>("i => i.naturalWidth") > 0);
            }
            await SaveScreenshotAsync(page, "readme-front.jpg");
            var storyEntries = page.Locator(".article-item", new() { Has = page.Locator("a.story-count") });
            await Expect(storyEntries).ToHaveCountAsync(1);
            await Expect(storyEntries.Locator("a.story-count")).ToHaveTextAsync(new Regex(@"^另有 \d+ 家媒体报道$"));
            await storyEntries.Locator("a.story-count").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/stories/\d+$"));
            await Expect(page.Locator(".story-count")).ToHaveTextAsync(new Regex(@"^\d+ 家媒体报道"));
            var accounts = page.Locator("ol.timeline > li");
            Assert.True(await accounts.CountAsync() >= 5, "the story page lists the accounts");
            await Expect(accounts.First).ToHaveClassAsync(new Regex("first-report"));
            await Expect(accounts.First.Locator(".first-mark")).ToHaveTextAsync("首发");
            await SaveScreenshotAsync(page, "story-desktop.png");
            await SaveScreenshotAsync(page, "readme-story.jpg");
            var storyPaths = new HashSet<string>();
            foreach (var link in await accounts.Locator(".title a").AllAsync()) storyPaths.Add(await HrefOf(link));

            var first = accounts.First.Locator(".title a");
            var firstPath = await HrefOf(first);
            await first.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(portal.BaseUrl, firstPath).ToString());
            await AssertOwnStylesheetAppliedAsync(page);
            await SaveScreenshotAsync(page, "article-desktop.png");
            await SaveScreenshotAsync(page, "readme-article.jpg");

            // Every link under 同一事件的其他报道 is another account of the same story, and following one leads back.
            var sidebarLinks = page.GetByRole(AriaRole.Complementary, new() { Name = RelatedHeading }).Locator("ol.story-accounts li a");
            Assert.True(await sidebarLinks.CountAsync() >= 3);
            foreach (var link in await sidebarLinks.AllAsync())
            {
                var path = await HrefOf(link);
                Assert.Contains(path, storyPaths);
                Assert.NotEqual(firstPath, path);
            }
            await sidebarLinks.First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = RelatedHeading }).Locator($"ol.story-accounts li a[href='{firstPath}']")).ToHaveCountAsync(1);

            // A sample alone in its story shows no filler under 相关文章.
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = VoaTitle, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(VoaTitle);
            var aside = page.GetByRole(AriaRole.Complementary, new() { Name = RelatedHeading });
            await Expect(aside.Locator("li a")).ToHaveCountAsync(0);
            await Expect(aside).ToContainTextAsync("暂无其他媒体报道");

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
        // readme-*.jpg go into the README (scripts/screenshots.sh): what a reader first sees, small.
        var forReadme = fileName.EndsWith(".jpg", StringComparison.Ordinal);
        await page.ScreenshotAsync(forReadme
            ? new() { Path = path, Type = ScreenshotType.Jpeg, Quality = 70 }
            : new() { Path = path, FullPage = true });
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
    [Theory]
    [InlineData("light", "rgb(255, 253, 249)", "rgb(29, 29, 31)")]
    [InlineData("dark", "rgb(21, 21, 21)", "rgb(232, 230, 227)")]
    public Task Pages_follow_the_readers_light_or_dark_setting(string scheme, string background, string text) => InBrowserAsync(
        $"{nameof(Pages_follow_the_readers_light_or_dark_setting)}-{scheme}",
        new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            await page.GotoAsync("/");
            await page.Locator(".article-item a").First.ClickAsync();
            await Expect(page.Locator("article h1")).ToBeVisibleAsync();
            var colours = await page.EvaluateAsync<string[]>(
                "() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.querySelector('article h1')).color]");
            Assert.Equal([background, text], colours);
            if (scheme == "dark") await SaveScreenshotAsync(page, "article-dark.png");
            if (scheme == "dark") await SaveScreenshotAsync(page, "readme-article-dark.jpg");
        });

    [Fact]
    public Task The_switch_turns_the_page_Traditional_keeps_it_so_on_the_next_page_and_turns_it_back() => InBrowserAsync(
        nameof(The_switch_turns_the_page_Traditional_keeps_it_so_on_the_next_page_and_turns_it_back),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = VoaTitle }).ClickAsync();
            await Expect(page.Locator("article h1")).ToHaveTextAsync(VoaTitle);

            await page.Locator("#zh-switch").ClickAsync();
            // 会见 → 會見, 张又侠 → 張又俠, 军事 → 軍事
            await Expect(page.Locator("article h1")).ToHaveTextAsync("普京會見張又俠，盛讚中俄高科技軍事合作");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
            await Expect(page.Locator("#zh-switch")).ToHaveTextAsync("简");

            await page.ReloadAsync();
            await Expect(page.Locator("article h1")).ToHaveTextAsync("普京會見張又俠，盛讚中俄高科技軍事合作");
            await SaveScreenshotAsync(page, "article-traditional.png");

            await page.Locator("#zh-switch").ClickAsync();
            await Expect(page.Locator("article h1")).ToHaveTextAsync(VoaTitle);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        });

    [Fact]
    public Task English_text_is_set_in_a_Latin_face_ragged_right_not_the_CJK_one() => InBrowserAsync(
        nameof(English_text_is_set_in_a_Latin_face_ragged_right_not_the_CJK_one),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            await page.GotoAsync("/");
            var fonts = await page.EvaluateAsync<string[]>("""
                () => {
                    document.body.insertAdjacentHTML('beforeend', '<p lang="en" id="latin">“Quoted,” she said.</p><p id="cjk">“引号”</p>'
                        + '<article lang="en"><div class="article-body"><p id="latin-body">Words.</p></div></article>'
                        + '<article><div class="article-body"><p id="cjk-body">正文。</p></div></article>');
                    const style = id => getComputedStyle(document.getElementById(id));
                    return [style('latin').fontFamily, style('cjk').fontFamily, style('latin-body').textAlign, style('cjk-body').textAlign];
                }
                """);
            Assert.StartsWith("system-ui", fonts[0]);
            Assert.StartsWith("\"PingFang SC\"", fonts[1]);
            // Justified English on the body's narrow column opens gaps between words; Chinese stays justified.
            Assert.Equal("start", fonts[2]);
            Assert.Equal("justify", fonts[3]);
        });

    [Fact]
    public Task A_reader_goes_from_the_front_page_to_a_story_an_account_and_its_sidebar_with_the_keyboard_alone() => InBrowserAsync(
        nameof(A_reader_goes_from_the_front_page_to_a_story_an_account_and_its_sidebar_with_the_keyboard_alone),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            // Tab until the focused element matches the selector, checking on the way that focus is visible.
            async Task TabToAsync(string selector)
            {
                for (var i = 0; i < 80; i++)
                {
                    await page.Keyboard.PressAsync("Tab");
                    var state = await page.EvaluateAsync<string[]>("""
                        s => { const e = document.activeElement;
                               if (!e || e === document.body) return ["body", "", "", ""];
                               const st = getComputedStyle(e);
                               return [String(e.matches(s)), st.outlineStyle, st.outlineWidth, st.boxShadow]; }
                        """, selector);
                    if (state[0] == "body") continue; // the page itself, before the first control
                    var visible = state[1] != "none" && state[2] != "0px" || state[3] != "none";
                    Assert.True(visible, $"focus is not visible on the element after {i + 1} tabs (outline {state[1]} {state[2]}, shadow {state[3]})");
                    if (state[0] == "true") return;
                }
                throw new XunitException($"no {selector} reached with Tab");
            }

            await page.GotoAsync("/");
            await TabToAsync("a.story-count");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/stories/\d+$"));
            await page.WaitForLoadStateAsync(LoadState.Load);
            await TabToAsync("ol.timeline .title a");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/articles/\d+$"));
            await page.WaitForLoadStateAsync(LoadState.Load);
            var article = page.Url;
            await TabToAsync("aside ol.story-accounts a");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/articles/\d+$"));
            Assert.NotEqual(article, page.Url);
        });

    [Fact]
    public Task Searching_from_the_header_box_with_the_keyboard_finds_a_Traditional_query_in_Simplified_text() => InBrowserAsync(
        nameof(Searching_from_the_header_box_with_the_keyboard_finds_a_Traditional_query_in_Simplified_text),
        new() { ViewportSize = new() { Width = 1280, Height = 900 } },
        async page =>
        {
            await page.GotoAsync("/");
            // From the keyboard alone: Tab to the box, type, Enter.
            var box = page.Locator("form.site-search input[name=q]");
            for (var i = 0; i < 30 && !await box.EvaluateAsync<bool>("e => e === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
            await Expect(box).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("張又俠");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q="));
            // The index is kept by the web app's indexer: the samples are in it within a few seconds of start.
            var results = page.Locator(".search-results .article-item");
            for (var i = 0; i < 20 && await results.CountAsync() == 0; i++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }
            await Expect(results.Locator("a", new() { HasText = VoaTitle })).ToHaveCountAsync(1);
            await Expect(results.Locator("mark").First).ToHaveTextAsync("张又侠");
            await Expect(page.Locator("#search-q")).ToHaveValueAsync("張又俠");
            await SaveScreenshotAsync(page, "readme-search.jpg");

            // A filter from the form, by keyboard: English only holds no account of this.
            await page.Locator("#search-lang").SelectOptionAsync("en");
            await page.Locator("#search-q").PressAsync("Enter");
            await Expect(page.Locator(".empty")).ToContainTextAsync("没有找到");
        });

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
