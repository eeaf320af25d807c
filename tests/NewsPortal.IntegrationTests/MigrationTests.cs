using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Empty_database_is_brought_up_to_date_and_recorded()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var applied = await new MigrationRunner(db.DataSource).MigrateAsync();

        Assert.Equal(MigrationRunner.All.Count, applied.Count);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationRunner.All.Select(m => m.Version), versions);
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('articles') IS NOT NULL"));
    }

    [Fact]
    public async Task Running_migrations_again_applies_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: true);
        Assert.Empty(await new MigrationRunner(db.DataSource).MigrateAsync());
        Assert.Empty(await new MigrationRunner(db.DataSource).PendingAsync());
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_migration_once()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var other = NewsPortalDatabase.Create(db.ConnectionString);
        var results = await Task.WhenAll(
            new MigrationRunner(db.DataSource).MigrateAsync(),
            new MigrationRunner(other).MigrateAsync());

        Assert.Equal(MigrationRunner.All.Count, results.Sum(r => r.Count));
        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(MigrationRunner.All.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_migration_longer_than_the_command_timeout_runs_to_its_end()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        // A one-second command timeout, and a migration that takes two: as a backfill of a large table would.
        await using var impatient = NewsPortalDatabase.Create(db.ConnectionString + ";Command Timeout=1");
        var slow = new MigrationRunner.Migration(1, "0001_slow", "CREATE TABLE slow AS SELECT 1 AS x FROM pg_sleep(2)");

        var applied = await new MigrationRunner(impatient, [slow]).MigrateAsync();

        Assert.Equal([1], applied.Select(m => m.Version));
        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM slow"));
        Assert.Equal("0001_slow", await connection.ExecuteScalarAsync<string>("SELECT name FROM schema_migrations WHERE version = 1"));
    }

    [Fact]
    public async Task A_process_waiting_for_anothers_long_migration_waits_past_its_command_timeout()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var first = NewsPortalDatabase.Create(db.ConnectionString + ";Command Timeout=1");
        await using var second = NewsPortalDatabase.Create(db.ConnectionString + ";Command Timeout=1");
        MigrationRunner.Migration[] slow = [new(1, "0001_slow", "CREATE TABLE slow AS SELECT 1 AS x FROM pg_sleep(2)")];

        // Whichever takes the lock first runs the two-second migration; the other waits for it.
        var running = new MigrationRunner(first, slow).MigrateAsync();
        await Task.Delay(300);
        var results = await Task.WhenAll(running, new MigrationRunner(second, slow).MigrateAsync());

        Assert.Equal([1], results.SelectMany(r => r).Select(m => m.Version));
    }

    [Fact]
    public async Task Bodies_and_hash_arrays_are_compressed_with_lz4_when_the_server_has_it()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: true);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var serverHasLz4 = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))");
        var methods = (await connection.QueryAsync<string>("""
            SELECT attrelid::regclass::text || '.' || attname || ':' || coalesce(nullif(attcompression::text, ''), '-') FROM pg_attribute
            WHERE (attrelid = 'articles'::regclass AND attname IN ('body_html', 'body_text', 'text_signature', 'text_lead_signature'))
               OR (attrelid = 'article_revisions'::regclass AND attname = 'body_html')
            ORDER BY 1
            """)).ToList();

        var expected = serverHasLz4 ? "l" : "-";
        Assert.Equal(
            [$"article_revisions.body_html:{expected}", $"articles.body_html:{expected}", $"articles.body_text:{expected}",
             $"articles.text_lead_signature:{expected}", $"articles.text_signature:{expected}"],
            methods);
    }

    [Fact]
    public async Task Without_migrate_an_old_schema_is_refused_with_the_command_to_run()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var error = await Assert.ThrowsAsync<SchemaOutOfDateException>(
            () => NewsPortalDatabase.EnsureSchemaAsync(db.DataSource, migrate: false));

        Assert.Contains(NewsPortalDatabase.MigrateCommand, error.Message);
        Assert.Contains("0001_initial_schema", error.Message);
    }

    [Fact]
    public async Task Ingestion_command_refuses_to_run_on_an_old_schema_when_migration_is_off()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var host = new IngestionHost(db, migrate: false);

        var exitCode = await host.RunCommandLineAsync("ingest", Repo.Samples);

        Assert.Equal(3, exitCode);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('articles') IS NOT NULL"));
    }
}
