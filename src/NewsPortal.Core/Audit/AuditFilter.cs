namespace NewsPortal.Core.Audit;

/// <summary>
/// What the audit page asks for; every part is optional. <paramref name="Person"/> matches who
/// acted or the account acted on; the range is <paramref name="From"/> inclusive to
/// <paramref name="Until"/> exclusive; <paramref name="BeforeId"/> is the keyset cursor (newest first).
/// </summary>
public sealed record AuditFilter(
    string? Person = null,
    long? ArticleId = null,
    string? Action = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    long? BeforeId = null);
