using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

/// <summary>Merauke (93.01, 91.01 until 2022) ranks within Papua until 2022 and within Papua Selatan from 2023.</summary>
public class ProvinceOfTheYearTests
{
    private static RegencyScore Score(string code, int year, double value) =>
        ScoreCalculator.ScoreRegency(TestData.NationalRegistry.Resolve(code).Regency!, year, [Obs(code, "GOV-01", year.ToString(System.Globalization.CultureInfo.InvariantCulture), value)], TestData.Catalog);

    [Fact]
    public void ProvinceRanks_UseTheProvinceOfTheYear()
    {
        // Merauke, Jayapura (Papua throughout), Boven Digoel (Papua until 2022, Papua Selatan after).
        var ranked2021 = Ranking.Rank([Score("93.01", 2021, 50), Score("91.03", 2021, 90), Score("93.02", 2021, 70)], new Dictionary<string, double>());
        var ranked2023 = Ranking.Rank([Score("93.01", 2023, 50), Score("91.03", 2023, 90), Score("93.02", 2023, 70)], new Dictionary<string, double>());

        Assert.Equal([("91.03", "91", "Papua", 1), ("93.02", "91", "Papua", 2), ("93.01", "91", "Papua", 3)],
            ranked2021.Select(s => (s.RegencyCode, s.ProvinceCode, s.ProvinceName, s.ProvinceRank!.Value)));
        Assert.Equal([("91.03", "91", "Papua", 1), ("93.02", "93", "Papua Selatan", 1), ("93.01", "93", "Papua Selatan", 2)],
            ranked2023.Select(s => (s.RegencyCode, s.ProvinceCode, s.ProvinceName, s.ProvinceRank!.Value)));
        Assert.All(ranked2021.Concat(ranked2023), s => Assert.Equal(s.NationalRank, s.RegencyCode == "91.03" ? 1 : s.RegencyCode == "93.02" ? 2 : 3));
    }
}
