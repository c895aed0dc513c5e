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
        s.RegencyCode, s.Id, s.Url.ToString(), s.Mode.Name(), s.Locale?.LocaleName(), s.Scheme.Name(), s.Enabled,
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
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var lookup = await RegencyRoute.ResolveRouteAsync(req, regencies, code, allowAll: false, cancellationToken);
            if (!lookup.Ok)
            {
                return call.Refuse(lookup.Error);
            }

            var read = await SmallBody.ReadJsonAsync<SourceBody>(req, MaxBodyBytes, "the source as JSON {url, mode?, locale?, regencyScheme?, enabled?}",
                e => Invalid($"The body must be a JSON object {{url, mode?, locale?, regencyScheme?, enabled?}}; it could not be read at {e.Path ?? "$"} (line {e.LineNumber + 1})."), cancellationToken);
            if (!read.Ok)
            {
                return call.Refuse(read.Error);
            }

            var body = read.Value;

            var made = MakeSource(lookup.Value.Code, id, body);
            if (!made.Ok)
            {
                return call.Refuse(Invalid(made.Error));
            }

            var source = made.Value;
            if (await service.CheckAsync(source, cancellationToken) is { } refused)
            {
                return call.Refuse(Invalid(refused));
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
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var lookup = await RegencyRoute.ResolveRouteAsync(req, regencies, code, allowAll: false, cancellationToken);
            if (!lookup.Ok)
            {
                return call.Refuse(lookup.Error);
            }

            var regencyCode = lookup.Value.Code;
            if (!await sources.DeleteAsync(regencyCode, id, cancellationToken))
            {
                return call.Refuse(new ApiProblem(StatusCodes.Status404NotFound, "Unknown source", $"Regency {regencyCode} has no source '{id}'.", "id"));
            }

            logger.LogInformation("Invocation {InvocationId}: source {Regency}/{Source} deleted", context.InvocationId, regencyCode, id);
            return new NoContentResult();
        });

    /// <summary>The source the body describes, or what is wrong with it.</summary>
    private static Result<Source, string> MakeSource(string regencyCode, string id, SourceBody? body)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Url) || !Uri.TryCreate(body.Url.Trim(), UriKind.Absolute, out var url))
        {
            return "url is required: the absolute https URL of the published CSV.";
        }

        var mode = QueryOptions.Choice(body.Mode, UploadOptions.ModeParameter, QueryOptions.ImportModes, ImportMode.Atomic, UploadOptions.ModeMessage);
        if (!mode.Ok)
        {
            return mode.Error.Message;
        }

        var locale = QueryOptions.Locale(body.Locale, UploadOptions.LocaleParameter,
            "locale must be 'id-ID' (numbers written 1.234,5) or 'en-US' (1,234.5); leave it out to decide from each file.");
        if (!locale.Ok)
        {
            return locale.Error.Message;
        }

        if (!RegencySchemes.TryParse(body.RegencyScheme, out var scheme))
        {
            return "regencyScheme must be 'kemendagri' (the default) or 'bps'.";
        }

        return new Source(regencyCode, id, url, mode.Value, locale.Value, scheme, body.Enabled ?? true);
    }

    private static ApiProblem Invalid(string message) => new(StatusCodes.Status400BadRequest, "Invalid source", message, "body");
}
