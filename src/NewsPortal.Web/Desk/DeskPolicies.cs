using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using NewsPortal.Core.Editors;

namespace NewsPortal.Web.Desk;

/// <summary>
/// Who may do what on the desk. Every desk page needs a signed-in account (<c>[Authorize]</c>);
/// managing accounts and reading the audit log also needs the admin role, a claim of the session
/// (<see cref="ClaimTypes.Role"/>) that <see cref="Infrastructure.EditorSessions"/> checks against
/// the account on every request.
/// </summary>
public static class DeskPolicies
{
    public const string Admin = "desk-admin";

    public static IServiceCollection AddDeskAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Admin, policy => policy
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ClaimTypes.Role, EditorRoles.Admin));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AuditTrail>();
        return services;
    }

    public static bool IsAdmin(ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, EditorRoles.Admin);
}
