using System.Net;
using System.Net.Http.Headers;
using Readiness.Core.Csv;
using Readiness.Core.Ports;
using Readiness.Core.Sources;

namespace Readiness.Storage;

/// <summary>
/// Conditional GET of a published CSV. Time-outs and polite retries (exponential back-off, honouring Retry-After)
/// come from the standard resilience handler the client is registered with.
/// </summary>
public sealed class HttpSourceFetcher(HttpClient client) : ISourceFetcher
{
    public async Task<FetchResult> FetchAsync(Uri url, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new FetchResult.Failed($"Could not reach {url.Host}: {e.Message}");
        }
        catch (TimeoutException e)
        {
            return new FetchResult.Failed($"{url.Host} did not answer in time: {e.Message}");
        }

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            response.Dispose();
            return new FetchResult.NotModified();
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            return new FetchResult.Failed($"{url.Host} answered {status} {response.ReasonPhrase}.");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new FetchResult.Content(
            new ResponseStream(body, response),
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified,
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    /// <summary>Disposes the response with its body, so the connection goes back to the pool.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
