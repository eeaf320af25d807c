using NewsPortal.Core.Audit;

namespace NewsPortal.Web.Desk;

/// <summary>
/// The audit page: the filters as typed (for the form), the matching entries newest first, and
/// the address of the next (older) page, which keeps the filters.
/// </summary>
public sealed record AuditPage(
    string? Person,
    long? Article,
    string? Action,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<AuditRow> Rows,
    string? NextPageUrl);
