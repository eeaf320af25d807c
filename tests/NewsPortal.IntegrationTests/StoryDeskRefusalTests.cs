using System.Net;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// What the story desk refuses: anonymous posts, posts without an antiforgery token, bad input and
/// unknown ids. One portal for the class; every test checks that its refused post changed nothing.
/// </summary>
public sealed class StoryDeskRefusalTests(StoryDeskPortal portal) : IClassFixture<StoryDeskPortal>
{
    /// <summary>A well-formed post of each action, on the fixture's stories.</summary>
    private (string Path, (string Name, string Value)[] Fields) Action(string action) => action switch
    {
        "move-out" => ($"/editor/articles/{portal.SanctionsRfi}/move-out", []),
        "merge" => ($"/editor/stories/{portal.CpiStory}/merge", [("other", portal.SanctionsStory.ToString())]),
        "split" => ($"/editor/stories/{portal.SanctionsStory}/split", [("articles", portal.SanctionsRfi.ToString())]),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Posts as the signed-in editor with a valid token taken from a desk page.</summary>
    private async Task<HttpResponseMessage> PostAsEditorAsync(string path, params (string Name, string Value)[] fields)
    {
        var desk = await portal.Editor.Http.GetDocumentAsync($"/editor/stories/{portal.SanctionsStory}");
        return await portal.Editor.PostAsync(path, desk, fields);
    }

    private async Task AssertNothingChangedAsync() => Assert.Equal(portal.InitialState, await portal.StateAsync());

    [Theory]
    [InlineData("move-out")]
    [InlineData("merge")]
    [InlineData("split")]
    public async Task Anonymous_posts_are_sent_to_sign_in_and_change_nothing(string action)
    {
        var anonymous = new EditorClient(portal.Portal);
        var loginPage = await anonymous.Http.GetDocumentAsync("/editor/login");
        var (path, fields) = Action(action);

        var response = await anonymous.PostAsync(path, loginPage, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/editor/login", response.Headers.Location!.ToString());
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("move-out")]
    [InlineData("merge")]
    [InlineData("split")]
    public async Task A_signed_in_editors_post_without_the_antiforgery_token_is_rejected(string action)
    {
        var (path, fields) = Action(action);

        var response = await portal.Editor.PostWithoutTokenAsync(path, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("no field")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("itself")]
    public async Task Merge_without_another_story_is_a_bad_request(string other)
    {
        (string, string)[] fields = other switch
        {
            "no field" => [],
            "itself" => [("other", portal.CpiStory.ToString())],
            _ => [("other", other)],
        };

        var response = await PostAsEditorAsync($"/editor/stories/{portal.CpiStory}/merge", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The controller's own message, not an antiforgery failure's empty 400.
        Assert.Contains("请填写另一个事件的编号", await response.Content.ReadAsStringAsync());
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Split_with_no_articles_chosen_is_a_bad_request(bool emptyField)
    {
        (string, string)[] fields = emptyField ? [("articles", "")] : [];

        var response = await PostAsEditorAsync($"/editor/stories/{portal.SanctionsStory}/split", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择要拆分出去的报道", await response.Content.ReadAsStringAsync());
        await AssertNothingChangedAsync();
    }

    private const long Unknown = 987654321;

    [Theory]
    [InlineData("move-out of an unknown article")]
    [InlineData("merge of an unknown story")]
    [InlineData("merge with an unknown story")]
    [InlineData("split of an unknown story")]
    [InlineData("split of articles not in the story")]
    public async Task Unknown_ids_are_not_found(string change)
    {
        var (path, fields) = change switch
        {
            "move-out of an unknown article" => ($"/editor/articles/{Unknown}/move-out", Array.Empty<(string, string)>()),
            "merge of an unknown story" => ($"/editor/stories/{Unknown}/merge", [("other", portal.CpiStory.ToString())]),
            "merge with an unknown story" => ($"/editor/stories/{portal.CpiStory}/merge", [("other", Unknown.ToString())]),
            "split of an unknown story" => ($"/editor/stories/{Unknown}/split", [("articles", portal.SanctionsRfi.ToString())]),
            "split of articles not in the story" => ($"/editor/stories/{portal.SanctionsStory}/split",
                [("articles", portal.CpiReuters.ToString()), ("articles", Unknown.ToString())]),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };

        var response = await PostAsEditorAsync(path, fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task The_desk_page_of_an_unknown_story_is_not_found()
    {
        var response = await portal.Editor.Http.GetAsync($"/editor/stories/{Unknown}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_desk_page_is_for_editors_only()
    {
        var response = await new EditorClient(portal.Portal).Http.GetAsync($"/editor/stories/{portal.SanctionsStory}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/editor/login", response.Headers.Location!.ToString());
    }
}
