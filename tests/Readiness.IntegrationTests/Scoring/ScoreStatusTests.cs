using System.IO.Compression;
using Azure.Data.Tables;
using Parquet;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ports;
using Readiness.Core.Review;
using Readiness.Core.Scoring;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Scoring;

/// <summary>A score is final when its regency-year is approved, provisional otherwise: the review's approve and reopen
/// ask for the regency's rescore, and the stored row, the exports and the Power BI facts follow.</summary>
public class ScoreStatusTests
{
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2024,100
        13.71,GOV-01,2024,60
        32.71,GOV-01,2024,40
        """;

    private static readonly Caller Regency = new(Role.Regency, "13.07", "key:regency1307");
    private static readonly Caller Province = new(Role.Province, null, "key:province13", "13");
    private static readonly Caller Admin = new(Role.Admin, null, "key:admin");

    private static async Task<AzuritePipeline> ScoredAsync()
    {
        var pipeline = await AzuritePipeline.CreateAsync();
        Assert.True((await pipeline.ImportAsync(Data)).Report.Valid);
        await pipeline.Scores.RecomputeAsync([2024], CancellationToken.None);
        await pipeline.DrainAsync(StorageNames.Queues.Scores);
        return pipeline;
    }

    private static async Task TakeAsync(AzuritePipeline pipeline, Caller caller, ReviewAction action, string? comment = null)
    {
        var outcome = await pipeline.Reviews.TakeAsync(new ReviewCommand(caller, "13.07", 2024, action, comment), CancellationToken.None);
        Assert.True(outcome.Done, outcome.Message);
    }

    /// <summary>Every score request on the queue, handled as the queue function would (the delayed re-rank included).</summary>
    private static async Task<List<ScoreRequest>> HandleQueueAsync(AzuritePipeline pipeline)
    {
        var requests = (await pipeline.DrainAsync(StorageNames.Queues.Scores)).Select(body => ScoreRequestMessage.TryParse(body)!).ToList();
        foreach (var request in requests)
        {
            await pipeline.Scores.HandleAsync(request, CancellationToken.None);
        }

        // The re-rank the regency path asks for is invisible for a few seconds: run it as the queue will.
        await pipeline.Scores.HandleAsync(new ScoreRequest([2024], [], "re-rank", RankOnly: true), CancellationToken.None);
        return requests;
    }

    /// <summary>The Status property of every stored row, read as the table connector sees it (no typed entity).</summary>
    private static async Task<Dictionary<string, object?>> StoredStatusAsync(AzuritePipeline pipeline)
    {
        var rows = new Dictionary<string, object?>(StringComparer.Ordinal);
        await foreach (var e in pipeline.Account.Table(StorageNames.Tables.Scores).QueryAsync<TableEntity>(e => e.PartitionKey == "2024"))
        {
            rows[e.RowKey] = e.TryGetValue("Status", out var status) ? status : null;
        }

        return rows;
    }

    [Fact]
    public async Task ScoresOfAYearNeverReviewed_AreProvisional_AndTheColumnIsWrittenOnEveryRow()
    {
        await using var pipeline = await ScoredAsync();

        Assert.Equal(
            new Dictionary<string, object?> { ["13.07"] = "provisional", ["13.71"] = "provisional", ["32.71"] = "provisional" },
            await StoredStatusAsync(pipeline));
        Assert.All(await pipeline.Scores.YearAsync(2024, null, CancellationToken.None), s => Assert.Equal(ScoreStatus.Provisional, s.Status));
    }

    [Fact]
    public async Task Approve_MakesTheStoredScoreFinal_AndReopen_MakesItProvisionalAgain_WithoutAFullRecompute()
    {
        await using var pipeline = await ScoredAsync();
        await TakeAsync(pipeline, Regency, ReviewAction.Submit, "lengkap");
        await TakeAsync(pipeline, Province, ReviewAction.Verify);
        // Submitting and verifying leave the score provisional: nothing to rescore.
        Assert.Empty(await pipeline.ScoreRequestsAsync());

        await TakeAsync(pipeline, Admin, ReviewAction.Approve);
        var approved = await HandleQueueAsync(pipeline);

        var request = Assert.Single(approved);
        Assert.Equal([2024], request.Years);
        Assert.Equal(["13.07"], request.Regencies);
        Assert.Equal("review approve 13.07 2024", request.Reason);
        Assert.Equal(
            new Dictionary<string, object?> { ["13.07"] = "final", ["13.71"] = "provisional", ["32.71"] = "provisional" },
            await StoredStatusAsync(pipeline));
        var final = await pipeline.Scores.YearAsync(2024, null, ScoreStatus.Final, CancellationToken.None);
        Assert.Equal([("13.07", 1)], final.Select(s => (s.RegencyCode, s.NationalRank!.Value)));
        Assert.Equal("final", (await pipeline.Scores.ExplainAsync("13.07", 2024, CancellationToken.None))!.ToDocument().Status);
        Assert.Equal(ScoreStatus.Final, (await pipeline.Scores.RegencyAsync("13.07", CancellationToken.None)).Single().Status);
        Assert.Equal(["final", "provisional", "provisional"], await ExportedStatusesAsync(pipeline));

        await TakeAsync(pipeline, Admin, ReviewAction.Reopen, "koreksi GOV-01");
        var reopened = await HandleQueueAsync(pipeline);

        Assert.Equal(["13.07"], reopened.Single().Regencies);
        Assert.Equal(
            new Dictionary<string, object?> { ["13.07"] = "provisional", ["13.71"] = "provisional", ["32.71"] = "provisional" },
            await StoredStatusAsync(pipeline));
        Assert.Empty(await pipeline.Scores.YearAsync(2024, null, ScoreStatus.Final, CancellationToken.None));
        Assert.Equal(["provisional", "provisional", "provisional"], await ExportedStatusesAsync(pipeline));
    }

    [Fact]
    public async Task AFullRecompute_TakesTheStatusFromTheReview_Too()
    {
        await using var pipeline = await ScoredAsync();
        await TakeAsync(pipeline, Regency, ReviewAction.Submit);
        await TakeAsync(pipeline, Province, ReviewAction.Verify);
        await TakeAsync(pipeline, Admin, ReviewAction.Approve);
        await pipeline.DrainAsync(StorageNames.Queues.Scores);

        // The request is lost: the nightly recompute (or 'readiness score') still finds the year due and sets it.
        Assert.Contains(2024, await pipeline.Scores.DueYearsAsync(all: false, CancellationToken.None));
        await pipeline.Scores.RecomputeAsync([2024], CancellationToken.None);

        Assert.Equal("final", (await StoredStatusAsync(pipeline))["13.07"]);
    }

    /// <summary>The Status column of each export of 2024 (CSV, xlsx, Parquet) and of fact_scores, best first; all equal.</summary>
    private static async Task<List<string>> ExportedStatusesAsync(AzuritePipeline pipeline)
    {
        var container = pipeline.Account.Container(StorageNames.Containers.Exports);
        async Task<byte[]> Blob(string path) => (await container.GetBlobClient(path).DownloadContentAsync()).Value.Content.ToArray();

        var csv = System.Text.Encoding.UTF8.GetString(await Blob(BlobScoreExports.CsvPath(2024))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ScoreCsv.Columns, csv[0].Split(','));
        var fromCsv = csv[1..].Select(line => line.Split(',')[^1]).ToList();

        using var zip = new ZipArchive(new MemoryStream(await Blob(BlobScoreExports.XlsxPath(2024))));
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        Assert.Contains("<is><t>ComputedAt</t></is></c><c t=\"inlineStr\"><is><t>Status</t></is></c></row>", sheet, StringComparison.Ordinal);
        foreach (var status in ScoreStatuses.Names)
        {
            Assert.Equal(fromCsv.Count(s => s == status), sheet.Split($"<is><t>{status}</t></is></c></row>").Length - 1);
        }

        Assert.Equal(fromCsv, await ParquetStatusesAsync(await Blob(BlobScoreExports.ParquetPath(2024)), ScoreCsv.Columns));
        Assert.Equal(fromCsv, await ParquetStatusesAsync(await Blob(BlobPowerBiExports.FactPath("fact_scores", 2024)), ["RegencyKey", .. ScoreCsv.Columns]));
        return fromCsv;
    }

    private static async Task<List<string>> ParquetStatusesAsync(byte[] content, IReadOnlyList<string> columns)
    {
        using var bytes = new MemoryStream(content);
        await using var reader = await ParquetReader.CreateAsync(bytes);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(columns, fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        var values = new string?[group.RowCount];
        await group.ReadAsync(fields.Single(f => f.Name == "Status"), values.AsMemory());
        return [.. values.Select(v => v ?? "(null)")];
    }
}
