using System.Collections.Concurrent;

namespace NewsPortal.Web.Desk;

/// <summary>
/// Limits password guessing two ways: every attempt counts against the client address
/// (<c>Editors:SignInAttemptsPerAddress</c>, 10 per <c>Editors:SignInAddressWindowSeconds</c>, 60),
/// and every failure against the account tried (<c>Editors:SignInFailuresPerAccount</c>, 5 per
/// <c>Editors:SignInAccountWindowSeconds</c>, 900), so that spreading guesses over many addresses
/// does not help either. An account over its limit is refused even with the right password until
/// its window ends; a success clears its failures. Counts are kept per node, in memory.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IConfiguration configuration)
{
    private readonly Limit _address = new(configuration.GetValue("Editors:SignInAttemptsPerAddress", 10),
        TimeSpan.FromSeconds(configuration.GetValue("Editors:SignInAddressWindowSeconds", 60.0)));

    private readonly Limit _account = new(configuration.GetValue("Editors:SignInFailuresPerAccount", 5),
        TimeSpan.FromSeconds(configuration.GetValue("Editors:SignInAccountWindowSeconds", 900.0)));

    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _calls;

    /// <summary>How long the client must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string account, string address)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        var waits = new[] { Wait(AddressKey(address), _address, now), Wait(AccountKey(account), _account, now) };
        return waits.Max();
    }

    /// <summary>Counts an attempt (whatever its outcome) against the address.</summary>
    public void Attempted(string address) => Count(AddressKey(address), _address);

    public void Failed(string account) => Count(AccountKey(account), _account);

    public void Succeeded(string account)
    {
        if (!_windows.TryRemove(AccountKey(account), out var window)) return;
        lock (window) window.Removed = true;
    }

    private static string AddressKey(string address) => "a:" + address;

    // Names differ only in case rarely, and a guesser gains nothing from that difference.
    private static string AccountKey(string account) => "u:" + account.Trim().ToLowerInvariant();

    private TimeSpan? Wait(string key, Limit limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window)) return null;
        lock (window)
        {
            if (now - window.Start >= limit.Length || window.Count < limit.Count) return null;
            return window.Start + limit.Length - now;
        }
    }

    private void Count(string key, Limit limit)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var window = _windows.GetOrAdd(key, _ => new Window(now));
            lock (window)
            {
                if (window.Removed) continue;
                if (now - window.Start >= limit.Length) (window.Start, window.Count) = (now, 0);
                window.Count++;
                window.Length = limit.Length;
                return;
            }
        }
    }

    // Every 256th call drops the windows that have ended, so addresses and names tried once do not pile up.
    private void Sweep(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _calls) % 256 != 0) return;
        foreach (var (key, window) in _windows)
        {
            lock (window)
            {
                if (now - window.Start < window.Length) continue;
                window.Removed = true;
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed record Limit(int Count, TimeSpan Length);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;
        public int Count { get; set; }
        public TimeSpan Length { get; set; }
        public bool Removed { get; set; }
    }
}
