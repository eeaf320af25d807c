using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace NewsPortal.BrowserTests;

/// <summary>
/// The editorial desk in Chromium: an editor edits an article's body, previews it, saves it with a
/// correction note and reads the diff; then clears the review queue on a phone-size screen.
/// </summary>
public sealed class DeskPageTests(DeskPortalFixture portal, ITestOutputHelper output) : IClassFixture<DeskPortalFixture>
{
    private const string AddedParagraph = "编辑补充的一段说明文字。";
    private const string Note = "更正：补充了会见地点的说明。";

    [Fact]
    public async Task An_editor_previews_and_saves_a_body_edit_with_a_correction_note_and_reads_the_diff()
    {
        var page = await portal.NewPageAsync();
        try
        {
            await SignInAsync(page);
            await page.GotoAsync("/");
            var article = await page.Locator(".article-item h2 a").First.GetAttributeAsync("href") ?? throw new XunitException("no article on the front page");

            await page.GotoAsync($"/editor{article}/edit");
            var body = page.GetByLabel(new Regex("^正文"));
            await body.FillAsync(await body.InputValueAsync() + $"<p>{AddedParagraph}<script>alert(1)</script></p>");
            await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
            var preview = page.Locator(".preview .article-body");
            await Expect(preview).ToContainTextAsync(AddedParagraph);
            Assert.Equal(0, await preview.Locator("script").CountAsync());

            await page.GetByLabel(new Regex("^更正/更新说明")).FillAsync(Note);
            await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存");

            await page.GetByRole(AriaRole.Link, new() { Name = "修订对比" }).ClickAsync();
            await Expect(page.Locator(".diffs ins").Last).ToContainTextAsync(AddedParagraph);
            Assert.Empty(await ViolationsAsync(page));
            await ScreenshotAsync(page, "desk-diff.png");

            await page.GotoAsync(article);
            await Expect(page.Locator(".correction-note")).ToContainTextAsync(Note);
            await Expect(page.Locator(".article-body")).ToContainTextAsync(AddedParagraph);
        }
        catch (Exception e)
        {
            await SaveFailureScreenshotAsync(page, "failed-desk-edit.png");
            throw new XunitException($"{e.Message}\nPage: {page.Url}\n{portal.WebAppReport}", e);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_review_queue_works_on_a_phone()
    {
        var page = await portal.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        try
        {
            await SignInAsync(page);
            await page.GotoAsync("/editor/review");
            var items = page.Locator(".review-items li");
            await Expect(items).ToHaveCountAsync(3);
            Assert.Empty(await ViolationsAsync(page));
            // Nothing wider than the screen: no sideways scrolling to reach a checkbox or a button.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the queue scrolls sideways");
            await ScreenshotAsync(page, "desk-review-phone.png");
            var first = await items.Nth(0).Locator(".review-title").TextContentAsync();
            var firstId = await items.Nth(0).GetByRole(AriaRole.Checkbox).GetAttributeAsync("value");
            await items.Nth(0).GetByRole(AriaRole.Checkbox).CheckAsync();
            await items.Nth(1).GetByRole(AriaRole.Checkbox).CheckAsync();
            var publish = page.GetByRole(AriaRole.Button, new() { Name = "发布所选" });
            await Expect(publish).ToBeInViewportAsync();
            await publish.TapAsync();

            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已发布 2 篇");
            await Expect(items).ToHaveCountAsync(1);
            // Readers see it now (lists show a story once, so its own page is the place to look).
            await page.GotoAsync($"/articles/{firstId}");
            await Expect(page.Locator("h1")).ToHaveTextAsync(first!.Trim());
        }
        catch (Exception e)
        {
            await SaveFailureScreenshotAsync(page, "failed-review-queue.png");
            throw new XunitException($"{e.Message}\nPage: {page.Url}\n{portal.WebAppReport}", e);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<string[]> ViolationsAsync(IPage page)
    {
        var found = await AccessibilityTests.ViolationsAsync(page, portal.Layout);
        foreach (var v in found) output.WriteLine($"{page.Url}: {v}");
        return found;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/editor/login");
        await page.GetByLabel("用户名").FillAsync(DeskPortalFixture.EditorName);
        await page.GetByLabel("密码").FillAsync(DeskPortalFixture.EditorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/editor$"));
    }

    // For people to look at: the test assembly's screenshots folder, as the article page tests do.
    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(portal.Layout.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(portal.Layout.ScreenshotDirectory, name), FullPage = true });
    }

    private async Task SaveFailureScreenshotAsync(IPage page, string name)
    {
        try
        {
            Directory.CreateDirectory(portal.Layout.ScreenshotDirectory);
            var path = Path.Combine(portal.Layout.ScreenshotDirectory, name);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"Screenshot: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"No failure screenshot: {e.Message}");
        }
    }
}
