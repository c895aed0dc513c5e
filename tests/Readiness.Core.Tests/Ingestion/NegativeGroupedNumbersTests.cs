using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;

namespace Readiness.Core.Tests.Ingestion;

/// <summary>A negative number with a thousands separator keeps its sign through the reader, whichever path reads it.</summary>
public class NegativeGroupedNumbersTests
{
    // One indicator without bounds, so that every reading of a cell is a valid value the test can look at.
    private static readonly ObservationReader Reader = new(
        CatalogFile.Parse("""
            {
              "version": "test-1",
              "indicators": [{ "code": "NET", "dimension": "economy", "unit": "count", "scoring": { "method": "target", "target": 10 } }]
            }
            """),
        TestData.Registry);

    private static async Task<double[]> Values(string csv, NumberStyle? locale = null)
    {
        var (report, values) = await Reader.ReadAllAsync(() => new MemoryStream(TestData.Utf8(csv)), new ReadOptions { Locale = locale });
        Assert.True(report.Valid, report.ToJson());
        return [.. values.Select(v => v.Value)];
    }

    [Fact]
    public async Task AnIndonesianFile_ReadsMinusOnePointTwoThreeFour_AsMinusOneThousandTwoHundredThirtyFour()
    {
        var values = await Values("kode_wilayah;kode_indikator;periode;nilai\n13.07;NET;2024;-1.234\n13.07;NET;2023;-12.345\n13.07;NET;2022;-1.234.567,5\n");

        Assert.Equal([-1234, -12345, -1234567.5], values);
    }

    [Fact]
    public async Task AQuotedOrSpacedCell_KeepsItsSign()
    {
        var values = await Values("kode_wilayah;kode_indikator;periode;nilai\n13.07;NET;2024;\" -1.234 \"\n13.07;NET;2023;\"-12.345\"\n");

        Assert.Equal([-1234, -12345], values);
    }

    [Theory]
    [InlineData(NumberStyle.DecimalComma, -1234)]
    [InlineData(NumberStyle.DecimalPoint, -1.234)]
    public async Task TheLocaleOption_DecidesMinusOnePointTwoThreeFour(NumberStyle locale, double expected)
    {
        var values = await Values("regency_code,indicator_code,period,value\n13.07,NET,2024,-1.234\n", locale);

        Assert.Equal([expected], values);
    }
}
