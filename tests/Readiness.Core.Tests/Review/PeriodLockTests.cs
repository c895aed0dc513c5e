using System.Text.Json.Nodes;
using Readiness.Core.Catalog;
using Readiness.Core.Review;
using Readiness.Core.Validation;

namespace Readiness.Core.Tests.Review;

public class PeriodLockTests
{
    private static readonly ReportingPeriod Period2024 = new(2024, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 3, 31));
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    /// <summary>A moment in WIB (UTC+7), as officers see it.</summary>
    private static DateTimeOffset Wib(int year, int month, int day, int hour = 12, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private static PeriodLockStatus Evaluate(RegencyYearReview review, DateTimeOffset received) =>
        PeriodLockStatus.Evaluate(review, Period2024, received, received, Ttl);

    [Fact]
    public void OpenYear_InItsWindow_IsTaken_OnTimeUntilTheEndOfTheDueDayInWib()
    {
        var open = new RegencyYearReview("13.07", 2024);
        Assert.Equal(LockReason.None, Evaluate(open, Wib(2024, 6, 1)).Reason);
        Assert.False(Evaluate(open, Wib(2025, 1, 31, 23, 59)).Late);
        Assert.True(Evaluate(open, Wib(2025, 2, 1, 0, 0)).Late);
        // 2025-01-31 20:00 UTC is already 1 February in Jakarta.
        Assert.True(Evaluate(open, new DateTimeOffset(2025, 1, 31, 20, 0, 0, TimeSpan.Zero)).Late);
        Assert.Equal(LockReason.None, Evaluate(open, Wib(2025, 3, 31, 23, 59)).Reason);
    }

    [Fact]
    public void OpenYear_AfterItsClosingDay_IsLocked_UnlessALockExceptionHoldsItOpen()
    {
        var open = new RegencyYearReview("13.07", 2024);
        var closed = Evaluate(open, Wib(2025, 4, 1, 0, 0));
        Assert.Equal(LockReason.Closed, closed.Reason);
        Assert.False(closed.Late);

        var excepted = open with { UnlockedUntil = new DateOnly(2025, 4, 15) };
        var taken = Evaluate(excepted, Wib(2025, 4, 15, 23, 0));
        Assert.Equal(LockReason.None, taken.Reason);
        Assert.True(taken.Late);
        Assert.Equal(LockReason.Closed, Evaluate(excepted, Wib(2025, 4, 16, 0, 0)).Reason);
    }

    [Fact]
    public void BeforeTheYearOpens_UploadsAreLocked() =>
        Assert.Equal(LockReason.NotYetOpen, Evaluate(new RegencyYearReview("13.07", 2024), Wib(2023, 12, 31, 23, 0)).Reason);

    [Theory]
    [InlineData(ReviewState.Submitted)]
    [InlineData(ReviewState.Verified)]
    [InlineData(ReviewState.Approved)]
    public void ReviewedYear_IsLocked_EvenInItsWindow_AndALockExceptionDoesNotOpenIt(ReviewState state)
    {
        var review = new RegencyYearReview("13.07", 2024) { State = state, UnlockedUntil = new DateOnly(2025, 12, 31) };
        Assert.Equal(LockReason.Review, Evaluate(review, Wib(2024, 6, 1)).Reason);
    }

    [Fact]
    public void YearBeingSubmitted_IsLocked_UntilTheMarkerIsStale()
    {
        var at = Wib(2024, 6, 1);
        var marked = new RegencyYearReview("13.07", 2024) { SubmittingSince = at };
        Assert.Equal(LockReason.BeingSubmitted, PeriodLockStatus.Evaluate(marked, null, at, at.AddSeconds(30), Ttl).Reason);
        Assert.Equal(LockReason.None, PeriodLockStatus.Evaluate(marked, null, at, at.AddMinutes(2), Ttl).Reason);
    }

    [Fact]
    public void YearWithoutACalendarEntry_NeverCloses() =>
        Assert.Equal(LockReason.None, PeriodLockStatus.Evaluate(new RegencyYearReview("13.07", 2019), null, Wib(2030, 1, 1), Wib(2030, 1, 1), Ttl).Reason);

    [Theory]
    [InlineData(ReviewState.Submitted, "Walidata", "readiness review return")]
    [InlineData(ReviewState.Approved, "reopen", "readiness review reopen")]
    public void LockedError_NamesTheYearTheStateAndWhatToDo_InBothLanguages(ReviewState state, string english, string command)
    {
        var error = Evaluate(new RegencyYearReview("13.07", 2024) { State = state }, Wib(2024, 6, 1)).ToError();
        Assert.Equal(ErrorCodes.PeriodLocked, error.Code);
        Assert.Contains("13.07 2024", error.Message, StringComparison.Ordinal);
        Assert.Contains(state.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(english, error.Message, StringComparison.Ordinal);
        Assert.Contains(command, error.MessageId, StringComparison.Ordinal);
        Assert.Contains(state.ToString(), error.MessageId, StringComparison.Ordinal);
        Assert.Contains("tahun 2024", error.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedError_NamesTheClosingDate_AndTheLockException()
    {
        var error = Evaluate(new RegencyYearReview("13.07", 2024), Wib(2025, 5, 1)).ToError();
        Assert.Contains("closed on 2025-03-31", error.Message, StringComparison.Ordinal);
        Assert.Contains("lock exception", error.Message, StringComparison.Ordinal);
        Assert.Contains("ditutup pada 2025-03-31", error.MessageId, StringComparison.Ordinal);
        Assert.Contains("readiness review unlock --regency 13.07 --year 2024", error.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ReadsAndWritesTheReportingCalendar()
    {
        var json = JsonNode.Parse(CatalogFile.ToJson(CatalogFile.Default))!.AsObject();
        json["reportingCalendar"] = JsonNode.Parse("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}]""");
        var catalog = CatalogFile.Parse(json.ToJsonString());

        Assert.Equal(Period2024, catalog.Calendar.For(2024));
        Assert.Null(catalog.Calendar.For(2023));
        Assert.Equal(Period2024, CatalogFile.Parse(CatalogFile.ToJson(catalog)).Calendar.For(2024));
        Assert.Empty(CatalogFile.Default.Calendar.Periods);
    }

    [Theory]
    [InlineData("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "31/03/2025"}]""", "'closes' must be a date written yyyy-MM-dd")]
    [InlineData("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-04-30", "closes": "2025-03-31"}]""", "opens ≤ due ≤ closes")]
    [InlineData("""[{"opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}]""", "needs a 'year'")]
    [InlineData("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}, {"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}]""", "listed twice")]
    public void Catalog_WithABadCalendar_SaysWhatIsWrong(string calendar, string expected)
    {
        var json = JsonNode.Parse(CatalogFile.ToJson(CatalogFile.Default))!.AsObject();
        json["reportingCalendar"] = JsonNode.Parse(calendar);
        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(json.ToJsonString()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
