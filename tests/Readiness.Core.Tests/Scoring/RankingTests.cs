using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

public class RankingTests
{
    private static readonly Dictionary<string, double> NoPreviousYear = [];

    [Fact]
    public void NationalRank_IsStandardCompetitionRanking()
    {
        var ranked = Ranking.Rank(
            [Unranked("11.01", "11", 80), Unranked("11.02", "11", 70), Unranked("11.03", "11", 90), Unranked("11.04", "11", 80)],
            NoPreviousYear);

        Assert.Equal(
            [("11.03", 1), ("11.01", 2), ("11.04", 2), ("11.02", 4)],
            ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value)));
    }

    [Fact]
    public void NationalRank_ATieAtTheTopLeavesAGapOfItsSize()
    {
        var ranked = Ranking.Rank(
            [Unranked("11.04", "11", 10), Unranked("11.02", "11", 50), Unranked("11.01", "11", 50), Unranked("11.03", "11", 50)],
            NoPreviousYear);

        Assert.Equal([1, 1, 1, 4], ranked.Select(s => s.NationalRank!.Value));
        Assert.Equal(["11.01", "11.02", "11.03", "11.04"], ranked.Select(s => s.RegencyCode));
    }

    [Fact]
    public void Ranks_CompareFullPrecision_OnlyExactlyEqualScoresTie()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles: one unit in the last place above 0.3, so not a tie.
        var ranked = Ranking.Rank([Unranked("11.01", "11", 0.3), Unranked("11.02", "11", 0.1 + 0.2)], NoPreviousYear);

        Assert.Equal([("11.02", 1), ("11.01", 2)], ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value)));
    }

    [Fact]
    public void ProvinceRank_RanksWithinEachProvince_WithTies()
    {
        var ranked = Ranking.Rank(
            [
                Unranked("13.01", "13", 70),
                Unranked("13.02", "13", 60),
                Unranked("13.03", "13", 60),
                Unranked("13.04", "13", 20),
                Unranked("32.01", "32", 80),
                Unranked("32.02", "32", 50),
            ],
            NoPreviousYear);

        Assert.Equal(
            [("32.01", 1, 1), ("13.01", 2, 1), ("13.02", 3, 2), ("13.03", 3, 2), ("32.02", 5, 2), ("13.04", 6, 4)],
            ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value, s.ProvinceRank!.Value)));
    }

    [Fact]
    public void Trend_IsOverallMinusThePreviousYear_OrNullWithoutOne()
    {
        var previous = new Dictionary<string, double> { ["13.07"] = 40.5, ["99.99"] = 10 };

        var ranked = Ranking.Rank([Unranked("13.07", "13", 55.25), Unranked("13.71", "13", 60)], previous);

        Assert.Equal(14.75, ranked.Single(s => s.RegencyCode == "13.07").Trend!.Value, 1e-12); // 55.25 − 40.5
        Assert.Null(ranked.Single(s => s.RegencyCode == "13.71").Trend);
    }

    [Fact]
    public void Trend_CanBeNegative()
    {
        var ranked = Ranking.Rank([Unranked("13.07", "13", 30)], new Dictionary<string, double> { ["13.07"] = 45 });

        Assert.Equal(-15, ranked[0].Trend!.Value, 1e-12);
    }

    [Fact]
    public void Rank_IsIndependentOfInputOrder_AndLeavesTheOtherFieldsAlone()
    {
        List<RegencyScore> scores = [Unranked("13.07", "13", 40), Unranked("32.71", "32", 40), Unranked("13.71", "13", 75)];

        var once = Ranking.Rank(scores, NoPreviousYear);
        var reversed = Ranking.Rank([.. Enumerable.Reverse(scores)], NoPreviousYear);

        Assert.Equal(once, reversed);
        Assert.Equal(["13.71", "13.07", "32.71"], once.Select(s => s.RegencyCode));
        // All three are in one peer group (none has a population), so the peer rank is the national one here.
        Assert.Equal(scores[0] with { NationalRank = 2, ProvinceRank = 2, PeerRank = 2 }, once[1]);
        Assert.Null(scores[0].NationalRank);
    }

    [Fact]
    public void Rank_WithinAPeerGroup_ComparesOnlyPeers()
    {
        List<RegencyScore> scores =
        [
            Unranked("13.07", "13", 40) with { PeerGroup = "Kabupaten kecil" },
            Unranked("32.71", "32", 90) with { PeerGroup = "Kota sedang" },
            Unranked("13.71", "13", 75) with { PeerGroup = "Kota sedang" },
            Unranked("13.06", "13", 20) with { PeerGroup = "Kabupaten kecil" },
        ];

        var ranked = Ranking.Rank(scores, NoPreviousYear);

        Assert.Equal([("32.71", 1, 1), ("13.71", 2, 2), ("13.07", 3, 1), ("13.06", 4, 2)],
            ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value, s.PeerRank!.Value)));
    }

    [Fact]
    public void Rank_OfNothing_IsEmpty()
    {
        Assert.Empty(Ranking.Rank([], NoPreviousYear));
    }

    [Fact]
    public void Rank_RejectsSeveralYearsOrARegencyListedTwice()
    {
        Assert.Throws<ArgumentException>(() => Ranking.Rank([Unranked("13.07", "13", 1, 2023), Unranked("13.71", "13", 2, 2024)], NoPreviousYear));
        Assert.Throws<ArgumentException>(() => Ranking.Rank([Unranked("13.07", "13", 1), Unranked("13.07", "13", 2)], NoPreviousYear));
    }
}
