using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Database errors that say nothing about the data: the connection was refused, reset or closed by
/// the server (a restart, <c>pg_terminate_backend</c>), the server had no room for one more. The same
/// work tried again on a new connection may succeed.
/// </summary>
public static class TransientDatabaseError
{
    public static bool Is(Exception e) => e switch
    {
        // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or starting;
        // 53300: too many connections. Npgsql's own list adds deadlocks and serialization failures,
        // which a batch tried again on its own settles too.
        PostgresException p => p.IsTransient || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        // Refused or reset connections, broken streams, timeouts.
        NpgsqlException n => n.IsTransient,
        _ => false,
    };
}
