using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Core.Sources;

/// <summary>What one pass over the sources did.</summary>
public sealed record SourceRun(int Imported, int Unchanged, int Failed, int Skipped);

/// <summary>
/// Scheduled ingestion of published CSVs: each enabled source is fetched with its validators (ETag,
/// Last-Modified); unchanged content is skipped, new content goes through the same import as an upload, and a failing
/// source is recorded on its row without stopping the others.
/// </summary>
public sealed class SourceService(ISourceStore sources, ISourceFetcher fetcher, ImportService imports, RegencyLookupService regencies, IOptions<SourceOptions> options, TimeProvider clock, ILogger<SourceService> logger)
{
    /// <summary>Checks a source before it is saved: a known regency, an https URL (http only when allowed).</summary>
    public async Task<string?> CheckAsync(Source source, CancellationToken cancellationToken)
    {
        if (UrlProblem(source.Url) is { } problem)
        {
            return problem;
        }

        if (source.Id.Length is 0 or > 64 || source.Id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            return "The source id must be 1–64 letters, digits, '-' or '_'.";
        }

        var regency = await regencies.FindAsync(source.RegencyCode, RegencyScheme.Kemendagri, cancellationToken);
        return regency.Ok ? null : regency.Error.Message;
    }

    public async Task<SourceRun> RunAsync(CancellationToken cancellationToken)
    {
        int imported = 0, unchanged = 0, failed = 0, skipped = 0;
        foreach (var source in await sources.ListAsync(cancellationToken))
        {
            if (!source.Enabled)
            {
                skipped++;
                continue;
            }

            var outcome = await RunOneAsync(source, cancellationToken);
            await sources.SaveAsync(outcome, cancellationToken);
            switch (outcome.LastStatus)
            {
                case "imported":
                    imported++;
                    break;
                case "unchanged":
                    unchanged++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        logger.LogInformation("Sources pass: {Imported} imported, {Unchanged} unchanged, {Failed} failed, {Skipped} disabled", imported, unchanged, failed, skipped);
        return new SourceRun(imported, unchanged, failed, skipped);
    }

    private async Task<Source> RunOneAsync(Source source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (UrlProblem(source.Url) is { } problem)
        {
            return Failure(source, now, problem);
        }

        FetchResult result;
        try
        {
            result = await fetcher.FetchAsync(source.Url, source.ETag, source.LastModified, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failure(source, now, e.Message);
        }

        switch (result)
        {
            case FetchResult.NotModified:
                return source with { LastFetchedAt = now, LastStatus = "unchanged", LastError = null, ConsecutiveFailures = 0 };
            case FetchResult.Failed failed:
                return Failure(source, now, failed.Reason);
            case FetchResult.Content content:
                await using (content.Body)
                {
                    var regency = await regencies.FindAsync(source.RegencyCode, RegencyScheme.Kemendagri, cancellationToken);
                    if (!regency.Ok)
                    {
                        return Failure(source, now, regency.Error.Message);
                    }

                    var request = new ImportRequest
                    {
                        Regency = regency.Value,
                        Mode = source.Mode,
                        Locale = source.Locale,
                        Scheme = source.Scheme,
                        FileName = content.FileName ?? source.Url.Segments.LastOrDefault(),
                        Source = UploadSource.Source,
                        SourcePath = source.Url.ToString(),
                    };
                    var imported = await imports.ImportAsync(request, content.Body, cancellationToken);
                    var status = imported.Outcome switch
                    {
                        ImportOutcome.Accepted or ImportOutcome.Queued => "imported",
                        _ => "rejected",
                    };

                    // Validators are kept only for content that was taken, so a rejected file is fetched and reported again.
                    return status == "imported"
                        ? source with { ETag = content.ETag, LastModified = content.LastModified, LastFetchedAt = now, LastStatus = status, LastError = null, LastUploadId = imported.Upload.UploadId, ConsecutiveFailures = 0 }
                        : source with { LastFetchedAt = now, LastStatus = status, LastError = $"The file was rejected ({imported.Upload.Errors} errors): see upload {imported.Upload.UploadId}.", LastUploadId = imported.Upload.UploadId, ConsecutiveFailures = source.ConsecutiveFailures + 1 };
                }

            default:
                return Failure(source, now, "Unexpected fetch result.");
        }
    }

    private string? UrlProblem(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "The source URL must be absolute.";
        }

        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttpSources)
            ? null
            : $"Only https sources are fetched{(url.Scheme == Uri.UriSchemeHttp ? " (plain http is allowed only when Readiness:AllowHttpSources is set)" : "")}.";
    }

    private Source Failure(Source source, DateTimeOffset now, string reason)
    {
        logger.LogWarning("Source {Regency}/{Source} failed: {Reason}", source.RegencyCode, source.Id, reason);
        return source with { LastFetchedAt = now, LastStatus = "failed", LastError = reason.Length > 1000 ? reason[..1000] : reason, ConsecutiveFailures = source.ConsecutiveFailures + 1 };
    }
}
