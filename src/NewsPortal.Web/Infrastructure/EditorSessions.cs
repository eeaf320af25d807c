using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Editor sessions end when their account changes: each cookie carries the account's security
/// stamp and the time it was signed in; every request checks the stamp (read from the database
/// at most once per <c>Editors:SessionCheckSeconds</c> per account and node, 10 unless set) and
/// the absolute lifetime (<c>Editors:SessionHours</c>, 24 unless set; sliding renewal does not
/// extend it). A reset password, a new role, a disabled account or a removed one signs out at its
/// next request: the role is a claim of the session, so one signed in as admin is never left
/// holding admin rights after a demotion (the stamp changes with the role, and the role is
/// compared as well, in case a stamp was written back by hand).
/// </summary>
public sealed class EditorSessions(EditorStore editors, TimeProvider time, IConfiguration configuration, ILogger<EditorSessions> logger)
{
    public const string StampClaim = "newsportal:stamp";
    public const string SignedInClaim = "newsportal:signed-in";

    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Editors:SessionCheckSeconds", 10.0)));
    private readonly TimeSpan _lifetime = TimeSpan.FromHours(Math.Max(0.0001, configuration.GetValue("Editors:SessionHours", 24.0)));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (EditorSessionState? State, long ReadAt)> _states = new();

    public static IEnumerable<Claim> ClaimsAtSignIn(EditorRow editor, DateTimeOffset now) =>
    [
        new(ClaimTypes.NameIdentifier, editor.Id.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, editor.Name),
        new(ClaimTypes.Role, editor.Role),
        new(StampClaim, editor.SecurityStamp.ToString("N")),
        new(SignedInClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var reason = await RejectionAsync(principal, context.HttpContext.RequestAborted);
        if (reason is null) return;
        logger.LogInformation("Session of editor {Editor} ended: {Reason}", principal?.Identity?.Name, reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private async Task<string?> RejectionAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal is null
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || principal.FindFirstValue(StampClaim) is not { } stamp
            || !long.TryParse(principal.FindFirstValue(SignedInClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn))
            return "a session from before security stamps";
        if (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedIn) > _lifetime) return "signed in too long ago";
        var state = await StateAsync(id, ct);
        if (state is null) return "the account is gone";
        if (state.Disabled) return "the account is disabled";
        if (state.SecurityStamp.ToString("N") != stamp) return "the account's password, role or status changed";
        return principal.FindFirstValue(ClaimTypes.Role) == state.Role ? null : "the account's role changed";
    }

    private async Task<EditorSessionState?> StateAsync(long id, CancellationToken ct)
    {
        if (_checkEvery > TimeSpan.Zero && _states.TryGetValue(id, out var known) && time.GetElapsedTime(known.ReadAt) < _checkEvery) return known.State;
        var state = await editors.SessionStateAsync(id, ct);
        _states[id] = (state, time.GetTimestamp());
        return state;
    }
}
