using Microsoft.AspNetCore.Mvc;

namespace NewsPortal.IntegrationTests;

/// <summary>A page that answers only once the test lets it go (<see cref="Release"/>), added to the web app by <see cref="OpsPortal"/> only.</summary>
public sealed class HoldController : Controller
{
    public const string Path = "/test/hold";

    private static TaskCompletionSource s_entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static TaskCompletionSource s_release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request has reached the page.</summary>
    public static Task Entered => s_entered.Task;

    public static void Reset()
    {
        s_entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        s_release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static void Release() => s_release.TrySetResult();

    [HttpGet(Path)]
    public async Task<IActionResult> Hold()
    {
        s_entered.TrySetResult();
        await s_release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return Content("released");
    }
}
