using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The real web app on its own test database, with the two samples ingested through the real
/// ingest command and one editor account.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string EditorName = "editor1";
    public const string EditorPassword = "correct horse battery";

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public long TextDumpId { get; private set; }
    public long FeedDumpId { get; private set; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var ingestion = new IngestionHost(_database);
        var counts = await ingestion.IngestAsync(Repo.Samples);
        if (counts.New != 2) throw new InvalidOperationException($"sample ingest: {counts}");
        await ingestion.AddEditorAsync(EditorName, EditorPassword);
        await using var c = await _database.DataSource.OpenConnectionAsync();
        TextDumpId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE input_format = 'text-dump'");
        FeedDumpId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE input_format = 'markdown-feed-dump'");
    }

    /// <summary>Gives the test editor the admin role (accounts made by <c>user add</c> are editors), before it signs in.</summary>
    public async Task MakeEditorAdminAsync()
    {
        await using var c = await Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE editors SET role = 'admin' WHERE name = @Name", new { Name = EditorName });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:NewsPortal", Database.ConnectionString);
        builder.UseEnvironment("Production");
        // Tests read a page right after writing what it shows: the change stamp is read on every request.
        builder.UseSetting("Delivery:ChangeCheckSeconds", "0");
        // Tests index for search when they say so (SearchIndexer.IndexAllAsync), not on a timer between their steps.
        builder.UseSetting("Search:Index", "false");
        // Sessions are checked against the account on every request, not from a 10-second memory.
        builder.UseSetting("Editors:SessionCheckSeconds", "0");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
