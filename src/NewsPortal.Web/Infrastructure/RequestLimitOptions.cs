namespace NewsPortal.Web.Infrastructure;

/// <summary>How large a request body may be, and how many requests are worked on at once (<c>Requests</c> section).</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Requests";

    /// <summary>
    /// The largest request body, and the largest form value, in megabytes. Forms here carry
    /// a sign-in or an article's text: 4 MB is the framework's own limit for one form value.
    /// </summary>
    public int MaxBodyMegabytes { get; set; } = 4;

    public long MaxBodyBytes => (long)MaxBodyMegabytes << 20;

    /// <summary>Requests worked on at once (<see cref="RequestConcurrency"/>); 0 for no limit.</summary>
    public int MaxConcurrent { get; set; } = 32;

    /// <summary>Requests that wait for a turn before more are answered 429.</summary>
    public int MaxQueued { get; set; } = 1024;
}
