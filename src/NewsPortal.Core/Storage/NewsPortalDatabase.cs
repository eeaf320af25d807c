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

    public const string ReadConnectionStringName = "NewsPortalRead";

    /// <summary>
    /// The data source of <paramref name="connectionString"/>; for a multi-host string the one that
    /// connects to its primary, whatever <c>Target Session Attributes</c> it names (that is for reads:
    /// <see cref="CreateReadDataSource"/>).
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, bool prepareStatements = true)
    {
        var builder = Builder(connectionString, prepareStatements);
        return IsMultiHost(builder.ConnectionString)
            ? builder.BuildMultiHost().WithTargetSession(TargetSessionAttributes.Primary)
            : builder.Build();
    }

    /// <summary>
    /// The primary and the reads of a process. Reads go to a standby when there is one:
    /// <paramref name="readConnectionString"/>'s hosts first and the primary's after them (a
    /// physical replica has the primary's roles and databases, so one set of credentials serves
    /// both), or the standbys among a multi-host <paramref name="connectionString"/>'s hosts; either
    /// way Npgsql's <c>prefer-standby</c> falls back to the primary when no standby answers.
    /// </summary>
    public static ReadDataSource CreateReadDataSource(string connectionString, string? readConnectionString, bool prepareStatements = true)
    {
        if (!string.IsNullOrWhiteSpace(readConnectionString))
        {
            var primary = Create(connectionString, prepareStatements);
            var read = new NpgsqlConnectionStringBuilder(readConnectionString);
            read.Host = string.Join(',', HostsOf(readConnectionString).Concat(HostsOf(connectionString)).Distinct());
            var reads = Builder(read.ConnectionString, prepareStatements).BuildMultiHost();
            return new ReadDataSource(primary, reads.WithTargetSession(TargetSessionAttributes.PreferStandby), [primary, reads]);
        }
        if (IsMultiHost(connectionString))
        {
            var all = Builder(connectionString, prepareStatements).BuildMultiHost();
            return new ReadDataSource(all.WithTargetSession(TargetSessionAttributes.Primary), all.WithTargetSession(TargetSessionAttributes.PreferStandby), [all]);
        }
        var single = Create(connectionString, prepareStatements);
        return new ReadDataSource(single, null, [single]);
    }

    private static bool IsMultiHost(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',') == true;

    /// <summary>The string's hosts as <c>host:port</c> (a host without its own port takes the string's <c>Port</c>).</summary>
    private static IEnumerable<string> HostsOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var host in (builder.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // host:port, [v6]:port or a socket folder; a bare IPv6 address has colons but no brackets.
            var hasPort = host.StartsWith('[') ? host.Contains("]:", StringComparison.Ordinal) : host.Count(c => c == ':') == 1;
            yield return hasPort || host.StartsWith('/') ? host : $"{host}:{builder.Port}";
        }
    }

    private static NpgsqlDataSourceBuilder Builder(string connectionString, bool prepareStatements)
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
        return new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "NewsPortal" };
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
