using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Sources;

namespace Readiness.Functions.Http;

/// <summary>The body of <c>PUT regencies/{code}/sources/{id}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SourceBody(string? Url, string? Mode = null, string? Locale = null, string? RegencyScheme = null, bool? Enabled = null);

/// <summary>A source as the API shows it: what to fetch and how the last fetch went.</summary>
public sealed record SourceInfo(
    string Regency,
    string Id,
    string Url,
    string Mode,
    string? Locale,
    string RegencyScheme,
    bool Enabled,
    DateTimeOffset? LastFetchedAt,
    string? LastStatus,
    string? LastError,
    string? LastUploadId,
    int ConsecutiveFailures)
{
    public static SourceInfo From(Source s) => new(
        s.RegencyCode, s.Id, s.Url.ToString(), s.Mode == ImportMode.Partial ? "partial" : "atomic", s.Locale, s.Scheme, s.Enabled,
        s.LastFetchedAt, s.LastStatus, s.LastError, s.LastUploadId, s.ConsecutiveFailures);
}

public sealed record SourceList(int Count, IReadOnlyList<SourceInfo> Sources);

/// <summary>
/// Admin: the published CSVs the sources timer fetches (routes in the README's HTTP API table). A replaced source's
/// fetch state starts over.
/// </summary>
public sealed class SourceFunctions(ISourceStore sources, SourceService service, RegencyLookupService regencies, ILogger<SourceFunctions> logger)
{
    public const string SourcesRoute = "sources";
    public const string SourceRoute = "regencies/{code}/sources/{id}";
    public const long MaxBodyBytes = 16 * 1024;

    [Function(nameof(ListSources))]
    public Task<IActionResult> ListSources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SourcesRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (_, cancellationToken) =>
        {
            var list = (await sources.ListAsync(cancellationToken)).OrderBy(s => s.RegencyCode, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            return ApiResults.Json(StatusCodes.Status200OK, new SourceList(list.Count, [.. list.Select(SourceInfo.From)]));
        });

    [Function(nameof(PutSource))]
    public Task<IActionResult> PutSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = SourceRoute)] HttpRequest req,
        string code,
        string id,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (_, cancellationToken) =>
        {
            var lookup = await ResolveAsync(req, code, cancellationToken);
            if (lookup.Error is not null)
            {
                return lookup.Error;
            }

            var (content, error) = await SmallBody.ReadAsync(req, MaxBodyBytes, "the source as JSON {url, mode?, locale?, regencyScheme?, enabled?}", cancellationToken);
            if (content is null)
            {
                return error!;
            }

            SourceBody? body;
            await using (content)
            {
                try
                {
                    body = await JsonSerializer.DeserializeAsync<SourceBody>(content, WebJson.Options, cancellationToken);
                }
                catch (JsonException e)
                {
                    return Invalid($"The body must be a JSON object {{url, mode?, locale?, regencyScheme?, enabled?}}; it could not be read at {e.Path ?? "$"} (line {e.LineNumber + 1}).");
                }
            }

            if (!TryMakeSource(lookup.Code, id, body, out var source, out var problem))
            {
                return Invalid(problem);
            }

            if (await service.CheckAsync(source, cancellationToken) is { } refused)
            {
                return Invalid(refused);
            }

            await sources.SaveAsync(source, cancellationToken);
            logger.LogInformation("Invocation {InvocationId}: source {Regency}/{Source} saved", context.InvocationId, source.RegencyCode, source.Id);
            return ApiResults.Json(StatusCodes.Status200OK, SourceInfo.From(source));
        });

    [Function(nameof(DeleteSource))]
    public Task<IActionResult> DeleteSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = SourceRoute)] HttpRequest req,
        string code,
        string id,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (_, cancellationToken) =>
        {
            var lookup = await ResolveAsync(req, code, cancellationToken);
            if (lookup.Error is not null)
            {
                return lookup.Error;
            }

            if (!await sources.DeleteAsync(lookup.Code, id, cancellationToken))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown source", $"Regency {lookup.Code} has no source '{id}'.", "id");
            }

            logger.LogInformation("Invocation {InvocationId}: source {Regency}/{Source} deleted", context.InvocationId, lookup.Code, id);
            return new NoContentResult();
        });

    private async Task<RegencyLookup> ResolveAsync(HttpRequest req, string code, CancellationToken cancellationToken) =>
        UploadOptions.TryParseScheme(req.Query, out var scheme, out var badOption)
            ? await RegencyRoute.ResolveAsync(regencies, code, scheme, allowAll: false, "code", cancellationToken)
            : new RegencyLookup("", null, ApiResults.BadOption(badOption));

    private static bool TryMakeSource(string regencyCode, string id, SourceBody? body, out Source source, out string problem)
    {
        source = null!;
        problem = "";
        if (body is null || string.IsNullOrWhiteSpace(body.Url) || !Uri.TryCreate(body.Url.Trim(), UriKind.Absolute, out var url))
        {
            problem = "url is required: the absolute https URL of the published CSV.";
            return false;
        }

        var mode = ImportMode.Atomic;
        if (body.Mode is not null && !UploadOptions.TryParseMode(body.Mode, out mode))
        {
            problem = "mode must be 'atomic' (an invalid file stores nothing, the default) or 'partial' (valid rows are stored).";
            return false;
        }

        string? locale = null;
        if (!string.IsNullOrWhiteSpace(body.Locale) && !body.Locale.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!NumberStyleNames.TryParseLocale(body.Locale, out var style))
            {
                problem = "locale must be 'id-ID' (numbers written 1.234,5) or 'en-US' (1,234.5); leave it out to decide from each file.";
                return false;
            }

            locale = style.LocaleName();
        }

        if (!RegencySchemes.TryParse(body.RegencyScheme, out var scheme))
        {
            problem = "regencyScheme must be 'kemendagri' (the default) or 'bps'.";
            return false;
        }

        source = new Source(regencyCode, id, url, mode, locale, scheme == Core.Registry.RegencyScheme.Bps ? "bps" : "kemendagri", body.Enabled ?? true);
        return true;
    }

    private static ContentResult Invalid(string message) =>
        ApiResults.Problem(StatusCodes.Status400BadRequest, "Invalid source", message, "body");
}
