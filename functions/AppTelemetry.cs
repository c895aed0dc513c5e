using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Readiness.Core.Telemetry;

namespace Readiness.Functions;

/// <summary>
/// OpenTelemetry in the worker (host.json <c>telemetryMode: OpenTelemetry</c>): the app's own spans and metrics
/// (<see cref="ReadinessTelemetry"/>), the worker's invocation spans, and every log record with its structured
/// properties, exported to Application Insights when <see cref="ConnectionStringSetting"/> is set (in Azure; locally
/// nothing is exported unless a test or developer adds an exporter). In Azure the component has local authentication
/// off, so the exporter signs in with the app's managed identity, named by <see cref="AuthenticationSetting"/>.
/// </summary>
public static class AppTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId=…</c>: send telemetry with an Entra token of that user-assigned identity
    /// (the Functions host reads the same setting for its own telemetry).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddReadinessTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ReadinessTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(ReadinessTelemetry.Name))
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                // The properties of each message template (Regency, UploadId, Caller…) travel as attributes; the
                // text too, so Application Insights shows a readable message.
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            var credential = Credential(configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        return services;
    }

    /// <summary>The identity <see cref="AuthenticationSetting"/> names (<c>Authorization=AAD</c>, optionally with
    /// <c>ClientId</c>); null when it is not set or asks for no Entra authentication.</summary>
    public static TokenCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = authentication };
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization as string, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId is string { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
