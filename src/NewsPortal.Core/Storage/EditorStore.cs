using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record EditorRow(long Id, string Name, string PasswordHash, DateTimeOffset? DisabledAt, Guid SecurityStamp, string Role);

/// <summary>What a session is checked against: the account's stamp, role, and whether it is disabled (null: the account is gone).</summary>
public sealed record EditorSessionState(Guid SecurityStamp, bool Disabled, string Role);

public sealed class EditorStore(NpgsqlDataSource dataSource)
{
    public async Task<EditorRow?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EditorRow>(new CommandDefinition(
            "SELECT id, name, password_hash, disabled_at, security_stamp, role FROM editors WHERE name = @Name", new { Name = name }, cancellationToken: ct));
    }

    public async Task<EditorSessionState?> SessionStateAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EditorSessionState>(new CommandDefinition(
            "SELECT security_stamp, disabled_at IS NOT NULL AS disabled, role FROM editors WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    public async Task UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE editors SET password_hash = @PasswordHash WHERE id = @Id", new { Id = id, PasswordHash = passwordHash }, cancellationToken: ct));
    }

    /// <summary>Creates the account with its role; false when the name is taken (nothing changes then).</summary>
    public async Task<bool> AddAsync(string name, string passwordHash, string role, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO editors (name, password_hash, role) VALUES (@Name, @PasswordHash, @Role) ON CONFLICT (name) DO NOTHING",
            new { Name = name, PasswordHash = passwordHash, Role = role }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Gives the account a role; a different role gets it a new stamp (the trigger of migration
    /// 0026), ending its sessions. The role it had, or null when there is no such account.
    /// </summary>
    public async Task<string?> SetRoleAsync(string name, string role, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            UPDATE editors e SET role = @Role FROM (SELECT id, role FROM editors WHERE name = @Name FOR UPDATE) old
            WHERE e.id = old.id
            RETURNING old.role
            """, new { Name = name, Role = role }, cancellationToken: ct));
    }

    /// <summary>Sets a new password and a new stamp (ending the account's sessions); false when there is no such editor.</summary>
    public async Task<bool> ResetPasswordAsync(string name, string passwordHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE editors SET password_hash = @PasswordHash, security_stamp = gen_random_uuid() WHERE name = @Name",
            new { Name = name, PasswordHash = passwordHash }, cancellationToken: ct)) == 1;
    }

    /// <summary>Disables or enables the account (the trigger gives it a new stamp); false when there is no such editor.</summary>
    public async Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE editors SET disabled_at = {(disabled ? "coalesce(disabled_at, now())" : "NULL")} WHERE name = @Name",
            new { Name = name }, cancellationToken: ct)) == 1;
    }

    public enum RemoveOutcome { Removed, NotFound, HasHistory }

    /// <summary>
    /// Deletes an account that has done nothing yet. One with revisions or story decisions is kept,
    /// so the history keeps saying who did what: disable it instead.
    /// </summary>
    public async Task<RemoveOutcome> RemoveAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<int>(new CommandDefinition("""
            WITH e AS (SELECT id FROM editors WHERE name = @Name),
            busy AS (SELECT EXISTS (SELECT 1 FROM article_revisions r JOIN e ON r.editor_id = e.id)
                         OR EXISTS (SELECT 1 FROM story_decisions d JOIN e ON d.editor_id = e.id) AS yes),
            gone AS (DELETE FROM editors WHERE id = (SELECT id FROM e) AND NOT (SELECT yes FROM busy) RETURNING 1)
            SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM e) THEN 1 WHEN EXISTS (SELECT 1 FROM gone) THEN 0 ELSE 2 END
            """, new { Name = name }, cancellationToken: ct)) switch
        {
            0 => RemoveOutcome.Removed,
            1 => RemoveOutcome.NotFound,
            _ => RemoveOutcome.HasHistory,
        };
    }

    public sealed record EditorListing(long Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, long Revisions);

    public async Task<IReadOnlyList<EditorListing>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<EditorListing>(new CommandDefinition("""
            SELECT e.id, e.name, e.role, e.created_at, e.disabled_at, (SELECT count(*) FROM article_revisions r WHERE r.editor_id = e.id) AS revisions
            FROM editors e ORDER BY e.name
            """, cancellationToken: ct))];
    }
}
