using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

/// <summary>
/// The worked example of docs/methodology.md: three regencies, 2023 and 2024, the default catalog (every indicator
/// and dimension weighs 1, so D = 25 × Σ s over the dimension's four indicators and Overall = Σ D / 6). Every
/// expected number below was computed by hand; the comments carry the arithmetic, the document the full table.
/// </summary>
public class WorkedExampleTests
{
    private const double Precision = 1e-9;
    private const string A = "13.07"; // Kabupaten Lima Puluh Kota, Sumatera Barat
    private const string B = "13.71"; // Kota Padang, Sumatera Barat
    private const string C = "32.71"; // Kota Bogor, Jawa Barat

    private static readonly Regency[] Regencies = [LimaPuluhKota, Padang, Bogor];

    private static readonly Observation[] Observations =
    [
        // ── Kabupaten Lima Puluh Kota, 2023 ──
        Obs(A, "GOV-01", "2023", 50), // 50/100 = 0.5
        Obs(A, "GOV-02", "2023", 2), // (2−1)/4 = 0.25
        Obs(A, "BRA-02", "2023", 0), // no → 0 (reported)
        Obs(A, "ECO-03", "2023", 7), // (7−12)/(2−12) = 0.5
        Obs(A, "LIV-01", "2023Q2", 50), Obs(A, "LIV-01", "2023Q4", 70), // mean 60 → 0.6
        Obs(A, "SOC-01", "2023", 70), // 0.7
        Obs(A, "ENV-01", "2023", 40), // 0.4
        // ── Kabupaten Lima Puluh Kota, 2024 ──
        Obs(A, "GOV-01", "2024Q1", 60), Obs(A, "GOV-01", "2024Q2", 70), Obs(A, "GOV-01", "2024Q3", 80), Obs(A, "GOV-01", "2024Q4", 90), // mean 75 → 0.75
        Obs(A, "GOV-02", "2024-03", 2), Obs(A, "GOV-02", "2024-06", 3), Obs(A, "GOV-02", "2024Q2", 4), // last: 2024-06 beats 2024Q2 → 3 → 0.5
        Obs(A, "GOV-04", "2024-01", 2), Obs(A, "GOV-04", "2024", 4), // yearly wins → 4 > 3 → 3/4 = 0.75
        Obs(A, "BRA-01", "2024Q1", 100), Obs(A, "BRA-01", "2024Q2", 150), Obs(A, "BRA-01", "2024Q3", 200), Obs(A, "BRA-01", "2024Q4", 150), // sum 600 → 0.6
        Obs(A, "BRA-02", "2024", 1), // yes → 1
        Obs(A, "ECO-03", "2024", 5), // (5−12)/(2−12) = 0.7
        Obs(A, "ECO-04", "2024", 8.5), // 8.5/7 → clamped to 1
        Obs(A, "LIV-01", "2024", 80), // 0.8
        Obs(A, "LIV-03", "2024-01", 20), Obs(A, "LIV-03", "2024-02", 30), // mean 25 > 15 → 15/25 = 0.6
        Obs(A, "SOC-01", "2024", 90), // 0.9
        Obs(A, "SOC-02", "2024Q3", 3.5), Obs(A, "SOC-02", "2024Q4", 3), // last: Q4 → 3 → 0.5
        Obs(A, "ENV-02", "2024", 64), // (64−0)/(100−0) = 0.64
        Obs(A, "ENV-03", "2024", 45), // 45/30 → clamped to 1
        Obs(A, "XYZ-99", "2024", 42), // not in the catalog: ignored

        // ── Kota Padang, 2023 ──
        Obs(B, "GOV-01", "2023", 80), Obs(B, "GOV-02", "2023", 3), Obs(B, "GOV-03", "2023", 60), Obs(B, "GOV-04", "2023", 6), // 0.8, 0.5, 0.6, 3/6 = 0.5
        Obs(B, "BRA-02", "2023", 1), Obs(B, "BRA-04", "2023", 2), // 1, 0.25
        Obs(B, "ECO-01", "2023Q1", 25), Obs(B, "ECO-01", "2023Q2", 35), Obs(B, "ECO-02", "2023", 60), // mean 30 → 30/60 = 0.5; 0.6
        Obs(B, "LIV-01", "2023", 90), Obs(B, "LIV-03", "2023-06", 18), Obs(B, "LIV-03", "2023-12", 22), // 0.9; mean 20 → 15/20 = 0.75
        Obs(B, "SOC-01", "2023", 80), Obs(B, "SOC-03", "2023", 90), // 0.8, 0.9
        Obs(B, "ENV-01", "2023", 60), Obs(B, "ENV-03", "2023", 30), // 0.6, 30/30 = 1
        // ── Kota Padang, 2024 ──
        Obs(B, "GOV-01", "2024-10", 90), Obs(B, "GOV-01", "2024-11", 95), Obs(B, "GOV-01", "2024-12", 100), // mean 95 → 0.95
        Obs(B, "GOV-02", "2024", 4), Obs(B, "GOV-03", "2024", 100), // 0.75, 1
        Obs(B, "GOV-04", "2024-01", 2), Obs(B, "GOV-04", "2024-02", 3), // mean 2.5 ≤ 3 → 1
        Obs(B, "BRA-01", "2024-01", 300), Obs(B, "BRA-01", "2024-02", 400), Obs(B, "BRA-01", "2024-03", 500), // sum 1200 → clamped to 1
        Obs(B, "BRA-02", "2024Q1", 0), Obs(B, "BRA-02", "2024Q4", 1), // last: Q4 → 1
        Obs(B, "BRA-03", "2024Q1", 20), Obs(B, "BRA-03", "2024Q2", 30), // sum 50 → 0.5
        Obs(B, "BRA-04", "2024", 3), // 0.5
        Obs(B, "ECO-01", "2024", 45), Obs(B, "ECO-02", "2024", 80), Obs(B, "ECO-03", "2024", 13), // 45/60 = 0.75; 0.8; (13−12)/(2−12) → clamped to 0
        Obs(B, "ECO-04", "2024Q1", 3), Obs(B, "ECO-04", "2024Q2", 4), // mean 3.5 → 3.5/7 = 0.5
        Obs(B, "LIV-01", "2024", 100), Obs(B, "LIV-02", "2024", 50), Obs(B, "LIV-03", "2024", 10), Obs(B, "LIV-04", "2024", 90), // 1, 0.5, 1, 0.9
        Obs(B, "SOC-01", "2024", 100), Obs(B, "SOC-02", "2024-12", 4), Obs(B, "SOC-03", "2024", 98), // 1, 0.75, 0.98
        Obs(B, "SOC-04", "2024Q1", 2), Obs(B, "SOC-04", "2024Q2", 3), Obs(B, "SOC-04", "2024Q3", 4), Obs(B, "SOC-04", "2024Q4", 5), // mean 3.5 → 3.5/5 = 0.7
        Obs(B, "ENV-01", "2024", 80), Obs(B, "ENV-02", "2024", 70), Obs(B, "ENV-03", "2024", 15), Obs(B, "ENV-04", "2024", 10), // 0.8, 0.7, 0.5, 0.5

        // ── Kota Bogor, 2023 ──
        Obs(C, "GOV-01", "2023", 90), Obs(C, "GOV-02", "2023", 4), Obs(C, "GOV-03", "2023", 80), Obs(C, "GOV-04", "2023", 3), // 0.9, 0.75, 0.8, 1
        Obs(C, "BRA-01", "2023Q1", 100), Obs(C, "BRA-01", "2023Q2", 100), Obs(C, "BRA-01", "2023Q3", 150), Obs(C, "BRA-01", "2023Q4", 150), // sum 500 → 0.5
        Obs(C, "BRA-02", "2023", 1), // 1
        Obs(C, "ECO-01", "2023", 42), Obs(C, "ECO-03", "2023", 6), // 42/60 = 0.7; (6−12)/(2−12) = 0.6
        Obs(C, "LIV-01", "2023", 95), Obs(C, "LIV-02", "2023", 20), // 0.95, 0.2
        Obs(C, "SOC-01", "2023", 85), // 0.85
        Obs(C, "ENV-01", "2023", 50), Obs(C, "ENV-02", "2023", 60), Obs(C, "ENV-03", "2023", 30), // 0.5, 0.6, 1
        // ── Kota Bogor, 2024 ──
        Obs(C, "GOV-01", "2024Q1", 70), Obs(C, "GOV-01", "2024Q2", 80), Obs(C, "GOV-01", "2024Q3", 90), // mean 80 → 0.8
        Obs(C, "GOV-02", "2024", 5), Obs(C, "GOV-03", "2024", 90), Obs(C, "GOV-04", "2024", 5), // 1, 0.9, 3/5 = 0.6
        Obs(C, "BRA-01", "2024-06", 900), Obs(C, "BRA-01", "2024", 450), // yearly wins over the sum → 450/1000 = 0.45
        Obs(C, "BRA-02", "2024", 1), Obs(C, "BRA-03", "2024", 150), // 1; 150/100 → clamped to 1
        Obs(C, "BRA-04", "2024Q2", 4), Obs(C, "BRA-04", "2024Q4", 3.5), // last: Q4 → (3.5−1)/4 = 0.625
        Obs(C, "ECO-01", "2024", 48), Obs(C, "ECO-02", "2024", 90), Obs(C, "ECO-03", "2024", 4), Obs(C, "ECO-04", "2024", 5.6), // 0.8, 0.9, 0.8, 0.8
        Obs(C, "LIV-01", "2024", 100), Obs(C, "LIV-02", "2024", 40), // 1, 0.4
        Obs(C, "LIV-03", "2024-01", 12), Obs(C, "LIV-03", "2024-02", 18), // mean 15 ≤ 15 → 1
        Obs(C, "SOC-01", "2024", 95), Obs(C, "SOC-02", "2024", 3), Obs(C, "SOC-03", "2024", 99), // 0.95, 0.5, 0.99
        Obs(C, "ENV-01", "2024", 70), // 0.7
        Obs(C, "ENV-02", "2024Q1", 40), Obs(C, "ENV-02", "2024Q2", 50), Obs(C, "ENV-02", "2024Q3", 60), // mean 50 → 0.5
        Obs(C, "ENV-04", "2024", 25), // 25/20 → clamped to 1
    ];

