using System.Globalization;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion.Polling;

/// <summary><c>feed add URL [--outlet NAME] [--interval 15m]</c>, <c>feed list</c>, <c>feed remove URL</c>.</summary>
public sealed class FeedCommand(FeedSubscriptionStore feeds, TimeProvider clock)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    public async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken ct)
    {
        switch (args)
        {
            case ["add", var url, .. var rest]:
                return await AddAsync(FeedUrl(url), rest, stdout, ct);
            case ["list"]:
                List(await feeds.ListAsync(ct), stdout);
                return 0;
            case ["remove", var url]:
                if (await feeds.RemoveAsync(url, ct))
                {
                    stdout.WriteLine($"feed {url} removed (its articles stay)");
                    return 0;
                }
                stdout.WriteLine($"no feed {url}");
                return 1;
            default:
                throw new UsageException("usage: feed add URL [--outlet NAME] [--interval 15m] | feed list | feed remove URL");
        }
    }

    private async Task<int> AddAsync(string url, IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        string? outlet = null;
        var interval = DefaultInterval;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--outlet": outlet = Value().Trim(); break;
                case "--interval": interval = ParseInterval(Value()); break;
                default: throw new UsageException($"feed add takes --outlet and --interval, not {args[i]}");
            }
        }
        var (feed, created) = await feeds.AddAsync(url, string.IsNullOrEmpty(outlet) ? null : outlet, interval, clock.GetUtcNow(), ct);
        stdout.WriteLine(created
            ? $"feed {feed.Url} added: every {Format(feed.Interval)}, first poll at the next `ingest --poll`"
            : $"feed {feed.Url} updated: every {Format(feed.Interval)}");
        return 0;
    }

    private static string FeedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsoluteUri
            : throw new UsageException($"not an http(s) URL: {url}");

    /// <summary><c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>; a bare number is minutes.</summary>
    public static TimeSpan ParseInterval(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var hasUnit = t.Length > 0 && char.IsAsciiLetter(t[^1]);
        var unit = hasUnit ? t[^1] : 'm';
        var number = hasUnit ? t[..^1] : t;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !(n > 0) || double.IsInfinity(n))
            throw new UsageException($"--interval: not a duration: {text} (say 90s, 15m, 2h or 1d)");
        var interval = unit switch
        {
            's' => TimeSpan.FromSeconds(Math.Min(n, 1e9)),
            'm' => TimeSpan.FromMinutes(Math.Min(n, 1e7)),
            'h' => TimeSpan.FromHours(Math.Min(n, 1e6)),
            'd' => TimeSpan.FromDays(Math.Min(n, 1e5)),
            _ => throw new UsageException($"--interval: unknown unit '{unit}' in {text} (s, m, h or d)"),
        };
        if (interval < MinInterval || interval > MaxInterval)
            throw new UsageException($"--interval must be between {Format(MinInterval)} and {Format(MaxInterval)}");
        return interval;
    }

    public static string Format(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0}d"
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0}h"
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0}m"
        : $"{span.TotalSeconds:0}s";

    private static void List(IReadOnlyList<FeedSubscription> list, TextWriter stdout)
    {
        static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
        stdout.WriteLine("url\toutlet\tinterval\tlast success\terrors\tlast error\tnext poll");
        foreach (var f in list)
        {
            var error = f.LastError is null ? "-" : $"{Time(f.LastErrorAt)} {f.LastError}";
            stdout.WriteLine($"{f.Url}\t{f.OutletName ?? "-"}\t{Format(f.Interval)}\t{Time(f.LastSuccessAt)}\t{f.ErrorCount}\t{error}\t{Time(f.NextPollAt)}");
        }
        if (list.Count == 0) stdout.WriteLine("(no feeds: add one with `feed add URL`)");
    }
}
