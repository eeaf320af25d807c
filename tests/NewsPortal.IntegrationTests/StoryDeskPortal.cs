using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// <see cref="StoryPortal"/> with its editor signed in once (sign-in is rate limited per client),
/// for tests of the desk's refusals: nothing they post may change a story.
/// </summary>
public sealed class StoryDeskPortal : IAsyncLifetime
{
    private EditorClient? _editor;

    public StoryPortal Stories { get; } = new();

    public PortalFactory Portal => Stories.Portal;

    /// <summary>A client signed in as <see cref="PortalFactory.EditorName"/>.</summary>
    public EditorClient Editor => _editor ?? throw new InvalidOperationException("not initialised");

    /// <summary>The sanctions story (three accounts) and the CPI story (three accounts).</summary>
    public long SanctionsStory { get; private set; }
    public long CpiStory { get; private set; }

    /// <summary>An account of the sanctions story.</summary>
    public long SanctionsRfi { get; private set; }

    /// <summary>An account of the CPI story, not of the sanctions one.</summary>
    public long CpiReuters { get; private set; }

    /// <summary>Each article's story and pin, each story's merge and lock, and the decisions logged, as text to compare.</summary>
    public string InitialState { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Stories.InitializeAsync();
        _editor = new EditorClient(Portal);
        var signIn = await _editor.SignInAsync();
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in: {(int)signIn.StatusCode}");
        SanctionsStory = await Stories.StoryOfAsync(StoryPortal.SanctionsZaobao);
        CpiStory = await Stories.StoryOfAsync(StoryPortal.CpiZaobao);
        SanctionsRfi = await Stories.IdOfAsync(StoryPortal.SanctionsRfi);
        CpiReuters = await Stories.IdOfAsync(StoryPortal.CpiReuters);
        InitialState = await StateAsync();
    }

    public Task DisposeAsync() => Stories.DisposeAsync();

    public async Task<string> StateAsync()
    {
        await using var c = await Stories.Database.DataSource.OpenConnectionAsync();
        var articles = await c.QueryAsync<string>(
            "SELECT id || ':' || coalesce(story_id::text, '-') || ':' || story_pinned FROM articles ORDER BY id");
        var stories = await c.QueryAsync<string>(
            "SELECT id || ':' || coalesce(merged_into::text, '-') || ':' || locked || ':' || article_count FROM stories ORDER BY id");
        var decisions = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM story_decisions");
        return string.Join('\n', [.. articles, .. stories, $"decisions {decisions}"]);
    }
}
