using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Ingestion;

public class ImportServiceTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private const string ThreeValues = Header +
        "13.07,GOV-01,2024,87.5\n" +
        "13.07,GOV-02,2024Q1,3\n" +
        "32.71,ENV-03,2024-03,12.25\n";

    [Fact]
    public async Task Upload_StoresCanonicalRowsAndRecordsTheUpload()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();

        var result = await pipeline.ImportAsync(ThreeValues, new ImportRequest { FileName = "c:\\users\\officer\\data.csv" });

        Assert.Equal(ImportOutcome.Accepted, result.Outcome);
        Assert.Equal((UploadStatus.Completed, 3, 0, 0), (result.Upload.Status, result.Upload.Imported, result.Upload.Updated, result.Upload.Unchanged));
        Assert.Equal("data.csv", result.Upload.FileName);
        var stored = await pipeline.StoredAsync();
        Assert.Equal(
            [("13.07", "2024Q1|GOV-02", 3.0), ("13.07", "2024|GOV-01", 87.5), ("32.71", "2024-03|ENV-03", 12.25)],
            stored.Select(s => (s.Regency, s.Key, s.Value)));
        Assert.All(stored, s => Assert.Equal(result.Upload.UploadId, s.UploadId));

        var (upload, report) = (await pipeline.Imports.GetAsync("all", result.Upload.UploadId, CancellationToken.None))!.Value;
        Assert.Equal(UploadStatus.Completed, upload.Status);
        Assert.Equal(64, upload.Sha256!.Length);
        Assert.True(report!.Valid);
        Assert.Contains("2024", Assert.Single(await pipeline.ScoreRequestsAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredEntity_HasTypedColumns()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(Header + "13.07,GOV-01,2024Q2,87.5\n");

        var entity = (await pipeline.Account.Table("observations").GetEntityAsync<Azure.Data.Tables.TableEntity>("13.07", "2024Q2|GOV-01")).Value;

        Assert.Equal("13.07", entity.GetString("Regency"));
        Assert.Equal("GOV-01", entity.GetString("Indicator"));
        Assert.Equal("2024Q2", entity.GetString("Period"));
        Assert.Equal(87.5, entity.GetDouble("Value"));
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), entity.GetDateTimeOffset("PeriodStart"));
        Assert.NotNull(entity.GetDateTimeOffset("SubmittedAt"));
    }

    [Fact]
    public async Task ReUpload_OfTheSameContent_ChangesNothing()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(ThreeValues);
        var before = await pipeline.StoredAsync();

        var again = await pipeline.ImportAsync(ThreeValues);

        Assert.Equal((0, 0, 3), (again.Upload.Imported, again.Upload.Updated, again.Upload.Unchanged));
        Assert.Equal(before, await pipeline.StoredAsync());
        Assert.Single(await pipeline.ScoreRequestsAsync());
    }

    [Fact]
    public async Task NewerValue_UpdatesOnlyThatKey()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var first = await pipeline.ImportAsync(ThreeValues);

        var second = await pipeline.ImportAsync(ThreeValues.Replace("87.5", "90", StringComparison.Ordinal));

        Assert.Equal((0, 1, 2), (second.Upload.Imported, second.Upload.Updated, second.Upload.Unchanged));
        var stored = await pipeline.StoredAsync();
        Assert.Equal((90.0, second.Upload.UploadId), stored.Where(s => s.Key == "2024|GOV-01").Select(s => (s.Value, s.UploadId)).Single());
        Assert.All(stored.Where(s => s.Key != "2024|GOV-01"), s => Assert.Equal(first.Upload.UploadId, s.UploadId));
    }

    [Fact]
    public async Task InvalidFile_InAtomicMode_StoresNothingButArchivesIt()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(ThreeValues);
        var before = await pipeline.StoredAsync();

        var result = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,50\n13.07,GOV-99,2024,1\n");

        Assert.Equal(ImportOutcome.Invalid, result.Outcome);
        Assert.Equal(UploadStatus.Rejected, result.Upload.Status);
        Assert.Contains(result.Report.Errors, e => e.Code == ErrorCodes.UnknownIndicator && e.Row == 3);
        Assert.Equal(before, await pipeline.StoredAsync());
        var blobs = await pipeline.BlobNamesAsync();
        Assert.Contains(result.Upload.BlobPath, blobs);
        Assert.Contains(result.Upload.ReportPath, blobs);
    }

    [Fact]
    public async Task PartialMode_StoresTheValidRowsAndReportsTheRest()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();

        var result = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,50\n13.07,GOV-99,2024,1\n13.07,GOV-03,2024,101\n13.07,GOV-04,2024,2\n", new ImportRequest { Mode = ImportMode.Partial });

        Assert.Equal(UploadStatus.Completed, result.Upload.Status);
        Assert.Equal((4, 2, 2), (result.Upload.Rows, result.Upload.Imported, result.Upload.Rejected));
        Assert.Equal(["2024|GOV-01", "2024|GOV-04"], (await pipeline.StoredAsync()).Select(s => s.Key));
    }

    [Fact]
    public async Task DryRun_CountsWhatWouldChangeAndStoresNothing()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(ThreeValues);
        var before = await pipeline.StoredAsync();

        var result = await pipeline.ImportAsync(ThreeValues.Replace("87.5", "90", StringComparison.Ordinal) + "13.71,GOV-01,2024,10\n", new ImportRequest { DryRun = true });

        Assert.Equal(UploadStatus.Validated, result.Upload.Status);
        Assert.Equal((1, 1, 2), (result.Upload.Imported, result.Upload.Updated, result.Upload.Unchanged));
        Assert.Equal(before, await pipeline.StoredAsync());
        Assert.Single(await pipeline.ScoreRequestsAsync());
        Assert.Contains(result.Upload.BlobPath, await pipeline.BlobNamesAsync());
    }

    [Fact]
    public async Task UploadForARegency_ArchivesUnderItsFolderAndChecksRows()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();

        var ok = await pipeline.ImportAsync("indicator_code;period;value\nGOV-01;Januari 2024;87,5\n", new ImportRequest { Regency = Samples.RegencyOf("13.07") });
        var mismatch = await pipeline.ImportAsync(Header + "32.71,GOV-01,2024,1\n", new ImportRequest { Regency = Samples.RegencyOf("13.07") });

        Assert.Equal(ImportOutcome.Accepted, ok.Outcome);
        Assert.StartsWith("13.07/", ok.Upload.BlobPath, StringComparison.Ordinal);
        Assert.Equal(("13.07", "2024-01|GOV-01", 87.5), (await pipeline.StoredAsync()).Select(s => (s.Regency, s.Key, s.Value)).Single());
        Assert.Equal(ErrorCodes.RegencyMismatch, Assert.Single(mismatch.Report.Errors).Code);
        Assert.Equal(2, (await pipeline.Imports.ListAsync("13.07", 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task OversizedUpload_IsRefusedWhileStreamingAndRecorded()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.Configure<ImportOptions>(o => o.MaxUploadBytes = 1000));
        var big = new StringBuilder(Header);
        while (big.Length < 5000)
        {
            big.Append("13.07,GOV-01,2024,1\n");
        }

        var result = await pipeline.ImportAsync(big.ToString());

        Assert.Equal(ImportOutcome.TooLarge, result.Outcome);
        Assert.Equal(ErrorCodes.FileTooLarge, Assert.Single(result.Report.Errors).Code);
        Assert.Empty(await pipeline.StoredAsync());
        Assert.DoesNotContain(await pipeline.BlobNamesAsync(), name => name.EndsWith(".csv", StringComparison.Ordinal));
        var recorded = Assert.Single(await pipeline.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.Equal(UploadStatus.Rejected, recorded.Status);
    }

    [Fact]
    public async Task LargeMultiRegencyFile_IsWrittenInBatchesAcrossPartitions()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var csv = new StringBuilder(Header);
        var regencies = Readiness.TestSupport.Samples.Registry.Regencies.Take(5).ToList();
        foreach (var regency in regencies)
        {
            for (var month = 1; month <= 12; month++)
            {
                foreach (var indicator in Readiness.Core.Catalog.CatalogFile.Default.Indicators.Where(i => i.Unit == Readiness.Core.Catalog.IndicatorUnit.Percent))
                {
                    csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{regency.Code},{indicator.Code},2024-{month:00},{month * 2}\n");
                }
            }
        }

        var result = await pipeline.ImportAsync(csv.ToString());

        Assert.True(result.Report.Valid, result.Report.ToJson());
        var perRegency = result.Upload.Imported / regencies.Count;
        Assert.True(perRegency > 100, "each partition needs more than one transaction");
        Assert.Equal(result.Upload.Rows, result.Upload.Imported);
        Assert.Equal(result.Upload.Imported, (await pipeline.StoredAsync()).Count);
    }
}
