using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Completeness;

public class CompletenessServiceTests
{
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
}
