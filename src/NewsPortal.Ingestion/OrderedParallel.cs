using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NewsPortal.Ingestion;

/// <summary>
/// Maps inputs on several threads and hands the results back in input order. Worker <c>w</c> of
/// <c>n</c> takes inputs <c>w, w + n, w + 2n, …</c> into a bounded channel of its own, and the reader
/// takes input <c>i</c> from channel <c>i mod n</c>: order comes for free, and at most
/// <c>capacity</c> results per worker wait in memory however far the workers run ahead. Each
/// worker gets its own work function from <c>newWorker</c>, for state that must not be shared
/// between threads.
/// </summary>
internal static class OrderedParallel
{
    public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(
        IReadOnlyList<TIn> inputs, Func<Func<TIn, TOut>> newWorker, int workers, int capacity, [EnumeratorCancellation] CancellationToken ct)
    {
        if (inputs.Count == 0) yield break;
        workers = Math.Clamp(workers, 1, inputs.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channels = Enumerable.Range(0, workers)
            .Select(_ => Channel.CreateBounded<TOut>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var tasks = channels.Select((channel, w) => Task.Run(async () =>
        {
            try
            {
                var work = newWorker();
                for (var i = w; i < inputs.Count; i += workers)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await channel.Writer.WriteAsync(work(inputs[i]), stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // Surfaces at the reader, which awaits this channel's next result.
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None)).ToArray();
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var reader = channels[i % workers].Reader;
                // A worker that failed completes its channel with the exception; WaitToReadAsync rethrows it.
                if (!await reader.WaitToReadAsync(ct)) throw new InvalidOperationException($"worker {i % workers} stopped early");
                yield return await reader.ReadAsync(ct);
            }
        }
        finally
        {
            // The reader stopped (done, cancelled or failed): release workers waiting on full channels.
            await stop.CancelAsync();
            await Task.WhenAll(tasks);
        }
    }
}
