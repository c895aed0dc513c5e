using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core.Ports;
using Readiness.DevHost;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>The local host's queue and timer triggers: a failing background upload ends in the poison queue's hands
/// after host.json's <c>maxDequeueCount</c>, and a selected timer runs on its schedule.</summary>
public class BackgroundTests
{
    private const string Valid = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2024,72.5
        """;

    [Fact]
    public async Task BackgroundUpload_ThatFailsEveryDelivery_IsMarkedFailedByThePoisonFunction_AfterMaxDequeueCount()
    {
        var unreadable = new UnreadableArchive();
        var settings = HostSettings.Load();
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            // host.json's delivery count, with a short retry delay and polling so the test does not wait minutes.
            Host = settings with { Queues = settings.Queues with { VisibilityTimeout = TimeSpan.FromMilliseconds(50), MaxPollingInterval = TimeSpan.FromMilliseconds(200) } },
            ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<IRawArchive>(sp => unreadable.Around(ActivatorUtilities.CreateInstance<BlobRawArchive>(sp)))),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.None,
        });
        using var officer = host.ClientWithKey(await host.CreateKeyAsync("13.07"));

        using var accepted = await officer.PostAsync("api/regencies/13.07/uploads?async=true", ApiHostFixture.Csv(Valid));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var upload = await PollAsync(officer, accepted.Headers.Location!, status => status == "Failed");

        Assert.Equal("Failed", upload.GetProperty("status").GetString());
        Assert.Contains("upload-requests-poison", upload.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Equal(settings.Queues.MaxDequeueCount, unreadable.Reads);
    }

    [Fact]
    public async Task SelectedTimer_RunsOnItsSchedule_FromItsAppSetting()
    {
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            RunQueues = false,
            Timers = ["ScoreTimer"],
            Settings = new Dictionary<string, string?> { ["ScoreSchedule"] = "*/1 * * * * *" },
        });
        using var officer = host.ClientWithKey(await host.CreateKeyAsync("13.07"));
        using var imported = await officer.PostAsync("api/regencies/13.07/uploads", ApiHostFixture.Csv(Valid));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // No queue runs: only the nightly timer, due every second here, can score the changed year.
        var count = 0;
        for (var attempt = 0; attempt < 100 && count == 0; attempt++)
        {
            await Task.Delay(100);
            using var scores = await officer.GetAsync("api/scores?year=2024");
            count = (await ApiHostFixture.JsonAsync(scores)).GetProperty("count").GetInt32();
        }

        Assert.Equal(1, count);
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, Uri location, Func<string?, bool> done)
    {
        JsonElement upload = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await client.GetAsync(location);
            upload = (await ApiHostFixture.JsonAsync(response)).GetProperty("upload");
            if (done(upload.GetProperty("status").GetString()))
            {
                break;
            }

            await Task.Delay(100);
        }

        return upload;
    }

    /// <summary>The real archive, except that reading an archived file back fails, as a broken blob would.</summary>
    private sealed class UnreadableArchive
    {
        private int _reads;

        public int Reads => _reads;

        public IRawArchive Around(IRawArchive inner) => new Archive(inner, this);

        private sealed class Archive(IRawArchive inner, UnreadableArchive counter) : IRawArchive
        {
            public Task<ArchivedFile> ArchiveAsync(string path, Stream content, long maxBytes, CancellationToken cancellationToken) =>
                inner.ArchiveAsync(path, content, maxBytes, cancellationToken);

            public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter._reads);
                throw new IOException("The archived file cannot be read (test).");
            }

            public Task WriteTextAsync(string path, string text, string contentType, CancellationToken cancellationToken) =>
                inner.WriteTextAsync(path, text, contentType, cancellationToken);

            public Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken) => inner.ReadTextAsync(path, cancellationToken);

            public Task<ArchivedFile?> DescribeAsync(string path, CancellationToken cancellationToken) => inner.DescribeAsync(path, cancellationToken);
        }
    }
}