    /// <summary>Per regency and year: D per dimension (= 25 × Σ s), coverage per dimension (reported / 4), Overall
    /// (= Σ D / 6), Coverage (= Σ coverage / 6), level, national and province rank, trend.</summary>
    private static readonly Dictionary<(string Regency, int Year), Expected> Hand = new()
    {
        // Gov 25×(0.5+0.25) = 18.75 · Bra 25×0 = 0 · Eco 25×0.5 = 12.5 · Liv 25×0.6 = 15 · Soc 25×0.7 = 17.5 · Env 25×0.4 = 10
        // Overall = 73.75 / 6 = 12.291666… (< 20: level 1) · Coverage = (2+1+1+1+1+1)/4/6 = 1.75/6
        [(A, 2023)] = new([18.75, 0, 12.5, 15, 17.5, 10], [0.5, 0.25, 0.25, 0.25, 0.25, 0.25],
            12.291666666666667, 0.29166666666666667, 1, "Rintisan", 3, 2, null, 7),
        // Gov 25×(0.75+0.5+0+0.75) = 50 · Bra 25×(0.6+1) = 40 · Eco 25×(0.7+1) = 42.5 · Liv 25×(0.8+0.6) = 35
        // Soc 25×(0.9+0.5) = 35 · Env 25×(0.64+1) = 41 · Overall = 243.5 / 6 = 40.583333… · Coverage = 3.25 / 6
        // Trend = 243.5/6 − 73.75/6 = 169.75 / 6 = 28.291666…
        [(A, 2024)] = new([50, 40, 42.5, 35, 35, 41], [0.75, 0.5, 0.5, 0.5, 0.5, 0.5],
            40.583333333333333, 0.54166666666666667, 3, "Terdefinisi", 3, 2, 28.291666666666667, 13),
        // Gov 25×(0.8+0.5+0.6+0.5) = 60 · Bra 25×(1+0.25) = 31.25 · Eco 25×(0.5+0.6) = 27.5 · Liv 25×(0.9+0.75) = 41.25
        // Soc 25×(0.8+0.9) = 42.5 · Env 25×(0.6+1) = 40 · Overall = 242.5 / 6 = 40.416666… · Coverage = 3.5 / 6
        [(B, 2023)] = new([60, 31.25, 27.5, 41.25, 42.5, 40], [1, 0.5, 0.5, 0.5, 0.5, 0.5],
            40.416666666666667, 0.58333333333333333, 3, "Terdefinisi", 2, 1, null, 14),
        // Gov 25×(0.95+0.75+1+1) = 92.5 · Bra 25×(1+1+0.5+0.5) = 75 · Eco 25×(0.75+0.8+0+0.5) = 51.25
        // Liv 25×(1+0.5+1+0.9) = 85 · Soc 25×(1+0.75+0.98+0.7) = 85.75 · Env 25×(0.8+0.7+0.5+0.5) = 62.5
        // Overall = 452 / 6 = 75.333333… (60 ≤ … < 80: level 4) · Coverage = 1 · Trend = (452 − 242.5) / 6 = 209.5 / 6
        [(B, 2024)] = new([92.5, 75, 51.25, 85, 85.75, 62.5], [1, 1, 1, 1, 1, 1],
            75.333333333333333, 1, 4, "Terpadu dan Terukur", 1, 1, 34.916666666666667, 24),
        // Gov 25×(0.9+0.75+0.8+1) = 86.25 · Bra 25×(0.5+1) = 37.5 · Eco 25×(0.7+0.6) = 32.5 · Liv 25×(0.95+0.2) = 28.75
        // Soc 25×0.85 = 21.25 · Env 25×(0.5+0.6+1) = 52.5 · Overall = 258.75 / 6 = 43.125 · Coverage = (4+2+2+2+1+3)/4/6 = 3.5/6
        [(C, 2023)] = new([86.25, 37.5, 32.5, 28.75, 21.25, 52.5], [1, 0.5, 0.5, 0.5, 0.25, 0.75],
            43.125, 0.58333333333333333, 3, "Terdefinisi", 1, 1, null, 14),
        // Gov 25×(0.8+1+0.9+0.6) = 82.5 · Bra 25×(0.45+1+1+0.625) = 76.875 · Eco 25×(0.8+0.9+0.8+0.8) = 82.5
        // Liv 25×(1+0.4+1) = 60 · Soc 25×(0.95+0.5+0.99) = 61 · Env 25×(0.7+0.5+1) = 55
        // Overall = 417.875 / 6 = 69.645833… · Coverage = (1+1+1+0.75+0.75+0.75)/6 = 5.25/6 = 0.875
        // Trend = (417.875 − 258.75) / 6 = 159.125 / 6 = 26.520833…
        [(C, 2024)] = new([82.5, 76.875, 82.5, 60, 61, 55], [1, 1, 1, 0.75, 0.75, 0.75],
            69.645833333333333, 0.875, 4, "Terpadu dan Terukur", 2, 1, 26.520833333333333, 21),
    };

