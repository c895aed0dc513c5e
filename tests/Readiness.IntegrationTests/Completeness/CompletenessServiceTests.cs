using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Access;
using Readiness.Core.Catalog;
using Readiness.Core.Completeness;
using Readiness.Core.Registry;
using Readiness.Core.Review;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Completeness;

public class CompletenessServiceTests
{
    private static readonly Caller Admin = new(Role.Admin, null, "key:admin");

    [Fact]
    public async Task EveryRegistryRegency_IsListedWithWhatItHasAndHasNotReported()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.07,GOV-01,2024-01,1\n13.07,GOV-01,2024-02,2\n13.07,ENV-03,2024,5\n13.71,GOV-01,2023,1\n");

        var rows = await pipeline.Completeness.ForYearAsync(2024, null, CancellationToken.None);

        Assert.Equal(Readiness.TestSupport.Samples.Registry.Count, rows.Count);
        var limaPuluhKota = rows.Single(r => r.RegencyCode == "13.07");
        Assert.Equal(["GOV-01", "ENV-03"], limaPuluhKota.Reported);
        Assert.Equal(22, limaPuluhKota.Missing.Count);
        Assert.Equal(2.0 / 24, limaPuluhKota.Share, 12);
        Assert.Empty(rows.Single(r => r.RegencyCode == "13.71").Reported);
        Assert.Equal(Readiness.TestSupport.Samples.Registry.Count - 1, rows.Count(r => r.Reported.Count == 0));
    }

    /// <summary>Stored reviews with their histories, the catalog's calendar and the stored values make the reporting
    /// figures: on time to the end of the due day (WIB), late after it, a returned year not submitted.</summary>
    [Fact]
    public async Task Report_CountsSubmissionsOnTimeAndLate_FromTheStoredReviewsAndTheCalendar()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 20, 5, 0, 0, TimeSpan.Zero));
        await using var pipeline = await AzuritePipeline.CreateAsync(clock: clock);
        await pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.71,GOV-01,2024,2\n13.06,GOV-01,2024,3\n32.71,GOV-01,2024,4\n");
        var before = await pipeline.Completeness.ReportAsync(2024, null, null, Admin, CancellationToken.None);
        Assert.False(before.Reporting.Timeliness.Judged);
        Assert.Null(before.Reporting.National.OnTime);

        var catalog = JsonNode.Parse(CatalogFile.ToJson(CatalogFile.Default))!.AsObject();
        catalog["reportingCalendar"] = JsonNode.Parse("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}]""");
        await pipeline.Services.GetRequiredService<ReferenceDataService>().ReplaceCatalogAsync(CatalogFile.Parse(catalog.ToJsonString()), CancellationToken.None);

        async Task Act(string regency, ReviewAction action, DateTimeOffset at)
        {
            clock.SetUtcNow(at);
            var outcome = await pipeline.Reviews.TakeAsync(new ReviewCommand(Admin, regency, 2024, action, "alasan"), CancellationToken.None);
            Assert.True(outcome.Done, outcome.Message);
        }

        var wib = TimeSpan.FromHours(7);
        await Act("32.71", ReviewAction.Submit, new DateTimeOffset(2025, 1, 21, 9, 0, 0, wib));
        await Act("32.71", ReviewAction.Return, new DateTimeOffset(2025, 1, 22, 9, 0, 0, wib));
        await Act("13.07", ReviewAction.Submit, new DateTimeOffset(2025, 1, 31, 23, 59, 0, wib));
        await Act("13.71", ReviewAction.Submit, new DateTimeOffset(2025, 2, 1, 0, 0, 1, wib));

        var report = await pipeline.Completeness.ReportAsync(2024, null, null, Admin, CancellationToken.None);

        Assert.Equal(Samples.Registry.Count, report.Count);
        var national = report.Reporting.National;
        Assert.True(report.Reporting.Timeliness.Judged);
        Assert.Equal(new DateOnly(2025, 1, 31), report.Reporting.Calendar!.Due);
        Assert.Equal((Samples.Registry.Count, 2, (int?)1, (int?)1, Samples.Registry.Count - 2, 1, 2),
            (national.Expected, national.Submitted, national.OnTime, national.Late, national.NotSubmitted, national.Returned, national.DataNotSubmitted));
        var west = report.Reporting.Provinces.Single(p => p.ProvinceCode == "13");
        Assert.Equal(Samples.Registry.Regencies.Count(r => r.ProvinceCode == "13"), west.Expected);
        Assert.Equal((2, (int?)1, (int?)1, 1), (west.Submitted, west.OnTime, west.Late, west.DataNotSubmitted));
        var row = report.Regencies.Single(r => r.RegencyCode == "13.71");
        Assert.Equal((ReviewState.Submitted, SubmissionTimeliness.Late, 1, "13"), (row.ReviewState, row.Timeliness, row.Submissions, row.ReportingProvinceCode));
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 1, wib), row.SubmittedAt);
        var returned = report.Regencies.Single(r => r.RegencyCode == "32.71");
        Assert.Equal((ReviewState.Open, SubmissionTimeliness.NotSubmitted, 1, (DateTimeOffset?)null), (returned.ReviewState, returned.Timeliness, returned.Submissions, returned.SubmittedAt));

        // A province filter keeps that province's rows and figures; a province key sees only its own regencies; a
        // regency key its own row.
        var filtered = await pipeline.Completeness.ReportAsync(2024, "13", null, Admin, CancellationToken.None);
        Assert.All(filtered.Regencies, r => Assert.Equal("13", r.ReportingProvinceCode));
        Assert.Equal(west, Assert.Single(filtered.Reporting.Provinces));
        Assert.Equal(west with { ProvinceCode = null, ProvinceName = null }, filtered.Reporting.National);
        var walidata = await pipeline.Completeness.ReportAsync(2024, null, null, new Caller(Role.Province, null, "key:p", "32"), CancellationToken.None);
        Assert.All(walidata.Regencies, r => Assert.StartsWith("32.", r.RegencyCode, StringComparison.Ordinal));
        Assert.Equal(["32"], walidata.Reporting.Provinces.Select(p => p.ProvinceCode));
        var own = await pipeline.Completeness.ReportAsync(2024, null, null, new Caller(Role.Regency, "13.07", "key:r"), CancellationToken.None);
        Assert.Equal(SubmissionTimeliness.OnTime, Assert.Single(own.Regencies).Timeliness);
        Assert.Equal((1, 1, (int?)1), (own.Reporting.National.Expected, own.Reporting.National.Submitted, own.Reporting.National.OnTime));
    }

    /// <summary>Merauke (93.01, 91.01 until 2022) counts for Papua in 2022 and for Papua Selatan in 2023, under one code.</summary>
    [Fact]
    public async Task Report_CountsAMovedRegencyForTheProvinceOfTheYear()
    {
        var national = RegistryCsv.Load(Readiness.Development.SharedData.File(Readiness.Development.SharedData.NationalRegistryFile));
        var papua = national.Regencies.Where(r => r.ProvinceCode is "91" or "93").ToList();
        await using var pipeline = await AzuritePipeline.CreateAsync(regencies: papua);
        await pipeline.ImportAsync("regency_code,indicator_code,period,value\n91.01,GOV-01,2022,1\n93.01,GOV-01,2023,2\n");
        Assert.True((await pipeline.Reviews.TakeAsync(new ReviewCommand(Admin, "93.01", 2022, ReviewAction.Submit), CancellationToken.None)).Done);

        var in2022 = await pipeline.Completeness.ReportAsync(2022, "91", null, Admin, CancellationToken.None);
        var in2023 = await pipeline.Completeness.ReportAsync(2023, "91", null, Admin, CancellationToken.None);
        var selatan2022 = await pipeline.Completeness.ReportAsync(2022, "93", null, Admin, CancellationToken.None);

        var merauke = in2022.Regencies.Single(r => r.RegencyCode == "93.01");
        Assert.Equal(("91", "93", ReviewState.Submitted), (merauke.ReportingProvinceCode, merauke.ProvinceCode, merauke.ReviewState));
        Assert.Equal((papua.Count, 1), (in2022.Reporting.National.Expected, in2022.Reporting.National.Submitted));
        Assert.DoesNotContain(in2023.Regencies, r => r.RegencyCode == "93.01");
        Assert.Equal(papua.Count(r => r.ProvinceCode == "91"), in2023.Reporting.National.Expected);
        Assert.Empty(selatan2022.Regencies);
        Assert.Null(selatan2022.Reporting.National.Rate);
    }
}
