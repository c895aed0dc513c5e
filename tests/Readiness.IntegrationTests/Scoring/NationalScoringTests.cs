using System.Globalization;
using System.IO.Compression;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Core.Validation;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Scoring;

/// <summary>Scores over the national registry: former codes as one series, the province of the year, peer groups,
/// and exports that hold every column of the table.</summary>
public class NationalScoringTests
{
    private static readonly RegencyRegistry National = RegistryCsv.Load(SharedData.File(SharedData.NationalRegistryFile));

    // Merauke (91.01 until 2022, now 93.01), Boven Digoel (91.16 → 93.02), Jayapura (91.03, unchanged), Kota Padang.
    private const string Data = """
        regency_code,indicator_code,period,value
        91.01,GOV-01,2021,50
        91.16,GOV-01,2021,70
        91.03,GOV-01,2021,90
        93.01,GOV-01,2023,50
        93.02,GOV-01,2023,70
        91.03,GOV-01,2023,90
        13.71,GOV-01,2023,80
        """;

    private static async Task<AzuritePipeline> LoadedAsync()
    {
        var pipeline = await AzuritePipeline.CreateAsync(regencies: National.Regencies);
        var result = await pipeline.ImportAsync(Data);
        Assert.True(result.Report.Valid, result.Report.ToJson());
        Assert.Equal(2, result.Report.Warnings.Count(w => w.Code == ErrorCodes.RegencyCodeFormer));
        return pipeline;
    }

    [Fact]
    public async Task FormerCodes_AreOneSeries_RankedInTheProvinceOfTheirYear_AmongTheirPeers()
    {
        await using var pipeline = await LoadedAsync();

        await pipeline.Scores.RecomputeAsync([2021, 2023], CancellationToken.None);

        Assert.DoesNotContain(await pipeline.StoredAsync(), o => o.Regency.StartsWith("91.01", StringComparison.Ordinal) || o.Regency == "91.16");
        var y2021 = await pipeline.Scores.YearAsync(2021, null, CancellationToken.None);
        var y2023 = await pipeline.Scores.YearAsync(2023, null, CancellationToken.None);
        Assert.Equal([("91.03", "91", 1), ("93.02", "91", 2), ("93.01", "91", 3)], y2021.Select(s => (s.RegencyCode, s.ProvinceCode, s.ProvinceRank!.Value)));
        Assert.Equal([("91.03", "91", 1), ("13.71", "13", 1), ("93.02", "93", 1), ("93.01", "93", 2)], y2023.Select(s => (s.RegencyCode, s.ProvinceCode, s.ProvinceRank!.Value)));
        var merauke = Assert.Single(await pipeline.Scores.RegencyAsync("93.01", CancellationToken.None), s => s.Year == 2023);
        Assert.Equal(("Papua Selatan", "Kabupaten sedang", 1), (merauke.ProvinceName, merauke.PeerGroup, merauke.PeerRank!.Value));
        // Jayapura (203,772 people) and Boven Digoel (71,997) are the small kabupaten of the set.
        Assert.Equal([("91.03", "Kabupaten kecil", 1), ("93.02", "Kabupaten kecil", 2)],
            y2023.Where(s => s.PeerGroup == "Kabupaten kecil").Select(s => (s.RegencyCode, s.PeerGroup, s.PeerRank!.Value)));
        Assert.Null(merauke.Trend); // 2022 has no score: the trend is against the previous year only
        Assert.Equal(("Kota sedang", 1), (y2023.Single(s => s.RegencyCode == "13.71").PeerGroup, y2023.Single(s => s.RegencyCode == "13.71").PeerRank!.Value));
    }

    [Fact]
    public async Task Exports_HoldEveryColumnOfTheTable_OnEveryRow_CodesAsTextInTheWorkbook()
    {
        await using var pipeline = await LoadedAsync();
        await pipeline.Scores.RecomputeAsync([2023], CancellationToken.None);
        var container = pipeline.Account.Container(StorageNames.Containers.Exports);

        var table = new List<ScoreEntity>();
        await foreach (var e in pipeline.Account.Table(StorageNames.Tables.Scores).QueryAsync<ScoreEntity>(e => e.PartitionKey == "2023"))
        {
            table.Add(e);
        }

        var csv = (await container.GetBlobClient(BlobScoreExports.CsvPath(2023)).DownloadContentAsync()).Value.Content.ToString();
        var expected = ScoreCsv.ToText(table.Select(e => e.ToScore([])).OrderBy(s => s.NationalRank).ThenBy(s => s.RegencyCode, StringComparer.Ordinal));
        Assert.Equal(expected, csv);
        var header = csv[..csv.IndexOf('\n', StringComparison.Ordinal)].Split(',');
        Assert.Equal(ScoreCsv.Columns.Length, header.Length);
        Assert.Equal("Status", header[^1]);
        Assert.All(table, e => Assert.Contains(e.ComputedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), csv, StringComparison.Ordinal));

        var xlsx = (await container.GetBlobClient(BlobScoreExports.XlsxPath(2023)).DownloadContentAsync()).Value.Content.ToArray();
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        // 13.71 and 91.03 are text cells (they would be numbers 13.71 and 91.03 otherwise); scores are numbers.
        Assert.Contains("<c t=\"inlineStr\"><is><t>13.71</t></is></c>", sheet, StringComparison.Ordinal);
        Assert.Contains("<row r=\"2\"><c><v>2023</v></c><c t=\"inlineStr\"><is><t>91.03</t></is></c>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("<v>13.71</v>", sheet, StringComparison.Ordinal);
        Assert.Contains($"<v>{table.Single(e => e.RegencyCode == "13.71").Overall.ToString("R", CultureInfo.InvariantCulture)}</v>", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYearWithNoData_IsNotPublished_AndItsOldExportsAreWithdrawn()
    {
        await using var pipeline = await LoadedAsync();
        var container = pipeline.Account.Container(StorageNames.Containers.Exports);

        var result = await pipeline.Scores.RecomputeAsync([2019, 2021], CancellationToken.None);

        Assert.Equal([2019], result.Unscored);
        Assert.False((await container.GetBlobClient(BlobScoreExports.CsvPath(2019)).ExistsAsync()).Value);
        Assert.True((await container.GetBlobClient(BlobScoreExports.XlsxPath(2021)).ExistsAsync()).Value);

        // The 2021 data is withdrawn: rescoring 2021 leaves no export behind.
        var observations = pipeline.Account.Table(StorageNames.Tables.Observations);
        await foreach (var e in observations.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("2021") >= 0 && e.RowKey.CompareTo("2022") < 0))
        {
            await observations.DeleteEntityAsync(e.PartitionKey, e.RowKey);
        }

        var again = await pipeline.Scores.RecomputeAsync([2021], CancellationToken.None);
        Assert.Equal([2021], again.Unscored);
        foreach (var path in new[] { BlobScoreExports.CsvPath(2021), BlobScoreExports.XlsxPath(2021), BlobScoreExports.ParquetPath(2021) })
        {
            Assert.False((await container.GetBlobClient(path).ExistsAsync()).Value, path);
        }
    }
}
