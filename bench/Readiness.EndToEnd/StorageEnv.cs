using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.EndToEnd;

/// <summary>
/// Times every storage request by kind (<c>table POST $batch</c>, <c>blob PUT</c>…), from a policy in the Azure SDK
/// pipeline: the round trips a use case makes and where its time goes, without touching the code under test.
/// </summary>
public sealed class RequestTimer(string service) : HttpPipelinePolicy
{
    private readonly Dictionary<string, (int Count, double Seconds)> _byKind = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, watch.Elapsed.TotalSeconds);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Record(message, watch.Elapsed.TotalSeconds);
        }
    }

    public void Reset()
    {
        lock (_byKind)
        {
            _byKind.Clear();
        }
    }

    public IReadOnlyDictionary<string, (int Count, double Seconds)> Snapshot()
    {
        lock (_byKind)
        {
            return new Dictionary<string, (int, double)>(_byKind, StringComparer.Ordinal);
        }
    }

    private void Record(HttpMessage message, double seconds)
    {
        var path = message.Request.Uri.Path;
        var method = message.Request.Method.Method;
        var kind = service switch
        {
            "table" when path.EndsWith("$batch", StringComparison.Ordinal) => "table POST $batch (transaction)",
            "table" when method == "GET" => "table GET (query)",
            "table" => $"table {method} (single entity)",
            _ => $"{service} {method}",
        };
        lock (_byKind)
        {
            var (count, total) = _byKind.GetValueOrDefault(kind);
            _byKind[kind] = (count + 1, total + seconds);
        }
    }

    public static string Describe(IEnumerable<IReadOnlyDictionary<string, (int Count, double Seconds)>> timers, int perRuns)
    {
        var merged = new Dictionary<string, (int Count, double Seconds)>(StringComparer.Ordinal);
        foreach (var timer in timers)
        {
            foreach (var (kind, (count, seconds)) in timer)
            {
                var (c, s) = merged.GetValueOrDefault(kind);
                merged[kind] = (c + count, s + seconds);
            }
        }

        return string.Join("; ", merged.OrderByDescending(p => p.Value.Seconds).Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Key}: {p.Value.Count / (double)perRuns:0.#} × {p.Value.Seconds * 1000 / Math.Max(1, p.Value.Count):0.0} ms = {p.Value.Seconds * 1000 / perRuns:0.0} ms")));
    }
}

/// <summary>The app over the benchmark's Azurite (<see cref="AzuritePipeline"/>, as the tests use it) with the benchmark's
/// reference data and a request timer per storage service.</summary>
public sealed class StorageEnv : IAsyncDisposable
{
    private readonly AzuritePipeline _app;

    private StorageEnv(AzuritePipeline app, RequestTimer[] timers)
    {
        _app = app;
        Timers = timers;
    }

    public StorageAccount Account => _app.Account;

    public RequestTimer[] Timers { get; }

    public IServiceProvider Services => _app.Services;

    public ImportService Imports => _app.Imports;

    public ScoreService Scores => _app.Scores;

    public TableClient Observations => Account.Table(StorageNames.Tables.Observations);

    public void ResetTimers()
    {
        foreach (var timer in Timers)
        {
            timer.Reset();
        }
    }

    public IEnumerable<IReadOnlyDictionary<string, (int Count, double Seconds)>> TimerSnapshots() => Timers.Select(t => t.Snapshot());

    /// <param name="replacements">Replacements after the benchmark's own (a stage's switch over a use case).</param>
    public static async Task<StorageEnv> CreateAsync(string connectionString, int writeParallelism, Action<IServiceCollection>? replacements = null)
    {
        var timers = new[] { new RequestTimer("table"), new RequestTimer("blob"), new RequestTimer("queue") };
        var app = await AzuritePipeline.CreateAsync(
            services: services => services
                .Configure<ImportOptions>(import => import.WriteParallelism = writeParallelism)
                .Replace(ServiceDescriptor.Singleton<IReferenceData>(new FixedReferenceData(new ReferenceData(BenchDataSet.Catalog, BenchDataSet.Registry))))
                .Apply(replacements),
            regencies: [],
            connectionString: connectionString,
            // The pipeline's own clients and retries, plus a timing policy per service.
            clientOptions: options => options.AddPolicy(
                options switch
                {
                    TableClientOptions => timers[0],
                    BlobClientOptions => timers[1],
                    _ => timers[2],
                },
                HttpPipelinePosition.PerCall));
        return new StorageEnv(app, timers);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

internal static class ServiceCollectionSteps
{
    public static IServiceCollection Apply(this IServiceCollection collection, Action<IServiceCollection>? step)
    {
        step?.Invoke(collection);
        return collection;
    }
}
