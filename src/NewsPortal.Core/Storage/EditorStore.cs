using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record EditorRow(long Id, string Name, string PasswordHash, DateTimeOffset? DisabledAt);

public sealed class EditorStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the editor, or sets a new password for an existing one. Returns true when created.</summary>
    public async Task<bool> AddOrResetAsync(string name, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO editors (name, password_hash) VALUES (@Name, @PasswordHash)
            ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL
            RETURNING (xmax = 0)
            """, new { Name = name, PasswordHash = passwordHash }, cancellationToken: ct));
    }

    public async Task<EditorRow?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EditorRow>(new CommandDefinition(
            "SELECT id, name, password_hash, disabled_at FROM editors WHERE name = @Name", new { Name = name }, cancellationToken: ct));
    }

    public async Task UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE editors SET password_hash = @PasswordHash WHERE id = @Id", new { Id = id, PasswordHash = passwordHash }, cancellationToken: ct));
    }
}
