using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The real web app on a primary and its streaming replica: two clusters of the tests' own on
/// loopback (the replica made with <c>pg_basebackup -R</c>), the samples ingested and one editor
/// added on the primary, <c>ConnectionStrings:NewsPortalRead</c> naming the replica. Both clusters
/// are stopped and their folders removed at the end.
/// </summary>
public sealed class ReplicaPortal : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _root;
    private PostgresCluster? _primary;
    private PostgresCluster? _replica;
    private TestDatabase? _database;

    /// <summary>The database's name, on both clusters (the replica is a physical copy).</summary>
    public string DatabaseName => _database?.Name ?? throw new InvalidOperationException("not initialised");

    public PostgresCluster Primary => _primary ?? throw new InvalidOperationException("not initialised");
    public PostgresCluster Replica => _replica ?? throw new InvalidOperationException("not initialised");
    public long ArticleId { get; private set; }

    public async Task InitializeAsync()
    {
        _root = PostgresCluster.CreateRoot();
        _primary = await PostgresCluster.InitAsync(_root, "primary");
        _database = await TestDatabase.CreateAsync(admin: _primary.AdminConnectionString);
        await using (var ingestion = new IngestionHost(_database))
        {
            var counts = await ingestion.IngestAsync(Repo.Samples);
            if (counts.New != 2) throw new InvalidOperationException($"sample ingest: {counts}");
            await ingestion.AddEditorAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        }
        ArticleId = await _primary.QueryAsync<long>(DatabaseName, "SELECT id FROM articles WHERE input_format = 'markdown-feed-dump'");
        _replica = await _primary.ReplicaAsync(_root, "replica");
        await WaitForReplayAsync();
    }

    /// <summary>Until the replica has replayed everything the primary has written so far.</summary>
    public async Task WaitForReplayAsync()
    {
        var target = await Primary.QueryAsync<string>("postgres", "SELECT pg_current_wal_lsn()::text");
        await Eventually.TrueAsync(async () =>
            await Replica.QueryAsync<bool>("postgres", $"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"), "the replica replays the primary's writes");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:NewsPortal", Primary.ConnectionString(DatabaseName));
        builder.UseSetting("ConnectionStrings:NewsPortalRead", Replica.ConnectionString(DatabaseName));
        builder.UseEnvironment("Production");
        builder.UseSetting("Delivery:ChangeCheckSeconds", "0");
        builder.UseSetting("Search:Index", "false");
        builder.UseSetting("Editors:SessionCheckSeconds", "0");
        // Each test says whether it wants the lag check.
        builder.UseSetting("Database:ReplicaMaxLagSeconds", "0");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        // The clusters go with their databases: nothing to drop.
        if (_database is not null) await _database.DataSource.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_replica is not null) await _replica.DisposeAsync();
        if (_primary is not null) await _primary.DisposeAsync();
        if (_root is not null) Directory.Delete(_root, recursive: true);
    }
}
