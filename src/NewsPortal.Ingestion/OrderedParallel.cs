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
/// <para>
/// Workers run on threads of their own at a lower scheduling priority (<see cref="BackgroundPriority"/>),
/// not on the thread pool: what reads their results (storing, in ingestion) is the bound, and on a
/// first ingest of 100,000 items on two cores the workers took the CPU from it while they filled
/// their queues, and the pool's threads from its continuations (docs/performance.md). Ahead of the
/// reader, they use what CPU it leaves.
/// </para>
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
        var tasks = channels.Select((channel, w) => Task.Factory.StartNew(() =>
        {
            try
            {
                BackgroundPriority.ApplyToCurrentThread();
                var work = newWorker();
                for (var i = w; i < inputs.Count; i += workers)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var result = work(inputs[i]);
                    // A thread of its own: waiting for room blocks it, and no thread of the pool.
                    while (!channel.Writer.TryWrite(result))
                        if (!channel.Writer.WaitToWriteAsync(stop.Token).AsTask().GetAwaiter().GetResult())
                            throw new InvalidOperationException("the results' channel was closed");
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // Surfaces at the reader, which awaits this channel's next result.
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
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
