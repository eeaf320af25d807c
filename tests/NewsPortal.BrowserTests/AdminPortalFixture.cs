namespace NewsPortal.BrowserTests;

/// <summary>
/// A portal of its own for the accounts page, whose tests add accounts: the same inputs and web
/// app as <see cref="PortalFixture"/>, plus one admin account made by the CLI's <c>user add --role admin</c>.
/// </summary>
public sealed class AdminPortalFixture : PortalFixture
{
    public const string AdminName = "desk-admin";
    public const string AdminPassword = "an admin's correct horse battery";

    // The password goes in the environment, as the CLI asks: never on its command line.
    protected override Task PrepareAsync(IReadOnlyDictionary<string, string> environment) =>
        RunCliAsync(new Dictionary<string, string>(environment) { ["NEWSPORTAL_PASSWORD"] = AdminPassword }, "user", "add", AdminName, "--role", "admin");
}
