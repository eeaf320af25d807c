using System.Globalization;
using System.Security.Claims;

namespace NewsPortal.Web.Editing;

/// <summary>
/// Who may do what at the desk. Every signed-in editor edits and reviews; managing sources (feeds,
/// outlets' review setting, OPML import) is for admins (<see cref="Desk.DeskPolicies.IsAdmin"/>).
/// </summary>
public static class DeskAccess
{
    public static bool CanManageSources(ClaimsPrincipal user) => Desk.DeskPolicies.IsAdmin(user);

    public static long EditorId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}
