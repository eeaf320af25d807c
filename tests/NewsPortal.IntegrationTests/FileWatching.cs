using System.Runtime.CompilerServices;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The suite runs a hundred or more portals in one process, test classes side by side, and each
/// watches its configuration files and web root (appsettings reload, asp-append-version). With
/// inotify every watcher is an instance, and Linux allows 128 per user by default: past that a
/// page render failed with "the configured user limit (128) on the number of inotify instances
/// has been reached" in whichever test came next. Polling watchers (the runtime's own switch,
/// read when each file provider is made) use no instance; nothing here edits those files.
/// </summary>
internal static class FileWatching
{
    [ModuleInitializer]
    internal static void PollInsteadOfInotify() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
