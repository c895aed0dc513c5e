using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Readiness.Core;
using Readiness.Development;
using Readiness.Functions.Http;
using Readiness.Functions.OpenApi;
using Readiness.Functions.Portal;
using Readiness.Functions.Queues;
using Readiness.Functions.Timers;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Functions SDK generates at build time is what the host indexes: these tests read
/// the built file (copied next to this assembly from the functions project's output) and check every function's
/// trigger, route, methods and authorization level, queue or schedule. Add a row to <see cref="Expected"/> with each
/// new function. The host's side of the triggers (host.json, the app settings a <c>%Setting%</c> names) is checked too.
/// </summary>
public class FunctionMetadataTests
{
    public sealed record ExpectedFunction(string Name, string Trigger, string? Route = null, string[]? Methods = null, string? AuthLevel = null, string? Queue = null, string? Schedule = null);

    private static readonly ExpectedFunction[] ExpectedFunctions =
    [
        // Every HTTP trigger is Anonymous at the host: the app authorizes each request itself (Http/ApiAccess).
        new(nameof(UploadFunctions.PostUpload), "httpTrigger", "regencies/{code}/uploads", ["post"], "Anonymous"),
        new(nameof(UploadFunctions.GetUpload), "httpTrigger", "regencies/{code}/uploads/{id}", ["get"], "Anonymous"),
        new(nameof(UploadFunctions.ListUploads), "httpTrigger", "regencies/{code}/uploads", ["get"], "Anonymous"),
        new(nameof(UploadFunctions.ReplayUpload), "httpTrigger", "regencies/{code}/uploads/{id}/replay", ["post"], "Anonymous"),
        new(nameof(ScoreFunctions.GetScores), "httpTrigger", "scores", ["get"], "Anonymous"),
        new(nameof(ScoreFunctions.GetRegencyScores), "httpTrigger", "regencies/{code}/scores", ["get"], "Anonymous"),
        new(nameof(ScoreFunctions.ExplainScore), "httpTrigger", "regencies/{code}/scores/{year}/explain", ["get"], "Anonymous"),
        new(nameof(ScoreFunctions.RecomputeScores), "httpTrigger", "scores/recompute", ["post"], "Anonymous"),
        new(nameof(CatalogFunctions.GetIndicators), "httpTrigger", "indicators", ["get"], "Anonymous"),
        new(nameof(CatalogFunctions.GetTemplate), "httpTrigger", "template", ["get"], "Anonymous"),
        new(nameof(CatalogFunctions.PutCatalog), "httpTrigger", "catalog", ["put"], "Anonymous"),
        new(nameof(RegistryFunctions.PutRegistry), "httpTrigger", "registry", ["put"], "Anonymous"),
        new(nameof(CompletenessFunctions.GetCompleteness), "httpTrigger", "completeness", ["get"], "Anonymous"),
        new(nameof(MeFunctions.GetMe), "httpTrigger", "me", ["get"], "Anonymous"),
        new(nameof(RecentUploadsFunctions.ListRecentUploads), "httpTrigger", "uploads", ["get"], "Anonymous"),
        new(nameof(PortalFunctions.GetPortal), "httpTrigger", "portal/{*path}", ["get"], "Anonymous"),
        new(nameof(QualityFunctions.GetQuality), "httpTrigger", "quality", ["get"], "Anonymous"),
        new(nameof(ReviewFunctions.GetReview), "httpTrigger", "regencies/{code}/years/{year}/review", ["get"], "Anonymous"),
        new(nameof(ReviewFunctions.PostReview), "httpTrigger", "regencies/{code}/years/{year}/review", ["post"], "Anonymous"),
        new(nameof(ReviewFunctions.ListReviews), "httpTrigger", "review", ["get"], "Anonymous"),
        new(nameof(HealthFunctions.GetHealth), "httpTrigger", "health", ["get"], "Anonymous"),
        new(nameof(OpenApiFunctions.GetOpenApi), "httpTrigger", "openapi.json", ["get"], "Anonymous"),
        new(nameof(HistoryFunctions.GetHistory), "httpTrigger", "regencies/{code}/history", ["get"], "Anonymous"),
        new(nameof(SourceFunctions.ListSources), "httpTrigger", "sources", ["get"], "Anonymous"),
        new(nameof(SourceFunctions.PutSource), "httpTrigger", "regencies/{code}/sources/{id}", ["put"], "Anonymous"),
        new(nameof(SourceFunctions.DeleteSource), "httpTrigger", "regencies/{code}/sources/{id}", ["delete"], "Anonymous"),
        new(nameof(UploadQueueFunctions.ProcessUpload), "queueTrigger", Queue: "upload-requests"),
        new(nameof(UploadQueueFunctions.UploadPoison), "queueTrigger", Queue: "upload-requests-poison"),
        new(nameof(ScoreQueueFunctions.ProcessScoreRequest), "queueTrigger", Queue: "score-requests"),
        new(nameof(ScoreQueueFunctions.ScorePoison), "queueTrigger", Queue: "score-requests-poison"),
        new(nameof(InboxTimer), "timerTrigger", Schedule: "%InboxSchedule%"),
        new(nameof(ScoreTimer), "timerTrigger", Schedule: "%ScoreSchedule%"),
        new(nameof(SourcesTimer), "timerTrigger", Schedule: "%SourcesSchedule%"),
        new(nameof(UploadRecoveryTimer), "timerTrigger", Schedule: UploadRecoveryTimer.Schedule),
    ];