    [Theory]
    [InlineData(A, 2023)]
    [InlineData(A, 2024)]
    [InlineData(B, 2023)]
    [InlineData(B, 2024)]
    [InlineData(C, 2023)]
    [InlineData(C, 2024)]
    public void Score_MatchesTheHandComputation(string regency, int year)
    {
        var expected = Hand[(regency, year)];

        var score = ScoredAndRanked()[year].Single(s => s.RegencyCode == regency);

        var dimensions = Enum.GetValues<Dimension>();
        for (var d = 0; d < dimensions.Length; d++)
        {
            Assert.Equal(expected.Dimensions[d], score.DimensionScores[dimensions[d]], Precision);
            Assert.Equal(expected.DimensionCoverage[d], score.DimensionCoverage[dimensions[d]], Precision);
        }

        Assert.Equal(
            [.. expected.Dimensions],
            new[] { score.Governance, score.Branding, score.Economy, score.Living, score.Society, score.Environment },
            new ToleranceComparer(Precision));
        Assert.Equal(expected.Overall, score.Overall, Precision);
        Assert.Equal(expected.Coverage, score.Coverage, Precision);
        Assert.Equal((expected.Level, expected.LevelName), (score.Level, score.LevelName));
        Assert.Equal((expected.NationalRank, expected.ProvinceRank), (score.NationalRank, score.ProvinceRank));
        if (expected.Trend is { } trend)
        {
            Assert.Equal(trend, score.Trend!.Value, Precision);
        }
        else
        {
            Assert.Null(score.Trend);
        }

        Assert.Equal((expected.IndicatorsReported, 24, "2026.1"), (score.IndicatorsReported, score.IndicatorsTotal, score.CatalogVersion));
    }

