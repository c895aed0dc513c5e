using Readiness.Core.Ingestion;
using Readiness.Core.Observations;

namespace Readiness.Core.Tests.Ingestion;

public class SeenKeysTests
{
    [Fact]
    public void TryAdd_RejectsAKeySeenBefore_WithItsFirstValueAndRow()
    {
        var seen = new SeenKeys(indicatorCount: 24, regencyCount: 514, membershipOnly: false);

        Assert.True(seen.TryAdd(3, 5, Period.OfMonth(2024, 7), 87.5, row: 2, out _));
        Assert.False(seen.TryAdd(3, 5, Period.OfMonth(2024, 7), 90, row: 9, out var earlier));

        Assert.Equal((87.5, 2), earlier);
    }

    [Fact]
    public void TryAdd_KeepsTheFirstValue_WhenAKeyRepeatsSeveralTimes()
    {
        var seen = new SeenKeys(24, 514, membershipOnly: false);
        seen.TryAdd(0, 0, Period.OfYear(2024), 1, row: 2, out _);
        seen.TryAdd(0, 0, Period.OfYear(2024), 2, row: 3, out _);

        seen.TryAdd(0, 0, Period.OfYear(2024), 3, row: 4, out var earlier);

        Assert.Equal((1.0, 2), earlier);
    }

    public static TheoryData<int, int, int, int, int> DistinctKeys => new()
    {
        // regency, indicator, year, kind (0 year, 1 quarter, 2 month), index: each differs from (1, 1, 2024, month 1) in one part
        { 2, 1, 2024, 2, 1 },
        { 1, 2, 2024, 2, 1 },
        { 1, 1, 2023, 2, 1 },
        { 1, 1, 2024, 2, 2 },
        { 1, 1, 2024, 2, 12 },
        { 1, 1, 2024, 1, 1 },
        { 1, 1, 2024, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(DistinctKeys))]
    public void TryAdd_TellsApartKeysThatDifferInOnePart(int regency, int indicator, int year, int kind, int index)
    {
        foreach (var membershipOnly in new[] { false, true })
        {
            var seen = new SeenKeys(24, 514, membershipOnly);
            seen.TryAdd(1, 1, Period.OfMonth(2024, 1), 1, row: 2, out _);

            Assert.True(seen.TryAdd(regency, indicator, new Period(year, (PeriodKind)kind, index), 1, row: 3, out _));
        }
    }

    [Fact]
    public void MembershipOnly_RemembersKeysButNotTheirValues()
    {
        var seen = new SeenKeys(24, 514, membershipOnly: true);
        seen.TryAdd(7, 3, Period.OfQuarter(2024, 4), 12.5, row: 5, out _);

        Assert.True(seen.MembershipOnly);
        Assert.False(seen.TryAdd(7, 3, Period.OfQuarter(2024, 4), 12.5, row: 6, out var earlier));
        Assert.Equal(default, earlier);
    }

    [Fact]
    public void TryAdd_WorksWithoutTheArrayOfHeads_ForALargeRegistry()
    {
        // 20,000 regencies × 24 indicators is past the array of chain heads: the dictionary takes over.
        var seen = new SeenKeys(24, 20_000, membershipOnly: false);

        Assert.True(seen.TryAdd(19_999, 23, Period.OfYear(2024), 4, row: 2, out _));
        Assert.True(seen.TryAdd(19_998, 23, Period.OfYear(2024), 4, row: 3, out _));
        Assert.False(seen.TryAdd(19_999, 23, Period.OfYear(2024), 5, row: 4, out var earlier));
        Assert.Equal((4.0, 2), earlier);
    }

    [Fact]
    public void TryAdd_KeepsPeriodsOutsideThePageLayout_InItsFallback()
    {
        var seen = new SeenKeys(24, 514, membershipOnly: false);
        var odd = new Period(2024, PeriodKind.Month, 13);

        Assert.True(seen.TryAdd(1, 1, odd, 8, row: 2, out _));
        Assert.True(seen.TryAdd(1, 1, Period.OfMonth(2024, 12), 8, row: 3, out _));
        Assert.False(seen.TryAdd(1, 1, odd, 9, row: 4, out var earlier));
        Assert.Equal((8.0, 2), earlier);
    }

    [Fact]
    public void TryAdd_FindsEveryKeyOfAFileReadYearByYear_PastAChunkOfPages()
    {
        // 30 years × 514 regencies × 24 indicators makes more pages than one chunk holds; every key is found again.
        var seen = new SeenKeys(24, 514, membershipOnly: false);
        var row = 1;
        for (var year = 1995; year < 2025; year++)
        {
            for (var regency = 0; regency < 514; regency += 37)
            {
                for (var indicator = 0; indicator < 24; indicator++)
                {
                    Assert.True(seen.TryAdd(regency, indicator, Period.OfMonth(year, 1 + (indicator % 12)), year, ++row, out _));
                }
            }
        }

        Assert.False(seen.TryAdd(37, 5, Period.OfMonth(2000, 6), 0, row: 0, out var earlier));
        Assert.Equal(2000.0, earlier.Value);
    }
}
