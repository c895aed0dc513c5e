using System.Text;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Functions.Queues;
using Readiness.Functions.Tests.Http;
using Readiness.Storage;

namespace Readiness.Functions.Tests.Queues;

public class ScoreQueueFunctionsTests
{
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2024,100
        13.71,GOV-01,2024,60
        """;

    [Fact]
    public async Task ProcessScoreRequest_FromAnUpload_ScoresItsRegenciesThenARankOnlyRequestRanksTheYear()
    {
        await using var app = await TestApp.CreateAsync();
        var imported = await app.Imports.ImportAsync(new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(Data)), CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, imported.Upload.Status);
        var message = Assert.Single(await app.DrainAsync(StorageNames.Queues.Scores));
        var functions = app.Create<ScoreQueueFunctions>();

        await functions.ProcessScoreRequest(message, app.Context, CancellationToken.None);

        var scored = await app.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal(["13.07", "13.71"], scored.Select(s => s.RegencyCode).Order(StringComparer.Ordinal));
        Assert.All(scored, s => Assert.Null(s.NationalRank)); // ranked by the delayed rank-only request
        var queue = (await app.Account.Queue(StorageNames.Queues.Scores).GetPropertiesAsync()).Value;
        Assert.Equal(1, queue.ApproximateMessagesCount);

        await functions.ProcessScoreRequest(ScoreRequestMessage.Serialize(new ScoreRequest([2024], [], "test", RankOnly: true)), app.Context, CancellationToken.None);

        var ranked = await app.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal([("13.07", 1), ("13.71", 2)], ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value)));
        Assert.Empty(await app.Scores.DueYearsAsync(all: false, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024")]
    [InlineData("{}")]
    [InlineData("""{"years":"2024"}""")]
    public async Task ProcessScoreRequest_MalformedMessage_IsLoggedAndDroppedWithoutException(string message)
    {
        await using var app = await TestApp.CreateAsync();

        await app.Create<ScoreQueueFunctions>().ProcessScoreRequest(message, app.Context, CancellationToken.None);

        Assert.Contains(app.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("not a score request", StringComparison.Ordinal));
        Assert.Empty(await app.Scores.YearAsync(2024, null, CancellationToken.None));
    }

    [Fact]
    public async Task ScorePoison_LogsTheWholeRequestAtCriticalLevel()
    {
        await using var app = await TestApp.CreateAsync();
        var message = ScoreRequestMessage.Serialize(new ScoreRequest([2023, 2024], ["13.07"], "upload 20240101T000000000-deadbeef"));

        await app.Create<ScoreQueueFunctions>().ScorePoison(message, app.Context);

        var entry = Assert.Single(app.Log.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("score-requests-poison", entry.Message, StringComparison.Ordinal);
        Assert.Contains("2023,2024", entry.Message, StringComparison.Ordinal);
        Assert.Contains(message, entry.Message, StringComparison.Ordinal);
        Assert.Contains(app.InvocationId, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorePoison_UnreadableMessage_IsStillLoggedLoudly()
    {
        await using var app = await TestApp.CreateAsync();

        await app.Create<ScoreQueueFunctions>().ScorePoison("garbage", app.Context);

        var entry = Assert.Single(app.Log.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("(unreadable)", entry.Message, StringComparison.Ordinal);
        Assert.Contains("garbage", entry.Message, StringComparison.Ordinal);
    }
}
