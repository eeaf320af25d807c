using Microsoft.Extensions.Logging;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// Runs a unit of database work again after a transient error (<see cref="TransientDatabaseError"/>),
/// on a new connection, waiting longer each time: about a minute in all, then the error stands. The
/// work must be safe to run twice: a batch is (an item stored already comes back unchanged), and so
/// is a link or a failure record.
/// </summary>
internal sealed class DatabaseRetry(ILogger logger, IReadOnlyList<TimeSpan>? delays = null)
{
    // 0.5 + 1 + 2 + 4 + 8 + 15 + 15 + 15 s: a restarting server is back well within it.
    private static readonly TimeSpan[] DefaultDelays = [.. new[] { 0.5, 1, 2, 4, 8, 15, 15, 15 }.Select(TimeSpan.FromSeconds)];

    private readonly IReadOnlyList<TimeSpan> _delays = delays ?? DefaultDelays;

    /// <param name="what">What is being done, for the log line (<c>storing a batch of 500 items</c>).</param>
    /// <param name="reset">Drops the connection the failed attempt used, so the next one opens another.</param>
    public async Task<T> RunAsync<T>(string what, Func<Task<T>> work, Func<ValueTask>? reset, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (attempt <= _delays.Count && TransientDatabaseError.Is(e) && !ct.IsCancellationRequested)
            {
                var delay = _delays[attempt - 1];
                logger.LogWarning("Database error {What} (attempt {Attempt} of {Attempts}): {Reason}; trying again in {DelaySeconds} s",
                    what, attempt, _delays.Count + 1, e.Message, delay.TotalSeconds);
                if (reset is not null) await reset();
                await Task.Delay(delay, ct);
            }
        }
    }

    public Task RunAsync(string what, Func<Task> work, Func<ValueTask>? reset, CancellationToken ct) =>
        RunAsync(what, async () =>
        {
            await work();
            return true;
        }, reset, ct);
}
