using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Sources;

/// <summary>
/// Inputs ingestion could not store: why, which file, and what to do about each. The web nodes do
/// not read the ingestion folders, so "retry" puts a failure back in line for the next
/// <c>ingest --retry-failed</c> run (docs/operations.md); dismiss stops retrying and listing it.
/// </summary>
[Authorize]
[Route("editor/failures")]
public sealed class FailuresController(FailureDeskStore failures, IngestRunStore runs) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(bool all, string? message, CancellationToken ct) =>
        View(new FailuresPage(await failures.ListAsync(all, ct), all, message));

    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken ct) =>
        await failures.RequestRetryAsync(id, ct) ? Done("已排入下次重试") : NotFound();

    [HttpPost("{id:long}/dismiss")]
    public async Task<IActionResult> Dismiss(long id, CancellationToken ct) =>
        (await runs.DismissAsync([id], ct)).Count > 0 ? Done("已忽略") : NotFound();

    private RedirectToActionResult Done(string message) => RedirectToAction(nameof(Index), new { message });
}
