using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Core.Completeness;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Core.Sources;

namespace Readiness.Core;

/// <summary>
/// The core's use cases and their options. Every options class (<see cref="ImportOptions"/>, <see cref="SourceOptions"/>,
/// <see cref="AccessOptions"/>, <see cref="ScoringOptions"/>, <see cref="Health.HealthOptions"/>) binds from the one <see cref="Section"/>, so each app
/// setting is <c>Readiness__{property}</c>; the hosts bind them (Readiness.Storage's <c>AddReadiness</c>) and the ports
/// are registered by the adapters.
/// </summary>
public static class ReadinessSettings
{
    public const string Section = "Readiness";

    /// <summary>The use cases over the ports, with their options at the defaults until bound or configured.
    /// Registered with <c>Add</c>: a host that wants another implementation replaces it (<c>services.Replace</c>).</summary>
    public static IServiceCollection AddReadinessCore(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>();
        services.AddOptions<SourceOptions>();
        services.AddOptions<AccessOptions>();
        services.AddOptions<ScoringOptions>();
        services.AddOptions<Review.ReviewOptions>();
        services.AddOptions<Quality.QualityOptions>();
        services.AddOptions<Health.HealthOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RegencyLookupService>();
        services.AddSingleton<ReferenceDataService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<InboxService>();
        services.AddSingleton<SourceService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<CompletenessService>();
        services.AddSingleton<ScoreService>();
        services.AddSingleton<PowerBiExportService>();
        services.AddSingleton<Quality.PeerSnapshots>();
        services.AddSingleton<Quality.QualityService>();
        services.AddSingleton<Quality.IQualityChecks>(sp => sp.GetRequiredService<Quality.QualityService>());
        services.AddSingleton<Review.ReviewService>();
        services.AddSingleton<Review.PeriodLockGuard>();
        services.AddSingleton<Audit.HistoryService>();
        services.AddSingleton<Health.HealthService>();
        return services;
    }
}
