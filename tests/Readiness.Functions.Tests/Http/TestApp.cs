using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
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
/// The function classes over the app over Azurite (<see cref="AzuritePipeline"/>: the real services and a fresh,
/// uniquely named set of tables, containers and queues with the sample registry loaded, removed again on dispose), with
/// API keys issued (an admin key, one key per regency) and the function context the worker hands a function.
/// Logs are kept in <see cref="Log"/>.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly AzuritePipeline _app;

    private readonly Dictionary<string, string> _keys;

    private TestApp(AzuritePipeline app, TestLog log, string adminKey, Dictionary<string, string> keys)
    {
        _app = app;
        Log = log;
        AdminKey = adminKey;
        _keys = keys;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        // The worker hands every invocation the app's services; the access check finds its policy there.
        context.SetupGet(c => c.InstanceServices).Returns(app.Services);
        Context = context.Object;
    }

    /// <summary>An admin API key of this app (plaintext, as shown once at creation).</summary>
    public string AdminKey { get; }

    public IServiceProvider Services => _app.Services;

    public ApiKeyService Keys => Services.GetRequiredService<ApiKeyService>();

    public StorageAccount Account => _app.Account;

    public UploadFunctions Functions => Create<UploadFunctions>();

    public ImportService Imports => _app.Imports;

    public ScoreService Scores => _app.Scores;

    public IScoreStore ScoreStore => _app.ScoreStore;

    public IObservationStore Observations => _app.Observations;

    public string InvocationId { get; } = "inv-" + Guid.NewGuid().ToString("N")[..12];

    public FunctionContext Context { get; }

    public TestLog Log { get; }

    /// <param name="services">Options and replacements, after the app's registrations (see <see cref="AzuritePipeline.CreateAsync"/>).</param>
    /// <param name="extraRegencies">Added to the sample registry (names a spreadsheet would run as formulas, say).</param>
    /// <param name="clock">The app's clock (a FakeTimeProvider to expire keys); the system clock by default.</param>
    public static async Task<TestApp> CreateAsync(Action<IServiceCollection>? services = null, IEnumerable<Regency>? extraRegencies = null, TimeProvider? clock = null)
    {
        var log = new TestLog();
        Regency[] regencies = [.. Samples.Registry.Regencies, .. extraRegencies ?? []];
        var app = await AzuritePipeline.CreateAsync(
            collection =>
            {
                collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
                services?.Invoke(collection);
            },
            clock,
            regencies);

        // An admin key and one key per regency, as the CLI issues them.
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var admin = keys.CreateAsync(Role.Admin, null, null, "test admin", CancellationToken.None);
        var perRegency = regencies.Select(async r => (r.Code, (await keys.CreateAsync(Role.Regency, r.Code, null, "test " + r.Code, CancellationToken.None)).Plaintext)).ToList();
        var regencyKeys = (await Task.WhenAll(perRegency)).ToDictionary(k => k.Code, k => k.Plaintext, StringComparer.Ordinal);
        return new TestApp(app, log, (await admin).Plaintext, regencyKeys);
    }

    /// <summary>The API key of a regency of the registry (plaintext).</summary>
    public string KeyFor(string regencyCode) => _keys[regencyCode];

    /// <summary>Sends <paramref name="request"/> with the admin key (<c>Authorization: Bearer</c>).</summary>
    public HttpRequest AsAdmin(HttpRequest request) => request.WithBearer(AdminKey);

    /// <summary>Sends <paramref name="request"/> with the key of <paramref name="regencyCode"/> (<c>Authorization: Bearer</c>).</summary>
    public HttpRequest As(string regencyCode, HttpRequest request) => request.WithBearer(KeyFor(regencyCode));

    /// <summary>A function class as the worker creates it: constructor arguments from the app's services.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <inheritdoc cref="AzuritePipeline.StoredAsync(string)"/>
    public Task<Dictionary<string, StoredValue>> StoredAsync(string regencyCode) => _app.StoredAsync(regencyCode);

    /// <inheritdoc cref="AzuritePipeline.DrainAsync"/>
    public Task<List<string>> DrainAsync(string queue) => _app.DrainAsync(queue);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
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
