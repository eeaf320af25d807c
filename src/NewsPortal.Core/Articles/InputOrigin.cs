namespace NewsPortal.Core.Articles;

/// <summary>
/// Where an input came from, and what the operator told us about it when the input itself is silent
/// (a text dump of a page names neither its outlet nor its URL).
/// </summary>
public sealed record InputOrigin(string Path, string? Url = null, string? OutletName = null, string? OutletHost = null);
