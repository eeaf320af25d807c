namespace NewsPortal.Web.Infrastructure;

/// <summary>How large a request body may be (<c>Requests</c> section).</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Requests";

    /// <summary>
    /// The largest request body, and the largest form value, in megabytes. Forms here carry
    /// a sign-in or an article's text: 4 MB is the framework's own limit for one form value.
    /// </summary>
    public int MaxBodyMegabytes { get; set; } = 4;

    public long MaxBodyBytes => (long)MaxBodyMegabytes << 20;
}
