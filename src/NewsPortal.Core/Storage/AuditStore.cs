using System.Text.Json;
using Dapper;
using NewsPortal.Core.Audit;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// The audit log (<c>audit_log</c>, migration 0027): one insert per action, and the admin page's
/// filtered, keyset-paged reading (newest first by id).
/// </summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (actor_id, actor_name, action, article_id, account_name, detail, address)
            VALUES (@ActorId, @ActorName, @Action, @ArticleId, @AccountName, CAST(@Detail AS jsonb), CAST(@Address AS inet))
            """, new
        {
            entry.ActorId,
            entry.ActorName,
            entry.Action,
            entry.ArticleId,
            entry.AccountName,
            Detail = JsonSerializer.Serialize(entry.Detail ?? new Dictionary<string, object?>()),
            entry.Address,
        }, cancellationToken: ct));
    }

    /// <summary>Up to <paramref name="limit"/> entries matching <paramref name="filter"/>, and whether more follow.</summary>
    public async Task<(IReadOnlyList<AuditRow> Rows, bool More)> QueryAsync(AuditFilter filter, int limit, CancellationToken ct)
    {
        var where = new FilterBuilder();
        if (!string.IsNullOrEmpty(filter.Person)) where.Add("(actor_name = @Person OR account_name = @Person)", "Person", filter.Person);
        if (filter.ArticleId is { } article) where.Add("article_id = @ArticleId", "ArticleId", article);
        if (!string.IsNullOrEmpty(filter.Action)) where.Add("action = @Action", "Action", filter.Action);
        if (filter.From is { } from) where.Add("at >= @From", "From", from);
        if (filter.Until is { } until) where.Add("at < @Until", "Until", until);
        if (filter.BeforeId is { } before) where.Add("id < @BeforeId", "BeforeId", before);
        where.Parameters.Add("Take", limit + 1);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition($"""
            SELECT id, at, actor_id, actor_name, action, article_id, account_name, detail::text AS detail, host(address) AS address
            FROM audit_log
            {where.Sql}
            ORDER BY id DESC
            LIMIT @Take
            """, where.Parameters, cancellationToken: ct))).ToList();
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return (rows, more);
    }

    /// <summary>Conditions and their parameters appended together, so a filter's value never reaches the SQL text.</summary>
    private sealed class FilterBuilder
    {
        private readonly List<string> _conditions = [];

        public DynamicParameters Parameters { get; } = new();

        public string Sql => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

        public void Add(string condition, string name, object value)
        {
            _conditions.Add(condition);
            Parameters.Add(name, value);
        }
    }
}
