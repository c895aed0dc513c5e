using Readiness.Core.Sources;

namespace Readiness.Core.Ports;

/// <summary>The <c>sources</c> table: one row per published CSV to fetch.</summary>
public interface ISourceStore
{
    Task<IReadOnlyList<Source>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(Source source, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string regencyCode, string id, CancellationToken cancellationToken);
}

/// <summary>Fetches a source with conditional GET, time-outs and polite retries.</summary>
public interface ISourceFetcher
{
    Task<FetchResult> FetchAsync(Uri url, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken);
}
