using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPortal.Core.Search;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A trickle of articles indexed for search is merged into the key index at once, so that no
/// search reads them from the GIN index's pending list (every look-up reads that list whole).
/// </summary>
public sealed class SearchPendingListTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public async Task A_trickle_indexed_leaves_nothing_in_the_pending_list_and_is_found()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pgstattuple");
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));

        var indexed = await new SearchIndexer(_portal.Database.DataSource, NullLogger<SearchIndexer>.Instance).IndexAllAsync(CancellationToken.None);

        Assert.Equal(2, indexed);
        var (pages, tuples) = await c.QuerySingleAsync<(int, long)>("SELECT pending_pages, pending_tuples FROM pgstatginindex('article_search_keys_idx')");
        Assert.Equal((0, 0L), (pages, tuples));
        var page = await new SearchStore(_portal.Database.DataSource).SearchAsync(SearchQuery.Parse("张又侠"), new SearchFilters(), null, 20, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.NotEmpty(page.Hits);
    }
}
