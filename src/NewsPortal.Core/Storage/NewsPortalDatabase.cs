using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>The one <see cref="NpgsqlDataSource"/> of a process, and the schema check both hosts run at start.</summary>
public static class NewsPortalDatabase
{
    public const string ConnectionStringName = "NewsPortal";

    public const string MigrateCommand = "scripts/np migrate";

    static NewsPortalDatabase()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new ArrayHandler<string>());
        SqlMapper.AddTypeHandler(new ArrayHandler<int>());
    }

    public static NpgsqlDataSource Create(string connectionString, bool prepareStatements = true)
    {
        // Every query here runs for milliseconds, but the planner can cost one above jit_above_cost
        // (a join of a batch's 20,000 band keys did; LLVM still showed in the profile of a first
        // ingest): compiling it took PostgreSQL 200-370 ms of CPU, more than running it
        // (docs/performance.md). An explicit jit setting in the connection string wins.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.Ordinal) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        // Planning cost the article page more than running its statements (1-3 ms against well
        // under 1 ms): statements a connection runs again are prepared on it, and a connection back
        // in the pool keeps them (no DISCARD ALL). Nothing here leaves session state behind: locks
        // and settings are per transaction, the staging table empties itself at commit. Ingestion
        // does not prepare: its statements are few and large, and the generic plans PostgreSQL
        // settles on for them cost a first ingest of 100,000 items 30 % more of its CPU. Either
        // setting in the connection string wins (docs/performance.md).
        // What the string itself says (Npgsql's builder answers ContainsKey for any keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] names) => names.Any(given.ContainsKey);
        if (!Given("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = prepareStatements ? 64 : 0;
        if (!Given("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = prepareStatements;
        // Npgsql's default of 100 connections per process let one web node under 256 concurrent
        // requests take every connection PostgreSQL had (100 by default): other nodes, ingestion
        // and psql got "too many clients". Two cores are kept busy by far fewer; requests past the
        // pool wait for a connection (Timeout, 15 s) instead. The connection string wins.
        if (!Given("Maximum Pool Size", "Max Pool Size", "MaxPoolSize")) builder.MaxPoolSize = 30;
        return new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "NewsPortal" }.Build();
    }

    /// <summary>
    /// Migrates when allowed; otherwise refuses to go on with an old schema, saying what to run.
    /// Returns the names of the migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureSchemaAsync(NpgsqlDataSource dataSource, bool migrate, CancellationToken ct = default)
    {
        var runner = new MigrationRunner(dataSource);
        if (migrate) return [.. (await runner.MigrateAsync(ct)).Select(m => m.Name)];
        var pending = await runner.PendingAsync(ct);
        if (pending.Count > 0)
        {
            throw new SchemaOutOfDateException(
                $"The database schema is out of date: {pending.Count} migration(s) pending ({string.Join(", ", pending.Select(m => m.Name))}). " +
                $"Run `{MigrateCommand}` or start with Database:Migrate=true.");
        }
        return [];
    }
}
