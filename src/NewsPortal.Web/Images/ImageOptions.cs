namespace NewsPortal.Web.Images;

/// <summary>The image proxy's settings (section <c>Images</c>; environment <c>Images__Name</c>), checked at start.</summary>
public sealed class ImageOptions
{
    public const string Section = "Images";

    /// <summary>
    /// The key image addresses are signed with (at least 32 characters). When empty, one is made and
    /// kept in the database (<c>site_secrets</c>), so every node and every restart uses the same one.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Where fetched images and thumbnails are kept; relative to the app's folder. Default <c>.data/image-cache</c>.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>The disk cache's size; the oldest files go when it is over.</summary>
    public int CacheMegabytes { get; set; } = 2048;

    /// <summary>Images kept in memory as well (the most recently served), for the busiest ones.</summary>
    public int MemoryMegabytes { get; set; } = 64;

    /// <summary>The largest original fetched.</summary>
    public int MaxMegabytes { get; set; } = 10;

    /// <summary>Time for one fetch, redirects and body included.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Loopback ports (127.0.0.0/8, ::1) the proxy may fetch from. Only the integration tests set it:
    /// their image servers run on loopback, and a second server on a port not listed shows that a
    /// redirect to loopback is still refused. Empty (the default): loopback is refused like private,
    /// link-local and metadata addresses, which no setting allows.
    /// </summary>
    public int[] AllowLoopbackPortsForTests { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (SigningKey.Length is > 0 and < 32) yield return "Images:SigningKey must be empty (a key is made and kept in the database) or at least 32 characters";
        if (CacheMegabytes < 1) yield return $"Images:CacheMegabytes must be at least 1, not {CacheMegabytes}";
        if (MemoryMegabytes < 0) yield return $"Images:MemoryMegabytes must not be negative, not {MemoryMegabytes}";
        if (MaxMegabytes is < 1 or > 100) yield return $"Images:MaxMegabytes must be between 1 and 100, not {MaxMegabytes}";
        if (!(TimeoutSeconds is > 0 and <= 120)) yield return $"Images:TimeoutSeconds must be above 0 and at most 120, not {TimeoutSeconds}";
    }
}
