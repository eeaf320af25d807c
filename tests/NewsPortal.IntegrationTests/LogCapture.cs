using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NewsPortal.IntegrationTests;

/// <summary>Keeps every log event of a web host (registered as a service; the host's Serilog reads sinks from its services).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The request log's lines for <paramref name="path"/>.</summary>
    public IEnumerable<LogEvent> RequestLines(string path) =>
        Events.Where(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
                          && e.Properties.TryGetValue("RequestPath", out var p) && p is ScalarValue { Value: string s } && s == path);

    /// <summary>Waits for the first event that matches: the request log writes its line as the response completes, not before the client has it.</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var found = Events.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"no log event: {what}\nlogged:\n" + string.Join("\n", Events.Select(e => $"{e.Level} {e.RenderMessage()}")));
    }

    public static int StatusOf(LogEvent e) => e.Properties["StatusCode"] is ScalarValue { Value: int status } ? status : -1;
}
