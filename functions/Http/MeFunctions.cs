using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>
/// The body of <c>GET me</c>: the caller's role, the regency a regency key is bound to (null for an admin, or when the
/// registry no longer holds it), and the upload limits, so the portal can name them before a file is sent.
/// </summary>
public sealed record WhoAmI(string Role, string? RegencyCode, RegencyInfo? Regency, long MaxUploadBytes, long AsyncThresholdBytes, string? ProvinceCode = null, string? ProvinceName = null);

/// <summary>
/// <c>GET me</c>: who a key belongs to, for the portal's sign-in ("which regency or admin is this key for"). Any valid
/// key may ask about itself; the answer never carries the key or its id.
/// </summary>
public sealed class MeFunctions(RegencyLookupService regencies, Core.Ports.IReferenceData referenceData, IOptions<ImportOptions> import, ILogger<MeFunctions> logger)
{
    public const string MeRoute = "me";

    [Function(nameof(GetMe))]
    public Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MeRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var caller = call.Caller;
            RegencyInfo? regency = null;
            if (caller.Role == Core.Access.Role.Regency && caller.RegencyCode is { } code
                && await regencies.FindAsync(code, RegencyScheme.Kemendagri, cancellationToken) is { Ok: true } found)
            {
                regency = RegencyInfo.From(found.Value);
            }

            var provinceName = caller.IsProvince
                ? (await referenceData.GetAsync(cancellationToken)).Registry.Regencies.FirstOrDefault(r => r.ProvinceCode == caller.ProvinceCode)?.ProvinceName
                : null;
            return ApiResults.Json(StatusCodes.Status200OK, new WhoAmI(
                caller.RoleName, caller.Role == Core.Access.Role.Regency ? caller.RegencyCode : null, regency,
                import.Value.MaxUploadBytes, import.Value.AsyncThresholdBytes, caller.ProvinceCode, provinceName));
        });
}
