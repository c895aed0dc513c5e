using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Readiness.Core.Health;

namespace Readiness.Functions.Http;

/// <summary>
/// <c>GET health</c>: whether the app can serve, for a load balancer, an availability test or an operator. Anonymous on
/// purpose (a probe has no key) and cheap: the check is cached for a few seconds (<see cref="HealthService"/>). 200 with
/// <c>healthy</c> or <c>degraded</c> (poison messages, a backlog), 503 with <c>unhealthy</c> (storage unreachable, no
/// registry or catalog); the JSON body names no account, endpoint or secret.
/// </summary>
public sealed class HealthFunctions(HealthService health)
{
    public const string HealthRoute = "health";

    [Function(nameof(GetHealth))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoute)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        // Each probe must see the current state, not a proxy's copy (the app caches for a few seconds itself).
        req.HttpContext.Response.Headers.CacheControl = "no-store";
        return ApiResults.Json(report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, report);
    }
}
