using Readiness.Core.Catalog;

namespace Readiness.Core.Tests.Catalog;

public class CatalogFileTests
{
    [Fact]
    public void Default_HasFourIndicatorsPerDimensionWithTheIssueParameters()
    {
        var catalog = CatalogFile.Default;

        Assert.Equal(24, catalog.Indicators.Count);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            Assert.Equal(4, catalog.InDimension(dimension).Count());
        }

        Assert.True(catalog.TryGet("gov-04", out var complaints));
        Assert.Equal(new ScoringRule(ScoringMethod.Target, Direction.LowerIsBetter, Target: 3), complaints.Scoring);
        Assert.True(catalog.TryGet("ECO-04", out var growth));
        Assert.Equal((-20.0, 30.0), (growth.Min!.Value, growth.Max!.Value));
        Assert.Equal(new ScoringRule(ScoringMethod.Range, Best: 7, Worst: 0), growth.Scoring);
        Assert.True(catalog.TryGet("BRA-01", out var visits));
        Assert.Equal(Aggregation.Sum, visits.Aggregation);
        Assert.True(catalog.TryGet("BRA-02", out var portal));
        Assert.Equal(Aggregation.Last, portal.Aggregation);
        Assert.True(catalog.TryGet("SOC-02", out var literacy));
        Assert.Equal(Aggregation.Last, literacy.Aggregation);
        Assert.Equal(Aggregation.Mean, catalog.Indicators.Single(i => i.Code == "ENV-03").Aggregation);
    }

    [Theory]
    [InlineData(0, 1, "Rintisan")]
    [InlineData(19.999, 1, "Rintisan")]
    [InlineData(20, 2, "Terkelola")]
    [InlineData(59.9, 3, "Terdefinisi")]
    [InlineData(79.99, 4, "Terpadu dan Terukur")]
    [InlineData(80, 5, "Optimum")]
    [InlineData(100, 5, "Optimum")]
    public void LevelFor_UsesTheCatalogBands(double overall, int level, string name)
    {
        var band = CatalogFile.Default.LevelFor(overall);

        Assert.Equal((level, name), (band.Level, band.Name));
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var again = CatalogFile.Parse(CatalogFile.ToJson(CatalogFile.Default));

        Assert.Equal(CatalogFile.Default.Version, again.Version);
        Assert.Equal(CatalogFile.Default.Indicators, again.Indicators);
    }

    [Theory]
    [InlineData("""{"indicators":[]}""", "'version' is required")]
    [InlineData("""{"version":"1","indicators":[{"code":"X-1","dimension":"governance","unit":"percent","scoring":{"method":"target"}}]}""", "positive 'target'")]
    [InlineData("""{"version":"1","indicators":[{"code":"X-1","dimension":"mobility","unit":"percent","scoring":{"method":"level"}}]}""", "'dimension' must be one of")]
    [InlineData("""{"version":"1","indicators":[{"code":"X/1","dimension":"living","unit":"percent","scoring":{"method":"level"}}]}""", "may not contain")]
    [InlineData("""{"version":"1","indicators":[{"code":"X-1","dimension":"living","unit":"percent","scoring":{"method":"level"}},{"code":"x-1","dimension":"living","unit":"percent","scoring":{"method":"level"}}]}""", "listed twice")]
    [InlineData("""not json""", "not a valid catalog JSON")]
    public void Parse_RejectsBrokenCatalogsWithAClearMessage(string json, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
