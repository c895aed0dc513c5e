using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ports;
using Readiness.Core.Telemetry;

namespace Readiness.Core.Health;

/// <summary>Health check settings (<c>Readiness__Health*</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>How long one answer is reused: probes from a load balancer or an availability test cost storage
    /// reads once per period, however many arrive.</summary>
    public int HealthCacheSeconds { get; set; } = 5;

    /// <summary>Storage that has not answered within this is unreachable (the storage client would otherwise retry
    /// for much longer).</summary>
    public int HealthTimeoutSeconds { get; set; } = 3;

    /// <summary>A work queue whose oldest message is older than this is a backlog: the answer is degraded.</summary>
    public int HealthMaxQueueAgeSeconds { get; set; } = 900;
}

/// <summary>The overall state: <c>healthy</c> and <c>degraded</c> still serve (200); <c>unhealthy</c> cannot (503).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    [JsonStringEnumMemberName("healthy")]
    Healthy,

    /// <summary>Serving, but an operator should look: poison messages, or a backlog on a work queue.</summary>
    [JsonStringEnumMemberName("degraded")]
    Degraded,

    /// <summary>Storage unreachable, or no registry or catalog: uploads cannot be validated.</summary>
    [JsonStringEnumMemberName("unhealthy")]
    Unhealthy,
}

/// <summary>A queue in the health answer.</summary>
public sealed record QueueHealth(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("oldestMessageAgeSeconds")] double? OldestMessageAgeSeconds,
    [property: JsonPropertyName("poison")] bool Poison);

/// <summary>The registry and catalog the app validates against.</summary>
public sealed record ReferenceHealth(
    [property: JsonPropertyName("registryLoaded")] bool RegistryLoaded,
    [property: JsonPropertyName("regencies")] int Regencies,
    [property: JsonPropertyName("catalogLoaded")] bool CatalogLoaded,
    [property: JsonPropertyName("catalogVersion")] string? CatalogVersion,
    [property: JsonPropertyName("indicators")] int Indicators);

/// <summary>The body of <c>GET /api/health</c>: what an operator or a probe needs, nothing internal (no account name,
/// endpoint, key or exception text; only the logical queue names the runbooks use).</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] HealthStatus Status,
    [property: JsonPropertyName("checkedAt")] DateTimeOffset CheckedAt,
    [property: JsonPropertyName("storageReachable")] bool StorageReachable,
    [property: JsonPropertyName("queues")] IReadOnlyList<QueueHealth> Queues,
    [property: JsonPropertyName("poisonMessages")] long PoisonMessages,
    [property: JsonPropertyName("reference")] ReferenceHealth? Reference,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);

/// <summary>
/// The health check behind <c>GET /api/health</c>: storage answers (blob, table, queue), the depth and oldest message of
/// every queue, poison messages, and the registry and catalog loaded. Answers are cached for
/// <see cref="HealthOptions.HealthCacheSeconds"/> and concurrent callers share one check, so probing is cheap.
/// </summary>
public sealed class HealthService(IStorageProbe storage, IReferenceData referenceData, IOptions<HealthOptions> options, TimeProvider clock, ILogger<HealthService> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private HealthReport? _cached;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (Fresh(_cached, settings) is { } hit)
        {
            return hit;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached, settings) is { } again)
            {
                return again;
            }

            _cached = await ProbeAsync(settings, cancellationToken);
            return _cached;
        }
        finally
        {
            _lock.Release();
        }
    }

    private HealthReport? Fresh(HealthReport? report, HealthOptions settings) =>
        report is not null && clock.GetUtcNow() - report.CheckedAt < TimeSpan.FromSeconds(settings.HealthCacheSeconds) ? report : null;

    private async Task<HealthReport> ProbeAsync(HealthOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.HealthTimeoutSeconds));
        IReadOnlyList<QueueState> queues;
        ReferenceData reference;
        try
        {
            queues = await storage.ProbeAsync(timeout.Token);
            reference = await referenceData.GetAsync(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the log, not to an anonymous caller (it may name endpoints).
            logger.LogError(e, "Health check: storage did not answer within {TimeoutSeconds} s", settings.HealthTimeoutSeconds);
            return new HealthReport(HealthStatus.Unhealthy, now, false, [], 0, null,
                [$"Storage did not answer within {settings.HealthTimeoutSeconds} s: uploads, scores and the portal's data are unavailable."]);
        }

        var problems = new List<string>();
        var registryLoaded = reference.Registry.Count > 0;
        var catalogLoaded = reference.Catalog.Indicators.Count > 0;
        if (!registryLoaded)
        {
            problems.Add("The regency registry is empty: load it (readiness registry import FILE, or PUT /api/registry).");
        }

        if (!catalogLoaded)
        {
            problems.Add("The indicator catalog has no indicators: load it (readiness catalog import, or PUT /api/catalog).");
        }

        var poison = queues.Where(q => IsPoison(q.Name)).Sum(q => q.Messages);
        if (poison > 0)
        {
            problems.Add($"{poison} message(s) in poison queues: see the failed uploads (GET /api/uploads) and replay them once the cause is fixed.");
        }

        foreach (var queue in queues.Where(q => !IsPoison(q.Name) && q.OldestMessageAge?.TotalSeconds > settings.HealthMaxQueueAgeSeconds))
        {
            problems.Add($"The oldest message on {queue.Name} is {queue.OldestMessageAge!.Value.TotalMinutes:0} minutes old: background work is not keeping up.");
        }

        foreach (var queue in queues)
        {
            ReadinessTelemetry.QueueObserved(queue.Name, queue.Messages, queue.OldestMessageAge);
        }

        ReadinessTelemetry.RegistryObserved(reference.Registry.Count);

        var status = !registryLoaded || !catalogLoaded ? HealthStatus.Unhealthy
            : problems.Count > 0 ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        return new HealthReport(
            status,
            now,
            true,
            [.. queues.Select(q => new QueueHealth(q.Name, q.Messages, q.OldestMessageAge is { } age ? Math.Round(Math.Max(0, age.TotalSeconds), 1) : null, IsPoison(q.Name)))],
            poison,
            new ReferenceHealth(registryLoaded, reference.Registry.Count, catalogLoaded, reference.Catalog.Version, reference.Catalog.Indicators.Count),
            problems);
    }

    private static bool IsPoison(string queue) => queue.EndsWith("-poison", StringComparison.Ordinal);
}
