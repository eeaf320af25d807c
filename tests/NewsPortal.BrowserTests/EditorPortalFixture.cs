namespace NewsPortal.BrowserTests;

/// <summary>
/// A portal of its own for tests that change stories, so the shared <see cref="PortalFixture"/>
/// keeps its seven-account story whole: the same inputs and web app, plus one editor account made
/// by the CLI's <c>user add</c>.
/// </summary>
public sealed class EditorPortalFixture : PortalFixture
{
    public const string EditorName = "desk-editor";
    public const string EditorPassword = "correct horse battery staple";

    // The password goes in the environment, as the CLI asks: never on its command line.
    protected override Task PrepareAsync(IReadOnlyDictionary<string, string> environment) =>
        RunCliAsync(new Dictionary<string, string>(environment) { ["NEWSPORTAL_PASSWORD"] = EditorPassword }, "user", "add", EditorName);
}
