using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

/// <summary>The editors' view of the polled feeds: which read, which fail and why, when each is polled next.</summary>
[Authorize]
[Route("editor/feeds")]
public sealed class FeedStatusController(FeedSubscriptionStore feeds) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new FeedStatusPage(await feeds.ListAsync(ct), DateTimeOffset.UtcNow));
}
