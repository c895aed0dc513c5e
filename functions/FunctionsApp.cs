using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;
using Readiness.Functions.Http;
using Readiness.Storage;

namespace Readiness.Functions;

/// <summary>
/// What the Function App registers besides the pipeline, in one call that every host of the function classes makes:
/// the Functions worker (<c>Program.cs</c>) and the local HTTP host (<c>devhost/</c>), so both run with the same
/// services, the same request body limits and the same storage set-up.
/// </summary>
public static class FunctionsApp
{
    /// <summary>The Functions host's own request body cap (bytes): it refuses larger bodies before the worker sees them.</summary>
    public const string HostBodyLimitSetting = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT";

    /// <summary>The host's default for <see cref="HostBodyLimitSetting"/>: 100 MB.</summary>
    public const long DefaultHostBodyLimit = 100L * 1024 * 1024;

    /// <summary>
    /// The pipeline (<see cref="ReadinessServiceCollectionExtensions.AddReadiness(IServiceCollection, IConfiguration)"/>),
    /// its telemetry (<see cref="AppTelemetry.AddReadinessTelemetry"/>), the body limits (<see cref="RequestBodyLimits"/>, applied to Kestrel) and the creation of missing storage on
    /// start-up (<see cref="StorageStartup"/>).
    /// </summary>
    public static IServiceCollection AddReadinessFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReadiness(configuration);
        services.AddReadinessTelemetry(configuration);
        services.AddSingleton(new RequestBodyLimits(HostBodyLimit(configuration)));

        // Kestrel's limit is the Functions host's cap, not our upload limit: our own limits (20 MB uploads, small admin
        // bodies) answer with JSON and then read the rest of the body (ApiResults.GuardAsync), which Kestrel must allow
        // up to the cap. A body over the cap never reaches the worker in Azure (the host refuses it first).
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ImportOptions>, RequestBodyLimits>((kestrel, import, limits) =>
                kestrel.Limits.MaxRequestBodySize = Math.Max(UploadBody.RequestLimit(import.Value.MaxUploadBytes), limits.DrainCap));
        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary><see cref="HostBodyLimitSetting"/> when it is a positive number, else the host's default.</summary>
    public static long HostBodyLimit(IConfiguration configuration) =>
        long.TryParse(configuration[HostBodyLimitSetting], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit
            : DefaultHostBodyLimit;
}

/// <summary>How much of a request body the app reads and discards after an early answer (see
/// <see cref="ApiResults.GuardAsync"/>): the Functions host's cap, so nothing the host forwards is left unread.</summary>
public sealed record RequestBodyLimits(long DrainCap);
