using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Accounts;

/// <summary>The admins' accounts page: every account, the outcome of the last change, and who is looking (whose own account is not offered for demotion or removal).</summary>
public sealed record AccountsPage(IReadOnlyList<EditorStore.EditorListing> Accounts, string? Message, string CurrentName);
