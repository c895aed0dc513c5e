using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;

namespace Readiness.Core.Tests.Scoring;

/// <summary>Small builders that keep the scoring tests readable.</summary>
internal static class ScoringTestData
{
    private static readonly DateTimeOffset Submitted = new(2025, 1, 15, 8, 0, 0, TimeSpan.FromHours(7));

    public static readonly Regency LimaPuluhKota = new("13.07", "Kabupaten Lima Puluh Kota", "13", "Sumatera Barat", "1308", ["50 Kota"]);
    public static readonly Regency Padang = new("13.71", "Kota Padang", "13", "Sumatera Barat", "1371", []);
    public static readonly Regency Bogor = new("32.71", "Kota Bogor", "32", "Jawa Barat", "3271", []);

    /// <summary>An observation of a canonical period (<c>2024</c>, <c>2024Q1</c>, <c>2024-01</c>).</summary>
    public static Observation Obs(string regency, string indicator, string period, double value, int submittedMinutesLater = 0) =>
        new(regency, indicator, Period.ParseCanonical(period), value, null, null, "upload-test", Submitted.AddMinutes(submittedMinutesLater));

    /// <summary>A one-dimension test catalog: indicators of the governance dimension, the other five weighing 0, so
    /// that Overall equals the governance score.</summary>
    public static IndicatorCatalog GovernanceOnly(string indicatorsJson, string levelsJson = "") => CatalogFile.Parse($$"""
        {
          "version": "test-1",
          "dimensionWeights": { "governance": 1, "branding": 0, "economy": 0, "living": 0, "society": 0, "environment": 0 },
          {{(levelsJson.Length > 0 ? $"\"levels\": {levelsJson}," : "")}}
          "indicators": {{indicatorsJson}}
        }
        """);

    /// <summary>An unranked score with only what ranking reads filled in.</summary>
    public static RegencyScore Unranked(string code, string province, double overall, int year = 2024) => new(
        year,
        code,
        $"Regency {code}",
        province,
        $"Province {province}",
        overall,
        new Dictionary<Dimension, double>(),
        new Dictionary<Dimension, double>(),
        Coverage: 1,
        Level: 1,
        LevelName: "Rintisan",
        NationalRank: null,
        ProvinceRank: null,
        Trend: null,
        IndicatorsReported: 0,
        IndicatorsTotal: 0,
        CatalogVersion: "test-1",
        Indicators: []);
}
