using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Quality;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Quality;

public class QualityFlagsTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    /// <summary>Four clean years of 13.07's marketplace products (BRA-03) and its schools and 4G coverage.</summary>
    private const string History = Header +
        "13.07,BRA-03,2020,1180\n13.07,BRA-03,2021,1210\n13.07,BRA-03,2022,1230\n13.07,BRA-03,2023,1250\n" +
        "13.07,SOC-01,2023,60\n13.07,LIV-01,2023,70\n";

    [Fact]
    public async Task Upload_OfAThousandfoldValue_WarnsInBothLanguages_StoresTheFlag_AndACorrectionClearsIt()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        Assert.DoesNotContain((await pipeline.ImportAsync(History)).Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);

        var wrong = await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n13.07,SOC-01,2024,98\n13.07,LIV-01,2024,40\n");

        Assert.Equal(Readiness.Core.Ingestion.UploadStatus.Completed, wrong.Upload.Status);
        var thousands = Assert.Single(wrong.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Contains("Did you mean 1250?", thousands.Message, StringComparison.Ordinal);
        Assert.Contains("Apakah maksudnya 1250?", thousands.MessageId, StringComparison.Ordinal);
        var rule = Assert.Single(wrong.Report.Warnings, w => w.Code == QualityCodes.RuleViolation);
        Assert.Contains("SOC-01-VS-LIV-01", rule.Message, StringComparison.Ordinal);
        Assert.Equal(wrong.Report.Warnings.Count, wrong.Upload.Warnings);

        var flags = pipeline.Services.GetRequiredService<IQualityFlagStore>();
        var stored = await flags.ReadAsync(2024, null, "13.07", CancellationToken.None);
        Assert.Equal(["previous|BRA-03", "rule|SOC-01-VS-LIV-01"], stored.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1250, stored.Single(f => f.Code == QualityCodes.PossibleThousandsError).Reference);
        Assert.Equal(2, (await flags.ReadAsync(2024, "13", null, CancellationToken.None)).Count);
        Assert.Empty(await flags.ReadAsync(2024, "32", null, CancellationToken.None));

        // Flat for Power BI: every column on every row, a statistic that does not apply is NaN.
        var entities = await pipeline.Account.Table("qualityflags").QueryAsync<Azure.Data.Tables.TableEntity>("PartitionKey eq '2024'").ToListAsync();
        Assert.Equal(2, entities.Count);
        var columns = entities.Select(e => string.Join(',', e.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal))).Distinct().ToList();
        Assert.Single(columns);
        Assert.True(double.IsNaN(entities.Single(e => e.GetString("Code") == QualityCodes.RuleViolation).GetDouble("Mad")!.Value));

        var corrected = await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250\n");
        Assert.DoesNotContain(corrected.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Equal(["rule|SOC-01-VS-LIV-01"], (await flags.ReadAsync(2024, null, "13.07", CancellationToken.None)).Select(f => f.Key));
    }

    /// <summary>Five clean years of 13.07's BRA-03, 2019–2023.</summary>
    private const string FiveYears = Header +
        "13.07,BRA-03,2019,1150\n13.07,BRA-03,2020,1180\n13.07,BRA-03,2021,1210\n13.07,BRA-03,2022,1230\n13.07,BRA-03,2023,1250\n";

    [Fact]
    public async Task CorrectingAnEarlierYear_ChecksTheLaterYearsAgain_TheirFlagFollowsTheNewEvidence()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var flags = pipeline.Services.GetRequiredService<IQualityFlagStore>();
        await pipeline.ImportAsync(FiveYears);
        Assert.Single((await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n")).Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Equal(1250, Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None)).Reference);

        // 2023 corrected: 2024's previous value (its evidence) is now 1300; the upload of 2023 says so about 2024.
        var corrected = await pipeline.ImportAsync(Header + "13.07,BRA-03,2023,1300\n");

        var later = Assert.Single(corrected.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.StartsWith("13.07 2024:", later.Message, StringComparison.Ordinal);
        Assert.Contains("previous value 1300 (2023)", later.Message, StringComparison.Ordinal);
        var flag = Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None));
        Assert.Equal((1300.0, 2023), (flag.Reference!.Value, flag.PreviousYear!.Value));
        Assert.Contains("1300", flag.Message, StringComparison.Ordinal);
        Assert.Empty(await flags.ReadAsync(2023, null, "13.07", CancellationToken.None));

        // 2023 made what 2024 really is a thousandfold of: 2024's thousands flag is stale and goes (2023 has its own).
        await pipeline.ImportAsync(Header + "13.07,BRA-03,2023,1250000\n");
        Assert.DoesNotContain(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None), f => f.Code == QualityCodes.PossibleThousandsError);
        Assert.Contains(await flags.ReadAsync(2023, null, "13.07", CancellationToken.None), f => f.Code == QualityCodes.PossibleThousandsError);
    }

    [Fact]
    public async Task ALaterYearStoredFirst_IsCheckedWhenItsHistoryArrives()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var flags = pipeline.Services.GetRequiredService<IQualityFlagStore>();
        // 2024 alone has no history to be judged against.
        Assert.DoesNotContain((await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n")).Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Empty(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None));

        var history = await pipeline.ImportAsync(FiveYears);

        Assert.Contains(history.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError && w.Message.StartsWith("13.07 2024:", StringComparison.Ordinal));
        var flag = Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None));
        Assert.Equal((QualityCodes.PossibleThousandsError, 1250.0, 2023), (flag.Code, flag.Reference!.Value, flag.PreviousYear!.Value));
    }

    [Fact]
    public async Task QualityRun_OfAYear_ChecksTheLaterYearsToo()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var flags = pipeline.Services.GetRequiredService<IQualityFlagStore>();
        await pipeline.ImportAsync(FiveYears + "13.07,BRA-03,2024,1250000\n");
        Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None));
        // As if the check after an upload had not run.
        await flags.ReplaceAsync(2024, ["13.07"], [], DateTimeOffset.UtcNow, CancellationToken.None);

        var found = await pipeline.Services.GetRequiredService<QualityService>().CheckAsync([2023], null, CancellationToken.None);

        Assert.Contains(found, f => f is { Year: 2024, Code: QualityCodes.PossibleThousandsError });
        Assert.Equal(QualityCodes.PossibleThousandsError, Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None)).Code);
    }

    [Fact]
    public async Task DryRun_WarnsOnTheStoredValuesWithTheFileLaidOver_AndStoresNoFlag()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(History);

        var dry = await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n", new Readiness.Core.Ingestion.ImportRequest { DryRun = true });

        Assert.Equal(Readiness.Core.Ingestion.UploadStatus.Validated, dry.Upload.Status);
        var thousands = Assert.Single(dry.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Contains("Did you mean 1250?", thousands.Message, StringComparison.Ordinal);
        Assert.Contains("Apakah maksudnya 1250?", thousands.MessageId, StringComparison.Ordinal);
        Assert.Equal(dry.Report.Warnings.Count, dry.Upload.Warnings);
        var flags = pipeline.Services.GetRequiredService<IQualityFlagStore>();
        Assert.Empty(await flags.ReadAsync(2024, null, null, CancellationToken.None));
        Assert.Empty(await pipeline.Account.Table("qualityflags").QueryAsync<Azure.Data.Tables.TableEntity>("PartitionKey eq '2024'").ToListAsync());
        Assert.Empty(await pipeline.Observations.ReadAsync("13.07", 2024, CancellationToken.None).ToListAsync());

        // A dry run of a correction of 2023 judges the stored 2024 against the file's 2023, and leaves 2024's flag.
        await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n");
        var dryCorrection = await pipeline.ImportAsync(Header + "13.07,BRA-03,2023,1300\n", new Readiness.Core.Ingestion.ImportRequest { DryRun = true });
        Assert.Contains(dryCorrection.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError && w.Message.Contains("previous value 1300 (2023)", StringComparison.Ordinal));
        Assert.Equal(1250, Assert.Single(await flags.ReadAsync(2024, null, "13.07", CancellationToken.None), f => f.Code == QualityCodes.PossibleThousandsError).Reference);
    }
}
