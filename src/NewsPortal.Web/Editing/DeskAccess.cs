using System.Globalization;
using System.Security.Claims;

namespace NewsPortal.Web.Editing;

/// <summary>
/// Who may do what at the desk. Every signed-in editor edits and reviews; managing sources (feeds,
/// outlets' review setting, OPML import) is for admins where accounts carry roles: a "role" claim
/// (or <see cref="ClaimTypes.Role"/>) of "admin". An account without any role claim is treated as it was before roles existed, and
/// may do everything.
/// </summary>
public static class DeskAccess
{
    public const string RoleClaim = "role";

    public static bool CanManageSources(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (!user.HasClaim(IsRole) || user.HasClaim(c => IsRole(c) && c.Value == "admin"));

    // "role" as the accounts write it, or the framework's own role claim type, should roles come that way.
    private static bool IsRole(Claim c) => c.Type is RoleClaim or ClaimTypes.Role;

    public static long EditorId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}
