using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;
using Readiness.Core.Sources;

namespace Readiness.Storage;

/// <summary>
/// The whole pipeline in one call: the core's use cases (<see cref="ReadinessSettings.AddReadinessCore"/>) over the
/// storage adapters (<see cref="AddReadinessStorage"/>). Everything is registered with <c>Add</c>, so a host or a test
/// that wants another implementation says so after this call, with <c>services.Replace(...)</c>, and sets options
/// with <c>services.Configure&lt;T&gt;(...)</c>.
/// </summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>The functions app: the account from <c>AzureWebJobsStorage</c>, every options class bound from the
    /// <c>Readiness</c> section (app settings <c>Readiness__*</c>).</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ReadinessSettings.Section);
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddReadinessCore().AddReadinessStorage();
        services.AddOptions<ImportOptions>().Bind(section);
        services.AddOptions<SourceOptions>().Bind(section);
        services.AddOptions<AccessOptions>().Bind(section);
        services.AddOptions<ScoringOptions>().Bind(section);
        services.AddOptions<Core.Review.ReviewOptions>().Bind(section);
        services.AddOptions<Core.Quality.QualityOptions>().Bind(section);
        services.AddOptions<Core.Health.HealthOptions>().Bind(section);
        return services;
    }

    /// <summary>The CLI, the tests and the benchmark: the pipeline over an account they opened, options at their
    /// defaults unless they configure them.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services, StorageAccount account) =>
        services.AddSingleton(account).AddReadinessCore().AddReadinessStorage();

    /// <summary>The adapters of the core's ports over a registered <see cref="StorageAccount"/>, and the HTTP client
    /// that fetches remote sources.</summary>
    public static IServiceCollection AddReadinessStorage(this IServiceCollection services)
    {
        services.AddSingleton<IObservationStore, TableObservationStore>();
        services.AddSingleton<IRawArchive, BlobRawArchive>();
        services.AddSingleton<IUploadStore, TableUploadStore>();
        services.AddSingleton<IScoreRequests, QueueScoreRequests>();
        services.AddSingleton<IUploadQueue, QueueUploadRequests>();
        services.AddSingleton<IInboxStore, BlobInboxStore>();
        services.AddSingleton<TableReferenceData>();
        services.AddSingleton<IReferenceData>(sp => sp.GetRequiredService<TableReferenceData>());
        services.AddSingleton<IReferenceStore>(sp => sp.GetRequiredService<TableReferenceData>());
        services.AddSingleton<IScoreStore, TableScoreStore>();
        services.AddSingleton<IScoreExports, BlobScoreExports>();
        services.AddSingleton<IPowerBiExports, BlobPowerBiExports>();
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.AddSingleton<ISourceStore, TableSourceStore>();
        services.AddSingleton<Core.Quality.IQualityFlagStore, TableQualityFlags>();
        services.AddSingleton<IReviewStore, TableReviewStore>();
        services.AddSingleton<IStorageProbe, StorageProbe>();
        services.AddHttpClient<ISourceFetcher, HttpSourceFetcher>(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("SmartCityReadinessPipeline/1.0"))
            .AddStandardResilienceHandler()
            .Configure((options, sp) => Polite(options, sp.GetRequiredService<IOptions<SourceOptions>>().Value));
        return services;
    }

    /// <summary>Few retries with back-off and jitter (open data portals are not ours to hammer), all within
    /// <see cref="SourceOptions.SourceTimeoutSeconds"/>.</summary>
    private static void Polite(HttpStandardResilienceOptions options, SourceOptions sources)
    {
        var total = TimeSpan.FromSeconds(sources.SourceTimeoutSeconds);
        var attempt = TimeSpan.FromSeconds(Math.Min(30, sources.SourceTimeoutSeconds));
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.AttemptTimeout.Timeout = attempt;
        // The breaker's window must be at least twice an attempt (the handler's own rule).
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        options.TotalRequestTimeout.Timeout = total;
    }
}
