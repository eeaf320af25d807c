using System.Net.Sockets;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>What a database error means for whoever meets it: the web app's 503, the fall back from a replica to the primary.</summary>
public static class DatabaseErrors
{
    /// <summary>An error that means "the database is not there right now": connection refused or lost, shutting down, not yet accepting, missing database.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin shutdown, crash shutdown, cannot connect now
                                || pg.SqlState == PostgresErrorCodes.InvalidCatalogName, // the database is not (yet) there
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException => true,
        _ => e.InnerException is not null && IsUnavailable(e.InnerException),
    };
}
