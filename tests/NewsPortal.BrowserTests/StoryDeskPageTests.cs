using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace NewsPortal.BrowserTests;

/// <summary>
/// An editor splits the seven-account story on its desk page, in Chromium. On a portal of its own
/// (<see cref="EditorPortalFixture"/>): <see cref="ArticlePageTests"/> needs that story whole.
/// </summary>
public sealed partial class StoryDeskPageTests(EditorPortalFixture portal, ITestOutputHelper output) : IClassFixture<EditorPortalFixture>
{
    [Fact]
    public async Task An_editor_splits_two_accounts_off_the_story_and_readers_see_them_gone_from_it()
    {
        var page = await portal.NewPageAsync();
        try
        {
            await SignInAsync(page);

            await page.GotoAsync("/");
            var storyLink = page.Locator("a.story-count");
            await Expect(storyLink).ToHaveCountAsync(1);
            await Expect(storyLink).ToHaveTextAsync(new Regex(@"^另有 \d+ 家媒体报道$"));
            var story = StoryId(await storyLink.GetAttributeAsync("href"), ReaderStoryPath());

            await page.GotoAsync($"/editor/stories/{story}");
            var boxes = page.Locator("input[type=checkbox][name=articles]");
            var before = await ValuesAsync(boxes);
            Assert.True(before.Count >= 5, $"the desk lists the story's accounts: {before.Count}");
            await Expect(page.Locator("ol.story-decisions > li")).ToHaveCountAsync(0);
            // The second and third accounts, so that the story keeps its first report.
            var chosen = new List<string>();
            foreach (var box in new[] { boxes.Nth(1), boxes.Nth(2) })
            {
                var label = await box.GetAttributeAsync("aria-label") ?? throw new XunitException("a checkbox without a label");
                await page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true }).CheckAsync();
                chosen.Add(await box.GetAttributeAsync("value") ?? "");
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "将选中的报道拆分为新事件" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(DeskUrl());
            var created = StoryId(new Uri(page.Url).PathAndQuery, DeskUrl());
            Assert.NotEqual(story, created);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"事件 {created}");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已拆分为新事件");
            Assert.Equal(chosen.Order(), (await ValuesAsync(boxes)).Order());
            var decision = page.Locator("ol.story-decisions > li");
            await Expect(decision).ToHaveCountAsync(1);
            await Expect(decision.Locator("strong")).ToHaveTextAsync("拆分");
            await Expect(decision).ToContainTextAsync(EditorPortalFixture.EditorName);
            await Expect(decision).ToContainTextAsync($"事件 {story} ↔ {created}");
            foreach (var id in chosen) await Expect(decision).ToContainTextAsync(id);

            // Readers: the original story without the two, the new one with just them.
            await page.GotoAsync($"/stories/{story}");
            var timeline = page.Locator("ol.timeline > li .title a");
            await Expect(timeline).ToHaveCountAsync(before.Count - 2);
            var remaining = await HrefsAsync(timeline);
            Assert.All(chosen, id => Assert.DoesNotContain($"/articles/{id}", remaining));
            Assert.Equal(before.Except(chosen).Select(id => $"/articles/{id}").Order(), remaining.Order());
            await page.GotoAsync($"/stories/{created}");
            Assert.Equal(chosen.Select(id => $"/articles/{id}").Order(), (await HrefsAsync(timeline)).Order());
        }
        catch (Exception e)
        {
            await SaveFailureScreenshotAsync(page);
            throw new XunitException($"{e.Message}\nPage: {page.Url}\n{portal.WebAppReport}", e);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_desk_pages_have_no_WCAG_AA_violations()
    {
        var page = await portal.NewPageAsync();
        try
        {
            await SignInAsync(page);
            // Whatever the other tests of this portal did to its stories: an article, its edit page, its story's desk.
            await page.GotoAsync("/");
            var article = await page.Locator(".article-item h2 a").First.GetAttributeAsync("href");
            await page.GotoAsync($"/editor{article}");
            var desk = await page.Locator("a[href^='/editor/stories/']").First.GetAttributeAsync("href");
            var found = new List<string>();
            foreach (var url in new[] { "/editor", $"/editor{article}", desk!, "/editor/feeds" })
            {
                await page.GotoAsync(url);
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                found.AddRange((await AccessibilityTests.ViolationsAsync(page, portal.Layout)).Select(v => $"{url}: {v}"));
            }
            foreach (var v in found) output.WriteLine(v);
            Assert.Empty(found);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Through the real sign-in page, as an editor would.</summary>
    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/editor/login");
        await page.GetByLabel("用户名").FillAsync(EditorPortalFixture.EditorName);
        await page.GetByLabel("密码").FillAsync(EditorPortalFixture.EditorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/editor$"));
    }

    private static long StoryId(string? path, Regex pattern)
    {
        var match = pattern.Match(path ?? "");
        if (!match.Success) throw new XunitException($"'{path}' is not a story's address ({pattern})");
        return long.Parse(match.Groups[1].Value);
    }

    private static async Task<List<string>> ValuesAsync(ILocator checkboxes)
    {
        var values = new List<string>();
        foreach (var box in await checkboxes.AllAsync()) values.Add(await box.GetAttributeAsync("value") ?? "");
        return values;
    }

    private static async Task<List<string>> HrefsAsync(ILocator links)
    {
        var hrefs = new List<string>();
        foreach (var link in await links.AllAsync()) hrefs.Add(await link.GetAttributeAsync("href") ?? "");
        return hrefs;
    }

    private async Task SaveFailureScreenshotAsync(IPage page)
    {
        try
        {
            Directory.CreateDirectory(portal.Layout.ScreenshotDirectory);
            var path = Path.Combine(portal.Layout.ScreenshotDirectory, "failed-story-desk.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"Screenshot: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"No failure screenshot: {e.Message}");
        }
    }

    [GeneratedRegex(@"^/stories/(\d+)$")]
    private static partial Regex ReaderStoryPath();

    [GeneratedRegex(@"/editor/stories/(\d+)\?")]
    private static partial Regex DeskUrl();
}
