using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests;

/// <summary>The real services over a fresh, uniquely named set of Azurite tables, containers and queues.</summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Pipeline(StorageAccount account, ServiceProvider services)
    {
        Account = account;
        _services = services;
    }

    public StorageAccount Account { get; }

    public ImportService Imports => _services.GetRequiredService<ImportService>();

    public IObservationStore Observations => _services.GetRequiredService<IObservationStore>();

    public Readiness.Core.Scoring.ScoreService Scores => _services.GetRequiredService<Readiness.Core.Scoring.ScoreService>();

    /// <summary>Every row of a table as (PartitionKey, RowKey, all other properties but Timestamp/etag), for equality checks.</summary>
    public async Task<List<string>> DumpAsync(string table, params string[] ignore)
    {
        var rows = new List<string>();
        await foreach (var e in Account.Table(table).QueryAsync<TableEntity>())
        {
            var fields = e.Keys.Where(k => k is not ("odata.etag" or "Timestamp") && !ignore.Contains(k)).Order(StringComparer.Ordinal).Select(k => $"{k}={Format(e[k])}");
            rows.Add(string.Join(';', fields));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public InboxService Inbox => _services.GetRequiredService<InboxService>();

    public Readiness.Core.Sources.SourceService Sources => _services.GetRequiredService<Readiness.Core.Sources.SourceService>();

    public Readiness.Core.Completeness.CompletenessService Completeness => _services.GetRequiredService<Readiness.Core.Completeness.CompletenessService>();

    public Task ImportRegistryAsync(IReadOnlyList<Readiness.Core.Registry.Regency> regencies) =>
        _services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(new RegencyRegistry(regencies), CancellationToken.None);

    public static async Task<Pipeline> CreateAsync(Action<ImportSettings>? configure = null, TimeProvider? clock = null, string? connectionString = null, Action<Azure.Core.ClientOptions>? clientOptions = null)
    {
        var account = await Azurite.CreateAccountAsync(connectionString, clientOptions);
        var services = new ServiceCollection()
            .AddSingleton(account)
            .AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.Configure<ImportSettings>(s => configure?.Invoke(s));
        var provider = services.AddReadinessServices().BuildServiceProvider();
        await provider.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(Samples.Registry, CancellationToken.None);
        return new Pipeline(account, provider);
    }

    public Task<ImportResult> ImportAsync(string csv, ImportRequest? request = null) =>
        Imports.ImportAsync(request ?? new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    /// <summary>Every observation entity, as (regency, row key, value).</summary>
    public async Task<List<(string Regency, string Key, double Value, string UploadId)>> StoredAsync()
    {
        var rows = new List<(string, string, double, string)>();
        await foreach (var e in Account.Table(StorageNames.Tables.Observations).QueryAsync<ObservationEntity>())
        {
            rows.Add((e.PartitionKey, e.RowKey, e.Value, e.UploadId));
        }

        return [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal)];
    }

    public async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Account.Container(StorageNames.Containers.Uploads).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task<List<string>> ScoreRequestsAsync()
    {
        var messages = await Account.Queue(StorageNames.Queues.Scores).PeekMessagesAsync(32);
        return [.. messages.Value.Select(m => m.Body.ToString())];
    }

    public async ValueTask DisposeAsync()
    {
        await Account.DeleteAllAsync();
        await _services.DisposeAsync();
    }
}