    public static TheoryData<string> Expected => [.. ExpectedFunctions.Select(f => f.Name)];

    private static readonly Lazy<JsonElement[]> Declared = new(Load);

    [Fact]
    public void Metadata_DeclaresExactlyTheExpectedFunctions()
    {
        Assert.Equal(
            ExpectedFunctions.Select(f => f.Name).Order(StringComparer.Ordinal),
            Declared.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Function_HasTheExpectedTrigger(string name)
    {
        var expected = ExpectedFunctions.Single(f => f.Name == name);
        var function = Declared.Value.Single(f => f.GetProperty("name").GetString() == name);

        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        Assert.Equal("Readiness.Functions.dll", function.GetProperty("scriptFile").GetString());
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.Equal(expected.Trigger, trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        if (expected.Trigger == "httpTrigger")
        {
            Assert.Equal(expected.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(expected.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
            Assert.Equal(expected.AuthLevel, trigger.GetProperty("authLevel").GetString());
            Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
        }
        else if (expected.Trigger == "queueTrigger")
        {
            Assert.Equal(expected.Queue, trigger.GetProperty("queueName").GetString());
            // No connection named: the host's own AzureWebJobsStorage, the account the app writes its queues to.
            Assert.True(!trigger.TryGetProperty("connection", out var connection) || string.IsNullOrEmpty(connection.GetString()));
            Assert.Equal("String", trigger.GetProperty("dataType").GetString());
        }
        else
        {
            Assert.Equal("timerTrigger", expected.Trigger);
            Assert.Equal(expected.Schedule, trigger.GetProperty("schedule").GetString());
            // Never on start-up: every deployment or scale-out would run the nightly recompute.
            Assert.False(trigger.TryGetProperty("runOnStartup", out var onStartup) && onStartup.ValueKind == JsonValueKind.True);
        }
    }

    [Fact]
    public void QueueTriggers_ListenOnTheQueuesTheAppWritesAndTheirPoisonQueues()
    {
        var queues = ExpectedFunctions.Where(f => f.Queue is not null).Select(f => f.Queue!).Order(StringComparer.Ordinal);

        Assert.Equal(StorageNames.Queues.All.Order(StringComparer.Ordinal), queues);
        Assert.Equal(UploadQueueFunctions.PoisonQueue, StorageNames.Queues.Poison(StorageNames.Queues.Uploads));
        Assert.Equal(ScoreQueueFunctions.PoisonQueue, StorageNames.Queues.Poison(StorageNames.Queues.Scores));
    }

    /// <summary>A <c>%Setting%</c> that resolves to nothing stops the host indexing the function: every one a trigger
    /// names is set locally (local.settings.sample.json) and in Azure (the Bicep app settings), with the same default.</summary>
    [Fact]
    public void EverySettingATriggerNames_IsSetLocallyAndInAzure()
    {
        var sample = LoadJson(Path.Combine(RepositoryRoot.OfThisBuild, "local.settings.sample.json")).GetProperty("Values");
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "infra", "modules", "function-app.bicep"));
        var main = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "infra", "main.bicep"));
        var settings = Declared.Value
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .SelectMany(b => b.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!))
            .Where(v => v.Length > 2 && v.StartsWith('%') && v.EndsWith('%'))
            .Select(v => v[1..^1])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal([InboxTimer.ScheduleSetting, ScoreTimer.ScheduleSetting, SourcesTimer.ScheduleSetting], settings);
        Assert.All(settings, s => Assert.Contains($"name: '{s}'", bicep, StringComparison.Ordinal));
        Assert.Equal(InboxTimer.DefaultSchedule, sample.GetProperty(InboxTimer.ScheduleSetting).GetString());
        Assert.Equal(ScoreTimer.DefaultSchedule, sample.GetProperty(ScoreTimer.ScheduleSetting).GetString());
        Assert.Contains($"param inboxSchedule string = '{InboxTimer.DefaultSchedule}'", main, StringComparison.Ordinal);
        Assert.Contains($"param scoreSchedule string = '{ScoreTimer.DefaultSchedule}'", main, StringComparison.Ordinal);
        Assert.Equal(SourcesTimer.DefaultSchedule, sample.GetProperty(SourcesTimer.ScheduleSetting).GetString());
        Assert.Contains($"param sourcesSchedule string = '{SourcesTimer.DefaultSchedule}'", main, StringComparison.Ordinal);
        Assert.Equal("false", sample.GetProperty(ScoreTimer.RecomputeAllSetting.Replace(":", "__", StringComparison.Ordinal)).GetString());
    }

