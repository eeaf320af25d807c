using System.Globalization;
using System.Net;
using System.Security.Claims;
using NewsPortal.Core.Audit;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Desk;

/// <summary>
/// Writes the desk's actions to the audit log with who did them (the signed-in account) and from
/// where (the client address, after forwarded headers from configured proxies). Written after
/// the action succeeded, as a statement of its own: the article's own history
/// (<c>article_revisions</c>, <c>story_decisions</c>) is the record kept in the change's transaction.
/// </summary>
public sealed class AuditTrail(AuditStore store)
{
    // Not the request's token: once the action is done its line is written, even if the client has gone.
    public Task RecordAsync(HttpContext context, string action, long? articleId = null, string? account = null,
        Dictionary<string, object?>? detail = null) =>
        store.WriteAsync(new AuditEntry(action, ActorId(context.User), context.User.Identity?.Name, articleId, account, detail, AddressOf(context)),
            CancellationToken.None);

    /// <summary>For a sign-in, before there is a signed-in user: the name tried and the account it named, if any.</summary>
    public Task RecordSignInAsync(HttpContext context, string action, long? actorId, string name, Dictionary<string, object?>? detail = null) =>
        store.WriteAsync(new AuditEntry(action, actorId, name, Detail: detail, Address: AddressOf(context)), CancellationToken.None);

    public static string? AddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } ip ? Plain(ip).ToString() : null;

    private static IPAddress Plain(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    private static long? ActorId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
