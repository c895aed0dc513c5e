using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core.Access;
using Readiness.Core.Registry;
using Readiness.DevHost;
using Readiness.Storage;

namespace Readiness.TestSupport;

/// <summary>How a <see cref="LocalApiHost"/> starts.</summary>
public sealed record LocalApiHostOptions
{
    /// <summary>The Azurite to use; the test run's (<see cref="Azurite.ConnectionString"/>) by default.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Load the sample registry into the regencies table before the first request.</summary>
    public bool LoadSampleRegistry { get; init; } = true;

    /// <summary>Whether the queue functions run, so a background (202) upload completes.</summary>
    public bool RunQueues { get; init; } = true;

    /// <summary>host.json's settings; null reads the app's (<c>HostSettings.Load() with { … }</c> to shorten a retry delay).</summary>
    public HostSettings? Host { get; init; }

    /// <summary>Timer functions to run on their schedules, by name.</summary>
    public IReadOnlyList<string> Timers { get; init; } = [];

    /// <summary>App settings (<c>Readiness:MaxUploadBytes</c> = "1000", say).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Options and replacements after the app's registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The lowest level logged to the console (warnings by default, so test output stays readable).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}

/// <summary>
/// The app's functions served by the local host (devhost/) on a free loopback port, over Azurite, with a storage
/// prefix of its own: every HTTP test, the browser tests and the benchmark start the API this one way. The host
/// creates its tables, containers and queues on start-up, as the app does; <see cref="DisposeAsync"/> stops it and
/// deletes them. <see cref="Client"/> talks to <see cref="BaseAddress"/> without credentials; add a key per request
/// (<see cref="WithKey"/>) or use <see cref="ClientWithKey"/>.
/// </summary>
public sealed class LocalApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private LocalApiHost(WebApplication app, Uri baseAddress, string adminKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        AdminKey = adminKey;
        Client = NewClient();
    }

    /// <summary>The host's root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The app's services (the same instances the functions get).</summary>
    public IServiceProvider Services => _app.Services;

    public StorageAccount Account => Services.GetRequiredService<StorageAccount>();

    /// <summary>An admin API key (plaintext).</summary>
    public string AdminKey { get; }

    public static async Task<LocalApiHost> StartAsync(LocalApiHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalApiHostOptions();
        var app = LocalFunctionsHost.Build(new LocalHostOptions
        {
            Url = "http://127.0.0.1:0",
            StorageConnection = options.ConnectionString ?? Azurite.ConnectionString,
            StoragePrefix = "h" + Guid.NewGuid().ToString("N")[..10],
            RunQueues = options.RunQueues,
            Host = options.Host,
            Timers = options.Timers,
            Settings = options.Settings,
            ConfigureServices = options.ConfigureServices,
            ConfigureLogging = logging => logging.SetMinimumLevel(options.LogLevel),
        });
        try
        {
            await app.StartAsync(cancellationToken);
            if (options.LoadSampleRegistry)
            {
                await app.Services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(Samples.Registry, cancellationToken);
            }

            var admin = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Admin, null, null, "local host admin", cancellationToken);
            // The port Kestrel bound for :0, known once it listens.
            var address = app.Urls.First();
            return new LocalApiHost(app, new Uri(address.TrimEnd('/') + "/"), admin.Plaintext);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Issues a key for <paramref name="regencyCode"/> (null: another admin key), as the CLI does.</summary>
    public async Task<string> CreateKeyAsync(string? regencyCode)
    {
        var keys = Services.GetRequiredService<ApiKeyService>();
        var (_, plaintext) = await keys.CreateAsync(regencyCode is null ? Role.Admin : Role.Regency, regencyCode, null, "local host test key", CancellationToken.None);
        return plaintext;
    }

    /// <summary>Issues a key for province <paramref name="provinceCode"/> (its Walidata), as <c>keys create --province</c> does.</summary>
    public async Task<string> CreateProvinceKeyAsync(string provinceCode)
    {
        var keys = Services.GetRequiredService<ApiKeyService>();
        var (_, plaintext) = await keys.CreateAsync(Role.Province, null, null, "local host test key", CancellationToken.None, provinceCode);
        return plaintext;
    }

    /// <summary>Waits until every queue the host listens on is empty, in-flight messages included (a queue counts a
    /// message until its function finished and deleted it): what tests need before they read what background work
    /// writes, such as the ranks a score message's follow-up re-rank sets.</summary>
    public async Task WaitForQueuesEmptyAsync(TimeSpan? timeout = null)
    {
        var configuration = Services.GetRequiredService<IConfiguration>();
        var queues = Services.GetRequiredService<FunctionCatalog>().Queues
            .Select(q => Account.Queue(QueueFunctionRunner.Resolve(q.QueueName, configuration)))
            .ToList();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var counts = await Task.WhenAll(queues.Select(async q => (await q.GetPropertiesAsync()).Value.ApproximateMessagesCount));
            if (counts.All(c => c == 0))
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The host's queues still hold {counts.Sum()} message(s) after {timeout ?? TimeSpan.FromSeconds(60)}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client of the host that sends <paramref name="key"/> as <c>Authorization: Bearer</c>; disposed with the host.</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary><paramref name="request"/> with <paramref name="key"/> as <c>Authorization: Bearer</c>.</summary>
    public static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        var account = Account;
        await _app.StopAsync();
        await _app.DisposeAsync();
        await account.DeleteAllAsync();
    }

    private HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _clients.Add(client);
        return client;
    }
}
