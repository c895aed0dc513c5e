using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Core.Sources;

/// <summary>A published CSV a regency keeps up to date (an open-data portal), fetched on a schedule.</summary>
/// <param name="Id">Short name, unique per regency (<c>portal</c>).</param>
/// <param name="ETag">Validator of the last content imported, sent back as <c>If-None-Match</c>.</param>
/// <param name="LastModified">Validator of the last content imported, sent back as <c>If-Modified-Since</c>.</param>
public sealed record Source(
    string RegencyCode,
    string Id,
    Uri Url,
    ImportMode Mode = ImportMode.Atomic,
    NumberStyle? Locale = null,
    RegencyScheme Scheme = RegencyScheme.Kemendagri,
    bool Enabled = true,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    DateTimeOffset? LastFetchedAt = null,
    string? LastStatus = null,
    string? LastError = null,
    string? LastUploadId = null,
    int ConsecutiveFailures = 0);

/// <summary>What one fetch returned.</summary>
public abstract record FetchResult
{
    private FetchResult()
    {
    }

    /// <summary>304: the content has not changed since the validators we sent.</summary>
    public sealed record NotModified : FetchResult;

    /// <summary>200: new content, to be read once, with the validators to remember.</summary>
    public sealed record Content(Stream Body, string? ETag, DateTimeOffset? LastModified, string? FileName) : FetchResult;

    /// <summary>Anything else after the retries: a status or a network error, said plainly.</summary>
    public sealed record Failed(string Reason) : FetchResult;
}
