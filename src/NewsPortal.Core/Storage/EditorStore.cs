using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record EditorRow(long Id, string Name, string PasswordHash, DateTimeOffset? DisabledAt, Guid SecurityStamp);

/// <summary>What a session is checked against: the account's stamp, and whether it is disabled (null: the account is gone).</summary>
public sealed record EditorSessionState(Guid SecurityStamp, bool Disabled);

public sealed class EditorStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the editor, or sets a new password for an existing one. Returns true when created.</summary>
    public async Task<bool> AddOrResetAsync(string name, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO editors (name, password_hash) VALUES (@Name, @PasswordHash)
            ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL,
                -- A reset password ends the sessions signed in with the old one.
                security_stamp = gen_random_uuid()
            RETURNING (xmax = 0)
            """, new { Name = name, PasswordHash = passwordHash }, cancellationToken: ct));
    }

    public async Task<EditorRow?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EditorRow>(new CommandDefinition(
            "SELECT id, name, password_hash, disabled_at, security_stamp FROM editors WHERE name = @Name", new { Name = name }, cancellationToken: ct));
    }

    public async Task<EditorSessionState?> SessionStateAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EditorSessionState>(new CommandDefinition(
            "SELECT security_stamp, disabled_at IS NOT NULL AS disabled FROM editors WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    public async Task UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE editors SET password_hash = @PasswordHash WHERE id = @Id", new { Id = id, PasswordHash = passwordHash }, cancellationToken: ct));
    }
}
