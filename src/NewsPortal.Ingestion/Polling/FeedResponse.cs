namespace NewsPortal.Ingestion.Polling;

public enum FeedResponseKind
{
    /// <summary>200 with a body read in full.</summary>
    Body,

    /// <summary>304: nothing changed since the validators sent.</summary>
    NotModified,

    /// <summary>No usable response: network error, timeout, an error status, an oversized body.</summary>
    Failed,
}

/// <summary>What one conditional GET of a feed came to.</summary>
public sealed record FeedResponse(FeedResponseKind Kind, int? Status)
{
    public byte[] Body { get; init; } = [];

    /// <summary>The charset of the Content-Type header, for a body that does not declare its own.</summary>
    public string? Charset { get; init; }

    public string? Etag { get; init; }
    public string? LastModified { get; init; }

    /// <summary>The Retry-After header as sent (delta-seconds or an HTTP-date).</summary>
    public string? RetryAfter { get; init; }

    public string? Error { get; init; }

    /// <summary>Where the feed now lives, when every redirect on the way was permanent (301/308).</summary>
    public string? MovedTo { get; init; }

    public static FeedResponse Failure(int? status, string error, string? retryAfter = null) =>
        new(FeedResponseKind.Failed, status) { Error = error, RetryAfter = retryAfter };
}
