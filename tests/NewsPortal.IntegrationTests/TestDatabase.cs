using Dapper;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A fresh PostgreSQL database for one test class, created on the server named by
/// <c>NEWSPORTAL_TEST_DB</c> and dropped afterwards. A missing server is a failure, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "NEWSPORTAL_TEST_DB";

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
        DataSource = NewsPortalDatabase.Create(ConnectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Creates an empty database; with <paramref name="migrate"/> it gets the current schema. On the
    /// server <paramref name="admin"/> names when given, else on <c>NEWSPORTAL_TEST_DB</c>'s.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, string? admin = null)
    {
        admin ??= Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the suite with scripts/test.sh (it starts a PostgreSQL cluster), " +
                "or set it to an admin connection string such as 'Host=127.0.0.1;Port=5432;Username=postgres'.");
        var name = "newsportal_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"Cannot reach the test PostgreSQL server ({Variable}='{admin}'): {e.Message}", e);
        }
        var database = new TestDatabase(admin, name);
        if (migrate) await new MigrationRunner(database.DataSource).MigrateAsync();
        return database;
    }

    /// <summary>
    /// A database with the schema as it was before migration <paramref name="version"/>, for tests of
    /// what that migration does to older data; <see cref="MigrationRunner"/> applies the rest.
    /// </summary>
    public static async Task<TestDatabase> CreateBeforeAsync(int version)
    {
        var database = await CreateAsync(migrate: false);
        await new MigrationRunner(database.DataSource, [.. MigrationRunner.All.Where(m => m.Version < version)]).MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
