using Dapper;
using NewsPortal.Core.Stories;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>What an article's page shows: the article, its near-duplicate links, its story sidebar.</summary>
public sealed record ArticlePageData(ArticleDetail Article, DuplicateLinks Links, StorySidebar Sidebar);

/// <summary>
/// An article's page in one round trip on one connection: the statements of
/// <see cref="ArticleStore"/>, <see cref="NearDuplicateStore"/> and <see cref="StoryStore"/> (each
/// kept with its store) sent together. Three connections and round trips were most of the page's
/// database cost once its statements were prepared (docs/performance.md).
/// </summary>
public sealed class ArticlePageStore(NpgsqlDataSource dataSource)
{
    private static readonly string Sql = ArticleStore.DetailSql + NearDuplicateStore.ForPageSql + StoryStore.SidebarSql;

    /// <summary>The published article's page, with up to <paramref name="sidebarLimit"/> accounts in each sidebar section; null when there is none.</summary>
    public async Task<ArticlePageData?> GetAsync(long id, int sidebarLimit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // @Id and the sidebar's own; the article's statement adds @IncludeUnpublished.
        var parameters = new DynamicParameters(StoryStore.SidebarParameters(id, sidebarLimit));
        parameters.Add("IncludeUnpublished", false);
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, cancellationToken: ct));
        var article = await ArticleStore.ReadDetailAsync(multi);
        var links = await NearDuplicateStore.ReadForPageAsync(multi);
        var sidebar = await StoryStore.ReadSidebarAsync(multi);
        return article is null ? null : new ArticlePageData(article, links, sidebar);
    }
}
