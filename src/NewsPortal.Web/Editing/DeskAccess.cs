using System.Globalization;
using System.Security.Claims;

namespace NewsPortal.Web.Editing;

/// <summary>
/// Who may do what at the desk. Every signed-in editor edits and reviews; managing sources (feeds,
/// outlets' review setting, OPML import) is for admins where accounts carry roles: a "role" claim
/// of "admin". An account without any role claim is treated as it was before roles existed, and
/// may do everything.
/// </summary>
public static class DeskAccess
{
    public const string RoleClaim = "role";

    public static bool CanManageSources(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (!user.HasClaim(c => c.Type == RoleClaim) || user.HasClaim(RoleClaim, "admin"));

    public static long EditorId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}
