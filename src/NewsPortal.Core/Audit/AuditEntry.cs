namespace NewsPortal.Core.Audit;

/// <summary>
/// One line of the audit log to write. <paramref name="ActorName"/> is who acted (for a failed
/// sign-in, the name tried; null for the command line); <paramref name="Detail"/> becomes the
/// entry's JSON detail; <paramref name="Address"/> is the client address, null off the web.
/// </summary>
public sealed record AuditEntry(
    string Action,
    long? ActorId,
    string? ActorName,
    long? ArticleId = null,
    string? AccountName = null,
    IReadOnlyDictionary<string, object?>? Detail = null,
    string? Address = null);
