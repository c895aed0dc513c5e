using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>
/// <c>PUT registry</c> (see the README's HTTP API table): the body is a registry CSV
/// (<c>code,name,province_code,province_name,bps_code,aliases</c>, optionally
/// <c>population,area_km2,former_code,former_code_until</c>), read whole and checked before anything is written.
/// </summary>
public sealed class RegistryFunctions(ReferenceDataService reference, ILogger<RegistryFunctions> logger)
{
    public const string RegistryRoute = "registry";

    /// <summary>Indonesia's 514 regencies take about 40 KB.</summary>
    public const long MaxRegistryBytes = 4 * 1024 * 1024;

    [Function(nameof(PutRegistry))]
    public Task<IActionResult> PutRegistry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = RegistryRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var body = await SmallBody.ReadAsync(req, MaxRegistryBytes, "the registry CSV", cancellationToken);
            if (!body.Ok)
            {
                return call.Refuse(body.Error);
            }

            Result<RegencyRegistry, string> read;
            await using (body.Value)
            {
                read = ReferenceDataService.ReadRegistry(body.Value, "registry");
            }

            if (!read.Ok)
            {
                return call.Refuse(new ApiProblem(StatusCodes.Status400BadRequest, "Invalid registry", read.Error, "body"));
            }

            var count = await reference.ReplaceRegistryAsync(read.Value, cancellationToken);
            logger.LogInformation("Invocation {InvocationId}: registry replaced ({Regencies} regencies)", context.InvocationId, count);
            return ApiResults.Json(StatusCodes.Status200OK, new RegistryImported(count, read.Value.ProvinceCount, read.Value.FormerCodeCount));
        });
}

/// <summary>What <c>PUT registry</c> stored: regencies, provinces, and regencies with a former code.</summary>
public sealed record RegistryImported(int Regencies, int Provinces, int FormerCodes);
