using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Functions.Http;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

/// <summary>
/// The function classes over the real services and a fresh, uniquely named set of Azurite tables, containers and
/// queues with the sample registry loaded and API keys issued (an admin key, one key per regency); removed again on
/// dispose. Logs are kept in <see cref="Log"/>, and
/// <see cref="Configuration"/> is the app configuration the functions read (settable per test).
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly Dictionary<string, string> _keys;

    private TestApp(StorageAccount account, ServiceProvider services, TestLog log, ConfigurationManager configuration, string adminKey, Dictionary<string, string> keys)
    {
        Account = account;
        _services = services;
        Log = log;
        Configuration = configuration;
        AdminKey = adminKey;
        _keys = keys;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        // The worker hands every invocation the app's services; the access check finds its policy there.
        context.SetupGet(c => c.InstanceServices).Returns(services);
        Context = context.Object;
    }

    /// <summary>An admin API key of this app (plaintext, as shown once at creation).</summary>
    public string AdminKey { get; }

    public IServiceProvider Services => _services;

    public ApiKeyService Keys => _services.GetRequiredService<ApiKeyService>();

    public StorageAccount Account { get; }

    public UploadFunctions Functions => Create<UploadFunctions>();

    public ImportService Imports => _services.GetRequiredService<ImportService>();

    public ScoreService Scores => _services.GetRequiredService<ScoreService>();

    public IScoreStore ScoreStore => _services.GetRequiredService<IScoreStore>();

    public IObservationStore Observations => _services.GetRequiredService<IObservationStore>();

    public string InvocationId { get; } = "inv-" + Guid.NewGuid().ToString("N")[..12];

    public FunctionContext Context { get; }

    public TestLog Log { get; }

    public ConfigurationManager Configuration { get; }

    /// <param name="extraRegencies">Added to the sample registry (names a spreadsheet would run as formulas, say).</param>
    /// <param name="clock">The app's clock (a FakeTimeProvider to expire keys); the system clock by default.</param>
    public static async Task<TestApp> CreateAsync(Action<ImportSettings>? configure = null, IEnumerable<Regency>? extraRegencies = null, TimeProvider? clock = null)
    {
        var account = await Azurite.CreateAccountAsync();
        var log = new TestLog();
        var configuration = new ConfigurationManager();
        var services = new ServiceCollection()
            .AddSingleton(account)
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        services.Configure<ImportSettings>(s => configure?.Invoke(s));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        var provider = services.AddReadinessServices().BuildServiceProvider();
        Regency[] regencies = [.. Samples.Registry.Regencies, .. extraRegencies ?? []];
        await provider.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(new RegencyRegistry(regencies), CancellationToken.None);

        // An admin key and one key per regency, as the CLI issues them.
        var keys = provider.GetRequiredService<ApiKeyService>();
        var admin = keys.CreateAsync(Role.Admin, null, null, "test admin", CancellationToken.None);
        var perRegency = regencies.Select(async r => (r.Code, (await keys.CreateAsync(Role.Regency, r.Code, null, "test " + r.Code, CancellationToken.None)).Plaintext)).ToList();
        var regencyKeys = (await Task.WhenAll(perRegency)).ToDictionary(k => k.Code, k => k.Plaintext, StringComparer.Ordinal);
        return new TestApp(account, provider, log, configuration, (await admin).Plaintext, regencyKeys);
    }

    /// <summary>The API key of a regency of the registry (plaintext).</summary>
    public string KeyFor(string regencyCode) => _keys[regencyCode];

    /// <summary>Sends <paramref name="request"/> with the admin key (<c>Authorization: Bearer</c>).</summary>
    public HttpRequest AsAdmin(HttpRequest request) => request.WithBearer(AdminKey);

    /// <summary>Sends <paramref name="request"/> with the key of <paramref name="regencyCode"/> (<c>Authorization: Bearer</c>).</summary>
    public HttpRequest As(string regencyCode, HttpRequest request) => request.WithBearer(KeyFor(regencyCode));

    /// <summary>A function class as the worker creates it: constructor arguments from the app's services.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>The stored values of one regency, by row key (<c>{period}|{indicator}</c>).</summary>
    public Task<Dictionary<string, StoredValue>> StoredAsync(string regencyCode) =>
        Observations.ReadPartitionAsync(regencyCode, CancellationToken.None);

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
}

/// <summary>Log entries written through the app's loggers, for tests that check what operators would see.</summary>
internal sealed class TestLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
