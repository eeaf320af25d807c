using Microsoft.AspNetCore.Mvc;

namespace NewsPortal.IntegrationTests;

/// <summary>A page that fails with a bug, added to the web app by <see cref="OpsPortal"/> only.</summary>
public sealed class FaultController : Controller
{
    public const string Path = "/test/fault";
    public const string Message = "a bug in a page";

    [HttpGet(Path)]
    public IActionResult Fail() => throw new InvalidOperationException(Message);
}
