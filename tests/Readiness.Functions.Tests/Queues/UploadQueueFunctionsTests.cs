using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Moq;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Functions.Queues;
using Readiness.Functions.Tests.Http;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Queues;

public class UploadQueueFunctionsTests
{
    private const string File = "indicator_code,period,value\nGOV-01,2024,87.5\nGOV-03,2024Q1,40\n";

    /// <summary>An upload accepted for background processing, and the queue message the trigger would receive.</summary>
    private static async Task<(ImportResult Accepted, string Message)> QueuedAsync(TestApp app, string csv = File)
    {
        var accepted = await app.Imports.ImportAsync(new ImportRequest { Regency = Samples.RegencyOf("13.07"), Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        Assert.Equal(UploadStatus.Queued, accepted.Upload.Status);
        return (accepted, Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads)));
    }

    private static async Task<UploadRecord> UploadAsync(TestApp app, ImportResult accepted) =>
        (await app.Imports.GetAsync(accepted.Upload.RegencyCode, accepted.Upload.UploadId, CancellationToken.None))!.Value.Upload;

    [Fact]
    public async Task ProcessUpload_ValidMessage_StoresTheValuesAndAsksForScores()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);

        await app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None);

        var upload = await UploadAsync(app, accepted);
        Assert.Equal((UploadStatus.Completed, 2, 1), (upload.Status, upload.Imported, upload.Attempts));
        Assert.Equal(["2024Q1|GOV-03", "2024|GOV-01"], (await app.StoredAsync("13.07")).Keys.Order(StringComparer.Ordinal));
        var request = ScoreRequestMessage.TryParse(Assert.Single(await app.DrainAsync(StorageNames.Queues.Scores)));
        Assert.Equal([2024], request!.Years);
        Assert.Equal(["13.07"], request.Regencies);
    }

    [Fact]
    public async Task ProcessUpload_RedeliveredMessage_EndsInTheSameStateCountingNothingTwice()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);
        var functions = app.Create<UploadQueueFunctions>();

        await functions.ProcessUpload(message, app.Context, CancellationToken.None);
        var first = await UploadAsync(app, accepted);
        await functions.ProcessUpload(message, app.Context, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(await UploadAsync(app, accepted)));
        Assert.Equal(2, (await app.StoredAsync("13.07")).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"regencyCode":"13.07"}""")]
    [InlineData("""{"regencyCode":"13.07","uploadId":"../../etc"}""")]
    [InlineData("""{"regencyCode":"13/07","uploadId":"20240101T000000000-deadbeef"}""")]
    public async Task ProcessUpload_MalformedMessage_IsLoggedAndDroppedWithoutException(string message)
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, _) = await QueuedAsync(app);

        await app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None);

        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("not an upload message", StringComparison.Ordinal));
        Assert.Equal(UploadStatus.Queued, (await UploadAsync(app, accepted)).Status);
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task ProcessUpload_UnknownUpload_IsDroppedWithAWarning()
    {
        await using var app = await TestApp.CreateAsync();
        var message = UploadRequestMessage.Serialize(new UploadWork("13.07", "20240101T000000000-deadbeef"));

        await app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None);

        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("20240101T000000000-deadbeef", StringComparison.Ordinal));
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task ProcessUpload_StorageFailure_PropagatesSoTheHostRetriesAndLeavesTheUploadUnfinished()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);
        await app.Account.Container(StorageNames.Containers.Uploads).DeleteAsync(); // the archived bytes are gone

        await Assert.ThrowsAnyAsync<Exception>(() => app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None));

        var upload = await UploadAsync(app, accepted);
        Assert.False(upload.IsFinal);
        Assert.Equal(1, upload.Attempts);
        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Error && e.Exception is not null && e.Message.Contains(accepted.Upload.UploadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessUpload_Failure_IsLoggedWithTheDeliveryTheTriggerReports()
    {
        await using var app = await TestApp.CreateAsync();
        var (_, message) = await QueuedAsync(app);
        await app.Account.Container(StorageNames.Containers.Uploads).DeleteAsync();
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(new Dictionary<string, object?> { ["DequeueCount"] = "3" });
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns("inv-3");
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);

        await Assert.ThrowsAnyAsync<Exception>(() => app.Create<UploadQueueFunctions>().ProcessUpload(message, context.Object, CancellationToken.None));

        Assert.Equal(3, QueueDelivery.DequeueCount(context.Object));
        Assert.Null(QueueDelivery.DequeueCount(app.Context));
        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("inv-3", StringComparison.Ordinal) && e.Message.Contains("delivery 3 of 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadPoison_MarksTheUploadFailedNamingTheDeliveriesAndAttempts()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);
        await app.Account.Container(StorageNames.Containers.Uploads).DeleteAsync();
        var functions = app.Create<UploadQueueFunctions>();
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => functions.ProcessUpload(message, app.Context, CancellationToken.None));
        }

        await functions.UploadPoison(message, app.Context, CancellationToken.None);

        var upload = await UploadAsync(app, accepted);
        Assert.Equal(UploadStatus.Failed, upload.Status);
        Assert.NotNull(upload.CompletedAt);
        // The poison reason, then the error of the last attempt (ImportService.MarkFailedAsync appends it).
        Assert.StartsWith(UploadQueueFunctions.Reason(new UploadWork("13.07", accepted.Upload.UploadId), 2) + " Last error: attempt 2: ", upload.Failure, StringComparison.Ordinal);
        Assert.Contains("delivered 5 times", upload.Failure, StringComparison.Ordinal);
        Assert.Contains("upload-requests-poison", upload.Failure, StringComparison.Ordinal);
        Assert.Contains("2 processing attempt(s)", upload.Failure, StringComparison.Ordinal);
        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains(accepted.Upload.UploadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadPoison_ThenReplay_CompletesTheUpload()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);
        var functions = app.Create<UploadQueueFunctions>();
        await functions.UploadPoison(message, app.Context, CancellationToken.None);
        Assert.Equal(UploadStatus.Failed, (await UploadAsync(app, accepted)).Status);

        var replayed = await app.Imports.ReplayAsync(new UploadWork("13.07", accepted.Upload.UploadId), CancellationToken.None);
        var again = Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads));
        await functions.ProcessUpload(again, app.Context, CancellationToken.None);

        // The upload's own message says nothing of replays; the replay's says it is one (the metrics' source "replay").
        Assert.DoesNotContain("replay", message, StringComparison.Ordinal);
        Assert.Contains("\"replay\":true", again, StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Queued, replayed!.Status);
        Assert.Equal(UploadStatus.Completed, (await UploadAsync(app, accepted)).Status);
        Assert.Equal(2, (await app.StoredAsync("13.07")).Count);
    }

    [Fact]
    public async Task UploadPoison_OfAnUploadThatFinishedAfterAll_LeavesItAsItIs()
    {
        await using var app = await TestApp.CreateAsync();
        var (accepted, message) = await QueuedAsync(app);
        var functions = app.Create<UploadQueueFunctions>();
        await functions.ProcessUpload(message, app.Context, CancellationToken.None);

        await functions.UploadPoison(message, app.Context, CancellationToken.None);

        var upload = await UploadAsync(app, accepted);
        Assert.Equal((UploadStatus.Completed, null), (upload.Status, upload.Failure));
        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("already final", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("""{"regencyCode":"13.07","uploadId":"20240101T000000000-deadbeef"}""")]
    public async Task UploadPoison_MalformedOrUnknown_IsLoggedAndDropped(string message)
    {
        await using var app = await TestApp.CreateAsync();

        await app.Create<UploadQueueFunctions>().UploadPoison(message, app.Context, CancellationToken.None);

        Assert.Contains(app.Log.Entries, e => e.Level >= LogLevel.Error && e.Category.EndsWith(nameof(UploadQueueFunctions), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageLongerThanTheLogLimit_IsCutInTheLog()
    {
        await using var app = await TestApp.CreateAsync();

        await app.Create<UploadQueueFunctions>().ProcessUpload(new string('x', 50_000), app.Context, CancellationToken.None);

        var entry = Assert.Single(app.Log.Entries, e => e.Level == LogLevel.Error);
        Assert.InRange(entry.Message.Length, QueueDelivery.LoggedMessageLength, QueueDelivery.LoggedMessageLength + 200);
    }
}
