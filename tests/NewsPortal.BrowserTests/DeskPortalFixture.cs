using Npgsql;

namespace NewsPortal.BrowserTests;

/// <summary>
/// A portal of its own for the editorial desk's pages: an editor account, and the three newest
/// articles waiting in the review queue as the items of an outlet held for review would.
/// </summary>
public sealed class DeskPortalFixture : PortalFixture
{
    public const string EditorName = "desk-editor";
    public const string EditorPassword = "correct horse battery staple";

    protected override async Task PrepareAsync(IReadOnlyDictionary<string, string> environment)
    {
        await RunCliAsync(new Dictionary<string, string>(environment) { ["NEWSPORTAL_PASSWORD"] = EditorPassword }, "user", "add", EditorName);
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__NewsPortal"]);
        await connection.OpenAsync();
        await using var held = new NpgsqlCommand("""
            UPDATE articles SET status = 'pending_review'
            WHERE id IN (SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id DESC LIMIT 3)
            """, connection);
        await held.ExecuteNonQueryAsync();
    }
}
