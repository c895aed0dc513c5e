using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Readiness.Core.Access;
using Readiness.Core.Completeness;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Core.Sources;

namespace Readiness.Storage;

/// <summary>One call that registers the whole pipeline: storage adapters at the edge, core use cases inside.</summary>
public static class ReadinessServiceCollectionExtensions
{
    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportSettings>().BindConfiguration(ImportSettings.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        return services.AddReadinessServices();
    }

    /// <summary>Registers the adapters and use cases over an already registered <see cref="StorageAccount"/>.</summary>
    public static IServiceCollection AddReadinessServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ImportSettings>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ImportSettings>>().Value);
        services.TryAddSingleton<IObservationStore, TableObservationStore>();
        services.TryAddSingleton<IRawArchive, BlobRawArchive>();
        services.TryAddSingleton<IUploadStore, TableUploadStore>();
        services.TryAddSingleton<IScoreRequests, QueueScoreRequests>();
        services.TryAddSingleton<IUploadQueue, QueueUploadRequests>();
        services.TryAddSingleton<IInboxStore, BlobInboxStore>();
        services.TryAddSingleton<TableReferenceData>();
        services.TryAddSingleton<IReferenceData>(sp => sp.GetRequiredService<TableReferenceData>());
        services.TryAddSingleton<IReferenceStore>(sp => sp.GetRequiredService<TableReferenceData>());
        services.TryAddSingleton<ReferenceDataService>();
        services.TryAddSingleton<IScoreStore>(sp => new TableScoreStore(sp.GetRequiredService<StorageAccount>()));
        services.TryAddSingleton<IScoreExports, BlobScoreExports>();
        services.TryAddSingleton<RegencyLookupService>();
        services.TryAddSingleton<ImportService>();
        services.TryAddSingleton<InboxService>();
        services.TryAddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton(sp => new AccessPolicy(sp.GetRequiredService<ApiKeyService>(), sp.GetRequiredService<ImportSettings>().TrustAppServiceAuth));
        services.TryAddSingleton<ISourceStore, TableSourceStore>();
        services.TryAddSingleton<SourceService>();
        services.TryAddSingleton(sp => new CompletenessService(sp.GetRequiredService<IObservationStore>(), sp.GetRequiredService<IReferenceData>()));
        if (!services.Any(d => d.ServiceType == typeof(ISourceFetcher)))
        {
            services.AddHttpClient<ISourceFetcher, HttpSourceFetcher>(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("SmartCityReadinessPipeline/1.0"))
                .AddStandardResilienceHandler(options =>
                {
                    // Polite: few retries with back-off and jitter; open data portals are not ours to hammer.
                    options.Retry.MaxRetryAttempts = 3;
                    options.Retry.Delay = TimeSpan.FromSeconds(1);
                    options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                    options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
                    options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(120);
                });
        }
        services.TryAddSingleton(sp => new ScoreService(
            sp.GetRequiredService<IObservationStore>(),
            sp.GetRequiredService<IScoreStore>(),
            sp.GetRequiredService<IScoreExports>(),
            sp.GetRequiredService<IScoreRequests>(),
            sp.GetRequiredService<IReferenceData>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ScoreService>>()));
        return services;
    }
}
