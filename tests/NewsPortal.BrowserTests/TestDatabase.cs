using Npgsql;

namespace NewsPortal.BrowserTests;

/// <summary>A fresh, empty database on the test cluster named by NEWSPORTAL_TEST_DB, dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string AdminVariable = "NEWSPORTAL_TEST_DB";

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string the apps under test get, pointing at this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(CancellationToken ct = default)
    {
        var admin = Environment.GetEnvironmentVariable(AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            // Never a skip: a browser test that silently does not run hides a broken site.
            throw new InvalidOperationException(
                $"{AdminVariable} is not set. Run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL " +
                $"cluster and sets it, or set {AdminVariable} to an admin connection string without a database, " +
                "e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\".");
        }

        var name = $"newsportal_browser_{Guid.NewGuid():N}"[..31];
        // Identifiers cannot be parameters; the name is ours and only [a-z0-9_].
        await ExecuteAsync(admin, $"""CREATE DATABASE "{name}" ENCODING 'UTF8' TEMPLATE template0""", ct);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(admin, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE: a web app killed mid-request may leave a backend behind for a moment.
        await ExecuteAsync(_adminConnectionString, $"""DROP DATABASE IF EXISTS "{Name}" WITH (FORCE)""", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            // Host, port and user say which cluster; a password, if any, stays out of test logs.
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"Test database command failed on {where.Host}:{where.Port} as {where.Username}: {sql}: {e.Message}", e);
        }
    }
}