    [Fact]
    public void HostJson_SetsTheQueueOptionsTheFunctionsRelyOn()
    {
        var host = LoadJson(Path.Combine(RepositoryRoot.OfThisBuild, "host.json"));
        var queues = host.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.Equal(QueueDelivery.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        // Our QueueClient base64-encodes (StorageAccount), as the trigger expects.
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.InRange(queues.GetProperty("batchSize").GetInt32(), 1, 32);
        Assert.InRange(queues.GetProperty("newBatchThreshold").GetInt32(), 0, queues.GetProperty("batchSize").GetInt32());
        var visibility = TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var polling = TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var timeout = TimeSpan.Parse(host.GetProperty("functionTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(visibility, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.InRange(polling, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        // Rank-only score requests are delayed so a burst coalesces; polling must not add much to that delay.
        Assert.True(polling <= Readiness.Storage.QueueScoreRequests.RankDelay, "maxPollingInterval should not exceed the rank delay");
        // Long enough for a full recompute or a 20 MB background import; HTTP answers are capped at 230 s regardless.
        Assert.InRange(timeout, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        Assert.True(host.GetProperty("logging").TryGetProperty("applicationInsights", out _));
    }

    [Fact]
    public void HostJson_IsCopiedNextToTheApp()
    {
        var built = LoadJson(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal(QueueDelivery.MaxDequeueCount, built.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void EntryPoint_IsTheMethodCarryingTheFunctionAttribute(string name)
    {
        var function = Declared.Value.Single(f => f.GetProperty("name").GetString() == name);
        var entryPoint = function.GetProperty("entryPoint").GetString()!;
        var split = entryPoint.LastIndexOf('.');

        var type = typeof(UploadFunctions).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
        var method = Assert.Single(type.GetMethods(), m => m.Name == entryPoint[(split + 1)..]);

        Assert.Equal(name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
    }

    [Fact]
    public void Routes_AreUniquePerMethod()
    {
        var pairs = ExpectedFunctions.Where(f => f.Route is not null).SelectMany(f => f.Methods!.Select(m => (m, f.Route))).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    /// <summary>The HTTP functions the host will index, from the built <c>functions.metadata</c>: the list the
    /// authorization matrix must cover.</summary>
    internal static IReadOnlyList<string> DeclaredHttpFunctions() =>
    [
        .. Declared.Value
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal),
    ];

    private static JsonElement LoadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata was not copied next to the test assembly ({path}); build the functions project.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
