using System.Text.Json;
using Readiness.Core.Completeness;
using Readiness.Core.Review;

namespace Readiness.Core.Tests.Completeness;

public class ReportingRateTests
{
    private static readonly ReportingPeriod Period2024 = new(2024, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 3, 31));

    /// <summary>A moment in WIB (UTC+7), as officers see it.</summary>
    private static DateTimeOffset Wib(int year, int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(7));

    /// <summary>A stored review that went through <paramref name="steps"/> (action, time), in order, from Open.</summary>
    private static RegencyYearReview Reviewed(string regency, params (ReviewAction Action, DateTimeOffset At)[] steps)
    {
        var state = ReviewState.Open;
        var history = new List<ReviewTransition>();
        foreach (var (action, at) in steps)
        {
            var to = ReviewRules.Target(action, state) ?? throw new ArgumentException($"{action} is not possible from {state}");
            history.Add(new ReviewTransition(history.Count + 1, action, state, to, at, "key:test", "admin", "comment"));
            state = to;
        }

        return new RegencyYearReview(regency, 2024) { State = state, History = history, Transitions = history.Count, ChangedAt = steps.LastOrDefault().At };
    }

    private static ReportingInput Input(string regency, RegencyYearReview? review, bool hasData = true, string province = "13", string name = "Sumatera Barat") =>
        new(regency, province, name, review, hasData);

    private static RegencyReporting Of(RegencyYearReview? review, ReportingPeriod? period = null) =>
        ReportingRate.Of(Input("13.07", review), period ?? Period2024);

    [Fact]
    public void Submission_IsOnTimeUntilTheEndOfTheDueDayInWib_AndLateFromTheNextMoment()
    {
        Assert.Equal(SubmissionTimeliness.OnTime, Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 31, 23, 59, 59)))).Timeliness);
        Assert.Equal(SubmissionTimeliness.Late, Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 2, 1, 0, 0, 0)))).Timeliness);
        // 2025-01-31 17:00 UTC is already 1 February in Jakarta; 16:59:59 UTC is still the due day.
        Assert.Equal(SubmissionTimeliness.Late, Of(Reviewed("13.07", (ReviewAction.Submit, new DateTimeOffset(2025, 1, 31, 17, 0, 0, TimeSpan.Zero)))).Timeliness);
        Assert.Equal(SubmissionTimeliness.OnTime, Of(Reviewed("13.07", (ReviewAction.Submit, new DateTimeOffset(2025, 1, 31, 16, 59, 59, TimeSpan.Zero)))).Timeliness);
        // Before the window opens is not late either.
        Assert.Equal(SubmissionTimeliness.OnTime, Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2023, 12, 31)))).Timeliness);
    }

    [Fact]
    public void VerifiedAndApprovedYears_AreSubmitted_AndJudgedByTheirSubmission_NotByTheLaterSteps()
    {
        var approved = Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 20)), (ReviewAction.Verify, Wib(2025, 2, 10)), (ReviewAction.Approve, Wib(2025, 3, 1))));

        Assert.True(approved.Submitted);
        Assert.Equal(ReviewState.Approved, approved.State);
        Assert.Equal(Wib(2025, 1, 20), approved.SubmittedAt);
        Assert.Equal(SubmissionTimeliness.OnTime, approved.Timeliness);
        Assert.Equal(1, approved.Submissions);
    }

    [Fact]
    public void ReturnedYear_IsNotSubmitted_UntilSubmittedAgain_ThenJudgedByTheResubmission()
    {
        var returned = Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 10)), (ReviewAction.Return, Wib(2025, 1, 30))));
        var resubmitted = Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 10)), (ReviewAction.Return, Wib(2025, 1, 30)), (ReviewAction.Submit, Wib(2025, 2, 3))));
        var reopened = Of(Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 10)), (ReviewAction.Verify, Wib(2025, 1, 11)), (ReviewAction.Approve, Wib(2025, 1, 12)), (ReviewAction.Reopen, Wib(2025, 2, 1))));

        Assert.Equal((false, SubmissionTimeliness.NotSubmitted, (DateTimeOffset?)null, 1), (returned.Submitted, returned.Timeliness, returned.SubmittedAt, returned.Submissions));
        Assert.Equal((true, SubmissionTimeliness.Late, (DateTimeOffset?)Wib(2025, 2, 3), 2), (resubmitted.Submitted, resubmitted.Timeliness, resubmitted.SubmittedAt, resubmitted.Submissions));
        Assert.Equal((false, SubmissionTimeliness.NotSubmitted), (reopened.Submitted, reopened.Timeliness));

        var figures = ReportingRate.Figures([returned, resubmitted, reopened, Of(null)], judged: true);
        Assert.Equal((4, 1, 0, 1, 3, 2), (figures.Expected, figures.Submitted, figures.OnTime, figures.Late, figures.NotSubmitted, figures.Returned));
    }

    [Fact]
    public void YearWithoutCalendar_DoesNotJudgeTimeliness_AndSaysSo()
    {
        var inputs = new[]
        {
            Input("13.07", Reviewed("13.07", (ReviewAction.Submit, Wib(2030, 1, 1)))),
            Input("13.71", null),
        };

        var (reports, summary) = ReportingRate.Summarize(2024, inputs, period: null);

        Assert.Equal(SubmissionTimeliness.NotJudged, reports[0].Timeliness);
        Assert.Null(summary.Calendar);
        Assert.False(summary.Timeliness.Judged);
        Assert.Contains("cannot be judged", summary.Timeliness.Message, StringComparison.Ordinal);
        Assert.Contains("tidak dapat dinilai", summary.Timeliness.MessageId, StringComparison.Ordinal);
        Assert.Equal((2, 1, (int?)null, (int?)null, (double?)0.5, (double?)null),
            (summary.National.Expected, summary.National.Submitted, summary.National.OnTime, summary.National.Late, summary.National.Rate, summary.National.OnTimeRate));
        // Not counted is written as null, not left out, so a reader cannot take it for zero.
        var json = JsonDocument.Parse(JsonSerializer.Serialize(summary, WebJson.Options)).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("national").GetProperty("onTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("national").GetProperty("late").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("calendar").ValueKind);
        Assert.Equal("not-judged", JsonSerializer.Serialize(reports[0].Timeliness, WebJson.Options).Trim('"'));
    }

    [Fact]
    public void SubmittedStateWithoutASubmitStep_IsNotGuessedOnTime()
    {
        var orphan = new RegencyYearReview("13.07", 2024) { State = ReviewState.Submitted, ChangedAt = Wib(2025, 1, 1) };

        var report = Of(orphan);

        Assert.True(report.Submitted);
        Assert.Equal(SubmissionTimeliness.NotJudged, report.Timeliness);
        var figures = ReportingRate.Figures([report], judged: true);
        Assert.Equal((1, 0, 0), (figures.Submitted, figures.OnTime, figures.Late));
    }

    [Fact]
    public void Figures_PerProvinceAndOverAll_CountRatesAndTheRegenciesWithDataButNoSubmission()
    {
        var inputs = new[]
        {
            Input("13.07", Reviewed("13.07", (ReviewAction.Submit, Wib(2025, 1, 15)))),
            Input("13.71", Reviewed("13.71", (ReviewAction.Submit, Wib(2025, 2, 15)), (ReviewAction.Verify, Wib(2025, 2, 16)))),
            Input("13.06", null, hasData: true),
            Input("13.04", null, hasData: false),
            Input("32.71", Reviewed("32.71", (ReviewAction.Submit, Wib(2025, 1, 31, 23, 0))), province: "32", name: "Jawa Barat"),
            Input("32.01", Reviewed("32.01", (ReviewAction.Submit, Wib(2025, 1, 5)), (ReviewAction.Return, Wib(2025, 1, 6))), hasData: true, province: "32", name: "Jawa Barat"),
        };

        var (_, summary) = ReportingRate.Summarize(2024, inputs, Period2024);

        Assert.True(summary.Timeliness.Judged);
        Assert.Equal(new ReportingWindow(Period2024.Opens, Period2024.Due, Period2024.Closes), summary.Calendar);
        Assert.Equal(["13", "32"], summary.Provinces.Select(p => p.ProvinceCode));
        var west = summary.Provinces[0];
        Assert.Equal(("Sumatera Barat", 4, 2, (int?)1, (int?)1, 2, 0, 1), (west.ProvinceName, west.Expected, west.Submitted, west.OnTime, west.Late, west.NotSubmitted, west.Returned, west.DataNotSubmitted));
        Assert.Equal((0.5, 0.25), (west.Rate!.Value, west.OnTimeRate!.Value));
        var java = summary.Provinces[1];
        Assert.Equal((2, 1, (int?)1, (int?)0, 1, 1, 1), (java.Expected, java.Submitted, java.OnTime, java.Late, java.NotSubmitted, java.Returned, java.DataNotSubmitted));
        var all = summary.National;
        Assert.Null(all.ProvinceCode);
        Assert.Equal((6, 3, (int?)2, (int?)1, 3, 1, 2), (all.Expected, all.Submitted, all.OnTime, all.Late, all.NotSubmitted, all.Returned, all.DataNotSubmitted));
        Assert.Equal((0.5, 2.0 / 6), (all.Rate!.Value, all.OnTimeRate!.Value));
        Assert.Equal(all.Expected, all.Submitted + all.NotSubmitted);
        Assert.Equal(all.Submitted, all.OnTime + all.Late);
    }

    [Fact]
    public void NothingExpected_HasNoRate_RatherThanZeroOrNaN()
    {
        var (_, summary) = ReportingRate.Summarize(2024, [], Period2024);

        Assert.Empty(summary.Provinces);
        Assert.Equal((0, 0, (int?)0, (double?)null, (double?)null), (summary.National.Expected, summary.National.Submitted, summary.National.OnTime, summary.National.Rate, summary.National.OnTimeRate));
    }

    [Fact]
    public void ProvinceFilter_ExpectsTheRegenciesOfThatProvinceInThatYear()
    {
        var registry = TestData.Registry;

        var west = ReportingRate.Expected(registry, 2024, "13");

        Assert.NotEmpty(west);
        Assert.All(west, r => Assert.Equal("13", r.ProvinceCode));
        Assert.Equal(registry.Regencies.Count(r => r.ProvinceCode == "13"), west.Count);
        Assert.Equal(registry.Count, ReportingRate.Expected(registry, 2024, null).Count);
        Assert.Empty(ReportingRate.Expected(registry, 2024, "99"));
    }

    /// <summary>The 2022 Papua split (<c>../shared/data/code-changes-2022.csv</c>): 26 regencies changed code and
    /// province; their former code was valid through 2022, so they count for the former province until then.</summary>
    [Fact]
    public void PapuaSplit_RegenciesCountForTheirFormerProvinceThrough2022_AndTheNewOneFrom2023()
    {
        var registry = TestData.NationalRegistry;
        var changes = File.ReadAllLines(Development.SharedData.File("code-changes-2022.csv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(c => (Former: c[0], FormerProvince: c[1], Code: c[2]))
            .ToList();
        Assert.Equal(26, changes.Count);

        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            var inputs = registry.Regencies.Select(r => ReportingRate.Input(r, year, null, hasData: false)).ToList();
            var (reports, summary) = ReportingRate.Summarize(year, inputs, null);
            var moved = year <= 2022;
            foreach (var (_, formerProvince, code) in changes)
            {
                Assert.Equal(moved ? formerProvince : code[..2], reports.Single(r => r.RegencyCode == code).ProvinceCode);
            }

            // Every regency is expected exactly once nationally, whichever province it counts for.
            Assert.Equal(514, summary.National.Expected);
            Assert.Equal(514, summary.Provinces.Sum(p => p.Expected));
            Assert.Equal(moved ? 34 : 38, summary.Provinces.Count);
            var papua = summary.Provinces.Single(p => p.ProvinceCode == "91");
            var stayed = registry.Regencies.Count(r => r.ProvinceCode == "91");
            Assert.Equal(moved ? stayed + changes.Count(c => c.FormerProvince == "91") : stayed, papua.Expected);
            Assert.Equal("Papua", papua.ProvinceName);
        }

        var merauke = ReportingRate.Expected(registry, 2022, "91").Single(r => r.Code == "93.01");
        Assert.Equal("Kabupaten Merauke", merauke.Name);
        Assert.DoesNotContain(ReportingRate.Expected(registry, 2022, "93"), r => r.Code == "93.01");
        Assert.Contains(ReportingRate.Expected(registry, 2023, "93"), r => r.Code == "93.01");
        Assert.Equal("Papua Selatan", ReportingRate.Input(merauke, 2023, null, false).ProvinceName);
    }
}
