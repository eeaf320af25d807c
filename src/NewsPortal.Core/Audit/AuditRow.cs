namespace NewsPortal.Core.Audit;

/// <summary>One stored line of the audit log, as the admin page shows it (detail as JSON text).</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    long? ActorId,
    string? ActorName,
    string Action,
    long? ArticleId,
    string? AccountName,
    string Detail,
    string? Address);
