using System.Text;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Scoring;

public class ScoreServiceTests
{
    // Three regencies, two years. Lima Puluh Kota leads 2024, Padang and Bogor tie in 2024 on GOV-01 alone.
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2023,50
        13.07,GOV-01,2024,100
        13.07,ENV-03,2024Q1,15
        13.07,ENV-03,2024Q2,45
        13.71,GOV-01,2024,60
        32.71,GOV-01,2024,60
        32.71,BRA-02,2023,Ya
        """;

    private static async Task<AzuritePipeline> LoadedAsync()
    {
        var pipeline = await AzuritePipeline.CreateAsync();
        var result = await pipeline.ImportAsync(Data);
        Assert.True(result.Report.Valid, result.Report.ToJson());
        return pipeline;
    }

    [Fact]
    public async Task Upload_ThenRescoringItsYears_GivesRankedScores()
    {
        await using var pipeline = await LoadedAsync();

        await RescoreAsync(pipeline, [2023, 2024], ["13.07", "13.71", "32.71"]);

        var year = await pipeline.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal(["13.07", "13.71", "32.71"], year.Select(s => s.RegencyCode));
        Assert.Equal([1, 2, 2], year.Select(s => s.NationalRank!.Value));
        Assert.Equal([1, 2, 1], year.Select(s => s.ProvinceRank!.Value));
        // 13.07: GOV-01 100/100 → Governance 25; ENV-03 mean(15,45)=30 of target 30 → Environment 25; overall 50/6.
        var leader = year[0];
        Assert.Equal(25, leader.Governance, 9);
        Assert.Equal(25, leader.Environment, 9);
        Assert.Equal(50.0 / 6, leader.Overall, 9);
        // 2023: GOV-01 50/100 → Governance 12.5, overall 12.5/6.
        Assert.Equal((50.0 / 6) - (12.5 / 6), leader.Trend!.Value, 9);
        Assert.Null(year[1].Trend);
        var explained = (await pipeline.Scores.ExplainAsync("13.07", 2024, CancellationToken.None))?.Score;
        Assert.Equal(24, explained!.Indicators.Count);
        Assert.Equal(("2024Q1,2024Q2", 30.0, 1.0), explained.Indicators.Where(i => i.IndicatorCode == "ENV-03").Select(i => (i.Periods, i.Value!.Value, i.Score!.Value)).Single());
    }

    [Fact]
    public async Task ChangingOneValue_ChangesExactlyTheAffectedScoresAndRanks()
    {
        await using var pipeline = await LoadedAsync();
        await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);
        var scoresBefore = await pipeline.DumpAsync(StorageNames.Tables.Scores);
        var indicatorsBefore = await pipeline.DumpAsync(StorageNames.Tables.IndicatorScores);

        var update = await pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.71,GOV-01,2024,70\n");
        await RescoreAsync(pipeline, update.Upload.Years, ["13.71"]);

        var scoresAfter = await pipeline.DumpAsync(StorageNames.Tables.Scores);
        var changedScores = scoresAfter.Except(scoresBefore).ToList();
        // 13.71's own score, and 32.71's rank (it no longer ties with 13.71): nothing else.
        Assert.Equal(2, changedScores.Count);
        Assert.Contains(changedScores, r => r.Contains("RowKey=13.71", StringComparison.Ordinal) && r.Contains("NationalRank=2", StringComparison.Ordinal));
        Assert.Contains(changedScores, r => r.Contains("RowKey=32.71", StringComparison.Ordinal) && r.Contains("NationalRank=3", StringComparison.Ordinal));
        var changedIndicators = (await pipeline.DumpAsync(StorageNames.Tables.IndicatorScores)).Except(indicatorsBefore).ToList();
        Assert.Contains("PartitionKey=2024|13.71", Assert.Single(changedIndicators), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecomputingTwice_GivesIdenticalTables()
    {
        await using var pipeline = await LoadedAsync();

        await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);
        var scores = await pipeline.DumpAsync(StorageNames.Tables.Scores);
        var indicators = await pipeline.DumpAsync(StorageNames.Tables.IndicatorScores);
        var second = await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);

        Assert.Equal([2023, 2024], second.Years);
        Assert.Equal(0, second.RowsWritten);
        Assert.Equal(scores, await pipeline.DumpAsync(StorageNames.Tables.Scores));
        Assert.Equal(indicators, await pipeline.DumpAsync(StorageNames.Tables.IndicatorScores));
        Assert.Equal(5, scores.Count);
        Assert.Equal(5 * 24, indicators.Count);
    }

    [Fact]
    public async Task CsvExport_MatchesTheTable()
    {
        await using var pipeline = await LoadedAsync();
        await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);

        var blob = pipeline.Account.Container(StorageNames.Containers.Exports).GetBlobClient(BlobScoreExports.CsvPath(2024));
        var csv = (await blob.DownloadContentAsync()).Value.Content.ToString();
        var parquet = pipeline.Account.Container(StorageNames.Containers.Exports).GetBlobClient(BlobScoreExports.ParquetPath(2024));

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', ScoreCsv.Columns), lines[0]);
        var table = new List<ScoreEntity>();
        await foreach (var e in pipeline.Account.Table(StorageNames.Tables.Scores).QueryAsync<ScoreEntity>(e => e.PartitionKey == "2024"))
        {
            table.Add(e);
        }

        Assert.Equal(table.Count, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var row = table.Single(t => t.RegencyCode == cells[1]);
            Assert.Equal(row.Overall, double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(row.NationalRank.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[15]);
            Assert.Equal(row.RegencyName, cells[2]);
        }

        using var parquetBytes = new MemoryStream((await parquet.DownloadContentAsync()).Value.Content.ToArray());
        await using var reader = await Parquet.ParquetReader.CreateAsync(parquetBytes);
        Assert.Equal(ScoreCsv.Columns, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(table.Count, Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.OpenRowGroupReader(g).RowCount));
    }

    [Fact]
    public async Task DueYears_FollowChangesAndTheCatalogVersion()
    {
        await using var pipeline = await LoadedAsync();

        Assert.Equal([2023, 2024], await pipeline.Scores.DueYearsAsync(all: false, CancellationToken.None));
        await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);
        Assert.Empty(await pipeline.Scores.DueYearsAsync(all: false, CancellationToken.None));
        await pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.71,GOV-01,2024,75\n");
        Assert.Equal([2024], await pipeline.Scores.DueYearsAsync(all: false, CancellationToken.None));
        Assert.Equal([2023, 2024], await pipeline.Scores.DueYearsAsync(all: true, CancellationToken.None));
    }

    [Fact]
    public async Task FormulaLikeNames_AreNeutralisedInTheCsvExport()
    {
        var score = (await LoadedScoreAsync()) with { RegencyName = "=HYPERLINK(\"x\")", Trend = -3.5 };

        var csv = ScoreCsv.ToText([score]);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains(",-3.5,", csv, StringComparison.Ordinal);
    }

    private static async Task<RegencyScore> LoadedScoreAsync()
    {
        await using var pipeline = await LoadedAsync();
        await pipeline.Scores.RecomputeAsync([2024], CancellationToken.None);
        return (await pipeline.Scores.YearAsync(2024, null, CancellationToken.None))[0];
    }

    [Fact]
    public async Task QueuePath_ScoresEachUploadAndCoalescesTheBurstIntoOneReRank()
    {
        await using var pipeline = await LoadedAsync();
        var queue = pipeline.Account.Queue(StorageNames.Queues.Scores);
        await queue.ClearMessagesAsync();

        // Three uploads' score requests for 2024, handled one after another as the queue would.
        await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], ["13.07"], "upload a"), CancellationToken.None);
        await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], ["13.71"], "upload b"), CancellationToken.None);
        await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], ["32.71"], "upload c"), CancellationToken.None);
        var rankRequests = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Empty(rankRequests); // delayed: invisible until the burst has settled
        var unranked = await pipeline.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal(3, unranked.Count);

        var first = await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], [], "burst", RankOnly: true), CancellationToken.None);
        var second = await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], [], "burst", RankOnly: true), CancellationToken.None);
        var third = await pipeline.Scores.HandleAsync(new Readiness.Core.Ports.ScoreRequest([2024], [], "burst", RankOnly: true), CancellationToken.None);

        Assert.Equal([2024], first.Years);
        Assert.Empty(second.Years);
        Assert.Empty(third.Years);
        var ranked = await pipeline.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal([1, 2, 2], ranked.Select(s => s.NationalRank!.Value));
        Assert.DoesNotContain(2024, await pipeline.Scores.DueYearsAsync(all: false, CancellationToken.None));
    }

    /// <summary>The queue path as the functions run it: score the regencies of an upload, then rank each year.</summary>
    private static async Task RescoreAsync(AzuritePipeline pipeline, IReadOnlyList<int> years, IReadOnlyList<string> regencies)
    {
        await pipeline.Scores.HandleAsync(new ScoreRequest(years, regencies, "test"), CancellationToken.None);
        foreach (var year in years.Order())
        {
            await pipeline.Scores.RankYearAsync(year, CancellationToken.None);
        }
    }
}
