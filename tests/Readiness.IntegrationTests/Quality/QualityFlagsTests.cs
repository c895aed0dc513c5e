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

    [Fact]
    public async Task DryRun_ChecksNothingAndStoresNoFlag()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(History);

        var dry = await pipeline.ImportAsync(Header + "13.07,BRA-03,2024,1250000\n", new Readiness.Core.Ingestion.ImportRequest { DryRun = true });

        Assert.DoesNotContain(dry.Report.Warnings, w => w.Code == QualityCodes.PossibleThousandsError);
        Assert.Empty(await pipeline.Services.GetRequiredService<IQualityFlagStore>().ReadAsync(2024, null, null, CancellationToken.None));
    }
}
