using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Health;
using Readiness.Functions.Http;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

/// <summary><c>GET health</c> over Azurite, and over storage that does not answer.</summary>
public class HealthFunctionsTests
{
    [Fact]
    public async Task Health_OverAzurite_Is200HealthyWithEveryQueueAndTheReferenceData()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<HealthFunctions>().GetHealth(Requests.Get(), CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        Assert.True(response.Json.GetProperty("storageReachable").GetBoolean());
        Assert.Equal(StorageNames.Queues.All, response.Json.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("name").GetString()));
        Assert.All(response.Json.GetProperty("queues").EnumerateArray(), q => Assert.Equal(0, q.GetProperty("messages").GetInt64()));
        Assert.Equal(0, response.Json.GetProperty("poisonMessages").GetInt64());
        var reference = response.Json.GetProperty("reference");
        Assert.True(reference.GetProperty("registryLoaded").GetBoolean());
        Assert.Equal(Samples.Registry.Count, reference.GetProperty("regencies").GetInt32());
        Assert.True(reference.GetProperty("catalogLoaded").GetBoolean());
        Assert.True(reference.GetProperty("indicators").GetInt32() > 0);
        Assert.Empty(response.Json.GetProperty("problems").EnumerateArray());
        AssertNamesNothingInternal(response.Json.GetRawText(), app.Account.Prefix);
    }

    [Fact]
    public async Task Health_WithAPoisonMessageAndAWaitingUpload_IsDegradedAndCountsThem()
    {
        await using var app = await TestApp.CreateAsync(services => services.Configure<HealthOptions>(o => o.HealthCacheSeconds = 0));
        await app.Account.Queue(StorageNames.Queues.Poison(StorageNames.Queues.Uploads)).SendMessageAsync("""{"regencyCode":"13.07","uploadId":"x"}""");
        await app.Account.Queue(StorageNames.Queues.Uploads).SendMessageAsync("""{"regencyCode":"13.07","uploadId":"y"}""");

        var response = Response.Of(await app.Create<HealthFunctions>().GetHealth(Requests.Get(), CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("degraded", response.Json.GetProperty("status").GetString());
        Assert.Equal(1, response.Json.GetProperty("poisonMessages").GetInt64());
        var uploads = response.Json.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == StorageNames.Queues.Uploads);
        Assert.Equal(1, uploads.GetProperty("messages").GetInt64());
        Assert.True(uploads.GetProperty("oldestMessageAgeSeconds").GetDouble() >= 0);
        Assert.Contains("poison", Assert.Single(response.Json.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WithinTheCachePeriod_AnswersTheSameCheck()
    {
        await using var app = await TestApp.CreateAsync(services => services.Configure<HealthOptions>(o => o.HealthCacheSeconds = 300));
        var functions = app.Create<HealthFunctions>();

        var first = Response.Of(await functions.GetHealth(Requests.Get(), CancellationToken.None));
        await app.Account.Queue(StorageNames.Queues.Poison(StorageNames.Queues.Scores)).SendMessageAsync("""{"years":[2024]}""");
        var second = Response.Of(await functions.GetHealth(Requests.Get(), CancellationToken.None));

        Assert.Equal(first.Json.GetRawText(), second.Json.GetRawText());
        Assert.Equal("healthy", second.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_WithAnEmptyRegistry_Is503AndSaysHowToLoadIt()
    {
        await using var app = await TestApp.CreateAsync();
        var probe = app.Services.GetRequiredService<Core.Ports.IStorageProbe>();
        var empty = new Core.Ports.FixedReferenceData(new Core.Ports.ReferenceData(Core.Catalog.CatalogFile.Default, new Core.Registry.RegencyRegistry([])));
        var health = new HealthService(probe, empty, Options.Create(new HealthOptions()), TimeProvider.System, NullLogger<HealthService>.Instance);

        var response = Response.Of(await new HealthFunctions(health).GetHealth(Requests.Get(), CancellationToken.None));

        Assert.Equal(503, response.Status);
        Assert.Equal("unhealthy", response.Json.GetProperty("status").GetString());
        Assert.False(response.Json.GetProperty("reference").GetProperty("registryLoaded").GetBoolean());
        Assert.Contains("registry import", Assert.Single(response.Json.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WhenStorageDoesNotAnswer_Is503WithinTheTimeoutAndNamesNoEndpoint()
    {
        var port = ClosedPort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteDevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var account = StorageAccount.Open(connection);
        var health = new HealthService(new StorageProbe(account, TimeProvider.System), new TableReferenceData(account, TimeProvider.System),
            Options.Create(new HealthOptions { HealthTimeoutSeconds = 1 }), TimeProvider.System, NullLogger<HealthService>.Instance);

        var response = Response.Of(await new HealthFunctions(health).GetHealth(Requests.Get(), CancellationToken.None));

        Assert.Equal(503, response.Status);
        Assert.Equal("unhealthy", response.Json.GetProperty("status").GetString());
        Assert.False(response.Json.GetProperty("storageReachable").GetBoolean());
        Assert.Contains("Storage did not answer", Assert.Single(response.Json.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Json.GetRawText(), StringComparison.Ordinal);
        AssertNamesNothingInternal(response.Json.GetRawText(), prefix: null);
    }

    /// <summary>Azurite's well-known development key (public by design).</summary>
    private const string AzuriteDevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static void AssertNamesNothingInternal(string body, string? prefix)
    {
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AzuriteDevelopmentKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(prefix))
        {
            Assert.DoesNotContain(prefix, body, StringComparison.Ordinal);
        }
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
