using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core;
using Readiness.Core.Completeness;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Core.Sources;
using Readiness.Storage;

namespace Readiness.TestSupport;

/// <summary>
/// The app over Azurite: the pipeline's real services (<see cref="ReadinessServiceCollectionExtensions.AddReadiness(IServiceCollection, StorageAccount)"/>)
/// over a fresh, uniquely prefixed set of tables, containers and queues, with a registry loaded into the regencies
/// table; everything removed again on dispose. The integration tests use it as it is, the functions tests add API
/// keys and a function context (TestApp), the end-to-end benchmark adds request timers (StorageEnv).
/// </summary>
public sealed class AzuritePipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AzuritePipeline(StorageAccount account, ServiceProvider services)
    {
        Account = account;
        _services = services;
    }

    public StorageAccount Account { get; }

    public IServiceProvider Services => _services;

    public ImportService Imports => _services.GetRequiredService<ImportService>();

    public ScoreService Scores => _services.GetRequiredService<ScoreService>();

    public IScoreStore ScoreStore => _services.GetRequiredService<IScoreStore>();

    public IObservationStore Observations => _services.GetRequiredService<IObservationStore>();

    public InboxService Inbox => _services.GetRequiredService<InboxService>();

    public SourceService Sources => _services.GetRequiredService<SourceService>();

    public CompletenessService Completeness => _services.GetRequiredService<CompletenessService>();

    public Readiness.Core.Review.ReviewService Reviews => _services.GetRequiredService<Readiness.Core.Review.ReviewService>();

    /// <param name="services">Runs after the pipeline's registrations: options (the app's <c>Readiness__*</c> settings,
    /// <c>s.Configure&lt;ImportOptions&gt;(o => ...)</c>), loggers, and replacements (<c>s.Replace(...)</c>: fixed
    /// reference data).</param>
    /// <param name="clock">The app's clock (a FakeTimeProvider to expire keys or settle inbox files); the system clock by default.</param>
    /// <param name="regencies">What the regencies table holds: the sample registry by default; none loaded when empty.</param>
    /// <param name="connectionString">Another Azurite than the test run's (a fault test's own, to kill).</param>
    /// <param name="clientOptions">Extra storage client options (pipeline policies that count or time requests).</param>
    public static async Task<AzuritePipeline> CreateAsync(
        Action<IServiceCollection>? services = null,
        TimeProvider? clock = null,
        IEnumerable<Regency>? regencies = null,
        string? connectionString = null,
        Action<ClientOptions>? clientOptions = null)
    {
        var account = await Azurite.CreateAccountAsync(connectionString, clientOptions);
        var collection = new ServiceCollection().AddReadiness(account).AddLogging();
        if (clock is not null)
        {
            collection.Replace(ServiceDescriptor.Singleton(clock));
        }

        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var registry = (regencies ?? Samples.Registry.Regencies).ToList();
        if (registry.Count > 0)
        {
            await provider.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(new RegencyRegistry(registry), CancellationToken.None);
        }

        return new AzuritePipeline(account, provider);
    }

    public Task ImportRegistryAsync(IReadOnlyList<Regency> regencies) =>
        _services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(new RegencyRegistry(regencies), CancellationToken.None);

    public Task<ImportResult> ImportAsync(string csv, ImportRequest? request = null) =>
        Imports.ImportAsync(request ?? new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    /// <summary>Every observation entity, as (regency, row key, value, upload), in key order.</summary>
    public async Task<List<(string Regency, string Key, double Value, string UploadId)>> StoredAsync()
    {
        var rows = new List<(string, string, double, string)>();
        await foreach (var e in Account.Table(StorageNames.Tables.Observations).QueryAsync<ObservationEntity>())
        {
            rows.Add((e.PartitionKey, e.RowKey, e.Value, e.UploadId));
        }

        return [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal)];
    }

    /// <summary>The stored values of one regency, by row key (<c>{period}|{indicator}</c>).</summary>
    public Task<Dictionary<string, StoredValue>> StoredAsync(string regencyCode) =>
        Observations.ReadPartitionAsync(regencyCode, CancellationToken.None);

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

    /// <summary>
    /// Every entry of the append-only history as text, in key order, with each upload id replaced by its rank among
    /// the ids the entries name (u1 the oldest) and the times left out: two runs of the same uploads, one of them
    /// killed and recovered, compare equal entry by entry. Also checks what must hold inside one run: each entry's row
    /// key is its observation's and its upload's, and its write time is whole milliseconds.
    /// </summary>
    public async Task<List<string>> HistoryAsync()
    {
        var entries = new List<ObservationHistoryEntity>();
        await foreach (var e in Account.Table(StorageNames.Tables.ObservationHistory).QueryAsync<ObservationHistoryEntity>())
        {
            entries.Add(e);
        }

        var ids = entries.SelectMany(e => new[] { e.UploadId, e.PreviousUploadId }).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        string Label(string? id) => id is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"u{ids.IndexOf(id) + 1}");
        var rows = new List<string>();
        foreach (var e in entries)
        {
            if (e.RowKey != $"{e.Period}|{e.Indicator}|{e.UploadId}" || e.PartitionKey != e.Regency || e.ChangedAt.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
            {
                throw new InvalidOperationException($"History entry {e.PartitionKey}/{e.RowKey} is not keyed by its observation and upload.");
            }

            rows.Add(string.Join(';', e.Regency, e.Indicator, e.Period, e.Change, Format(e.PreviousValue), e.PreviousUnit, e.PreviousNote, Label(e.PreviousUploadId),
                Format(e.Value), e.Unit, e.Note, Label(e.UploadId), e.KeyId));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
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

    /// <summary>Takes every visible message off <paramref name="queue"/> (a <see cref="StorageNames.Queues"/> name),
    /// decoded as the queue trigger hands them to a function.</summary>
    public async Task<List<string>> DrainAsync(string queue)
    {
        var client = Account.Queue(queue);
        var bodies = new List<string>();
        while (true)
        {
            var messages = (await client.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                bodies.Add(message.Body.ToString());
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Account.DeleteAllAsync();
        await _services.DisposeAsync();
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
