using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>
/// What a function needs, declared once as the guard's argument: a <see cref="Permission"/> and, for
/// <see cref="Permission.ActForRegency"/>, the route's regency (resolved to its canonical code before the check).
/// </summary>
public sealed record Need
{
    private Need(Permission permission, string? regency, bool allowAll)
    {
        Permission = permission;
        Regency = regency;
        AllowAll = allowAll;
    }

    public Permission Permission { get; }

    /// <summary>The route's regency as the caller wrote it (a code, a BPS code with <c>regencyScheme=bps</c>, or a name).</summary>
    public string? Regency { get; }

    /// <summary>Whether the route may name <see cref="ImportRequest.AllRegencies"/> (readable, not uploadable).</summary>
    public bool AllowAll { get; }

    /// <summary>Any valid key or admin principal: published scores, the catalog, templates.</summary>
    public static Need ReadPublished { get; } = new(Permission.ReadPublished, null, false);

    /// <summary>Ministry operators only.</summary>
    public static Need Admin { get; } = new(Permission.Admin, null, false);

    /// <summary>The regency's own key, or an admin, for the regency <paramref name="routeRegency"/> names.</summary>
    public static Need ActFor(string routeRegency, bool allowAll = false) => new(Permission.ActForRegency, routeRegency, allowAll);

    /// <summary>The regency's own key, its province's key, or an admin, to read what the route's regency has.</summary>
    public static Need ReadFor(string routeRegency, bool allowAll = false) => new(Permission.ReadForRegency, routeRegency, allowAll);

    /// <summary>Any valid key, the route's regency resolved first (the function decides what the caller may do there).</summary>
    public static Need AnyFor(string routeRegency) => new(Permission.ReadPublished, routeRegency, false);
}

/// <summary>
/// One invocation of an HTTP function past the access check: who is calling, the route's regency when the function
/// declared one, and the correlation id (the invocation id) that every error answer carries.
/// </summary>
public sealed record ApiCall(Caller Caller, RouteRegency? Regency, string CorrelationId)
{
    /// <summary>The canonical code of the route's regency (only for a <see cref="Need"/> that names one).</summary>
    public string RegencyCode => Regency?.Code ?? throw new InvalidOperationException("The function declared no route regency.");

    /// <summary>The answer to a refused request.</summary>
    public ContentResult Refuse(ApiProblem problem) => problem.ToResult(CorrelationId);

    /// <summary>The answer to a query option that could not be read.</summary>
    public ContentResult Refuse(OptionError error) => Refuse(ApiProblem.BadOption(error));
}

/// <summary>
/// The access check every HTTP function goes through (via <see cref="ApiResults.GuardAsync"/>): credentials are read
/// from the headers and judged by the app's <see cref="AccessPolicy"/>, the route's regency is resolved through the
/// registry before <see cref="Permission.ActForRegency"/> is decided, and a refusal becomes 401 (one body for every
/// bad credential, with <c>WWW-Authenticate: Bearer</c>) or 403 naming what the caller may do. Keys are never logged
/// or echoed: logs name the caller's <see cref="Caller.Identifier"/> only.
/// </summary>
public static class ApiAccess
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The one answer to a missing, unknown, malformed, expired or revoked credential.</summary>
    public const string UnauthorizedDetail =
        "A valid API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Ask the ministry's operators for a key.";

    /// <returns>The call let through, or why it is refused.</returns>
    public static async Task<Result<ApiCall, ApiProblem>> CheckAsync(HttpRequest request, FunctionContext context, ILogger logger, Need need, CancellationToken cancellationToken)
    {
        var services = context.InstanceServices;
        var policy = services.GetRequiredService<AccessPolicy>();

        // The route's regency is resolved first so that a name or BPS code is judged by its canonical code; a lookup
        // that fails is answered only to a caller who authenticated (401 comes before 400/404).
        RouteRegency? lookup = null;
        ApiProblem? lookupError = null;
        if (need.Regency is not null)
        {
            var resolved = await RegencyRoute.ResolveRouteAsync(request, services.GetRequiredService<RegencyLookupService>(), need.Regency, need.AllowAll, cancellationToken);
            lookup = resolved.Ok ? resolved.Value : null;
            lookupError = resolved.Error;
        }

        var decision = await policy.CheckAsync(
            Header(request, "Authorization"),
            Header(request, ApiKeyHeader),
            Header(request, AccessPolicy.PrincipalHeader),
            need.Permission,
            lookup?.Code,
            cancellationToken);
        var function = context.FunctionDefinition?.Name;
        if (decision.Caller is not { } caller || decision.Status == StatusCodes.Status401Unauthorized)
        {
            logger.LogInformation("Invocation {InvocationId} of {Function} refused: no valid credentials", context.InvocationId, function);
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return new ApiProblem(StatusCodes.Status401Unauthorized, "Unauthorized", UnauthorizedDetail);
        }

        if (lookupError is not null)
        {
            return lookupError;
        }

        if (!decision.Allowed)
        {
            logger.LogWarning("Invocation {InvocationId} of {Function} refused for {Caller}: {Permission} {Regency}",
                context.InvocationId, function, caller.Identifier, need.Permission, lookup?.Code);
            return new ApiProblem(StatusCodes.Status403Forbidden, "Forbidden", $"{decision.Reason} {MayDo(caller)}",
                Extensions: new Dictionary<string, object?> { ["role"] = caller.RoleName, ["regency"] = caller.RegencyCode, ["province"] = caller.ProvinceCode });
        }

        if (need.Permission == Permission.Admin)
        {
            // Operator actions are few and change shared data: keep who did them.
            logger.LogInformation("Invocation {InvocationId}: {Function} by {Caller}", context.InvocationId, function, caller.Identifier);
        }
        else
        {
            logger.LogDebug("Invocation {InvocationId}: {Function} by {Caller}", context.InvocationId, function, caller.Identifier);
        }

        return new ApiCall(caller, lookup, context.InvocationId);
    }

    /// <summary>What a caller may do, said plainly for a 403.</summary>
    public static string MayDo(Caller caller) => caller.IsAdmin
        ? "An admin may do everything."
        : caller.IsProvince
        ? $"A key for province {caller.ProvinceCode} (Walidata) may read the uploads, completeness, quality flags and reviews of the province's regencies, verify or return their years, and read the published scores, indicators and templates; it cannot upload."
        : $"A key for regency {caller.RegencyCode} may upload data for {caller.RegencyCode}, read its uploads and completeness, and read the published scores, indicators and templates.";

    /// <summary>A header's value, or null when it is absent (an empty header is presented as empty, and fails).</summary>
    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