    [Fact]
    public void Ranking_OrdersEachYearByNationalRank()
    {
        var ranked = ScoredAndRanked();

        // 2023: Bogor 43.125 > Padang 40.416… > Lima Puluh Kota 12.291…; 2024: Padang 75.333… > Bogor 69.645… > Lima Puluh Kota 40.583…
        Assert.Equal([C, B, A], ranked[2023].Select(s => s.RegencyCode));
        Assert.Equal([B, C, A], ranked[2024].Select(s => s.RegencyCode));
    }

    [Fact]
    public void Indicators_ExplainTheValuesDownToThePeriods()
    {
        var a2024 = ScoredAndRanked()[2024].Single(s => s.RegencyCode == A);
        var c2024 = ScoredAndRanked()[2024].Single(s => s.RegencyCode == C);

        Assert.Equal((75.0, 0.75, "2024Q1,2024Q2,2024Q3,2024Q4", 4), Explain(a2024, "GOV-01"));
        Assert.Equal((3.0, 0.5, "2024-06", 3), Explain(a2024, "GOV-02"));
        Assert.Equal((4.0, 0.75, "2024", 2), Explain(a2024, "GOV-04"));
        Assert.Equal((600.0, 0.6, "2024Q1,2024Q2,2024Q3,2024Q4", 4), Explain(a2024, "BRA-01"));
        Assert.Equal((8.5, 1.0, "2024", 1), Explain(a2024, "ECO-04"));
        Assert.Equal((450.0, 0.45, "2024", 2), Explain(c2024, "BRA-01"));
        Assert.Equal((3.5, 0.625, "2024Q4", 2), Explain(c2024, "BRA-04"));
        Assert.False(a2024.Indicators.Single(i => i.IndicatorCode == "GOV-03").Reported);
        Assert.DoesNotContain(a2024.Indicators, i => i.IndicatorCode == "XYZ-99");
    }

    private static (double, double, string, int) Explain(RegencyScore score, string code)
    {
        var indicator = score.Indicators.Single(i => i.IndicatorCode == code);
        return (Math.Round(indicator.Value!.Value, 9), Math.Round(indicator.Score!.Value, 9), indicator.Periods, indicator.ObservationCount);
    }

    /// <summary>Scores each regency from its whole history (both years), then ranks 2023 and 2024, the latter with
    /// 2023's Overall as the previous year.</summary>
    private static Dictionary<int, IReadOnlyList<RegencyScore>> ScoredAndRanked()
    {
        IReadOnlyList<RegencyScore> ScoreYear(int year) =>
        [
            .. Regencies.Select(r => ScoreCalculator.ScoreRegency(
                r, year, Observations.Where(o => o.RegencyCode == r.Code), CatalogFile.Default)),
        ];

        var ranked2023 = Ranking.Rank(ScoreYear(2023), new Dictionary<string, double>());
        var ranked2024 = Ranking.Rank(ScoreYear(2024), ranked2023.ToDictionary(s => s.RegencyCode, s => s.Overall));
        return new() { [2023] = ranked2023, [2024] = ranked2024 };
    }

    private sealed record Expected(
        double[] Dimensions,
        double[] DimensionCoverage,
        double Overall,
        double Coverage,
        int Level,
        string LevelName,
        int NationalRank,
        int ProvinceRank,
        double? Trend,
        int IndicatorsReported);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
