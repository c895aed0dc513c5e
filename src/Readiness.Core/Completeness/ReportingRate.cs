using System.Globalization;
using System.Text.Json.Serialization;
using Readiness.Core.Registry;
using Readiness.Core.Review;

namespace Readiness.Core.Completeness;

/// <summary>Whether a regency-year's report came by the due date. Answered in lower case with hyphens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubmissionTimeliness>))]
public enum SubmissionTimeliness
{
    /// <summary>Not submitted (Open, including a year returned or reopened and not submitted again).</summary>
    [JsonStringEnumMemberName("not-submitted")]
    NotSubmitted,

    /// <summary>Submitted by the end of the due day (WIB).</summary>
    [JsonStringEnumMemberName("on-time")]
    OnTime,

    /// <summary>Submitted after the due day (WIB).</summary>
    [JsonStringEnumMemberName("late")]
    Late,

    /// <summary>Submitted, but the year has no reporting calendar (or the submission's time is not in its history), so
    /// timeliness cannot be judged.</summary>
    [JsonStringEnumMemberName("not-judged")]
    NotJudged,
}

/// <summary>What the reporting figures need of one expected regency-year.</summary>
/// <param name="ProvinceCode">The province the regency belonged to in the year (<see cref="Regency.ProvinceIn"/>):
/// Merauke counts for Papua (91) until 2022 and for Papua Selatan (93) from 2023.</param>
/// <param name="Review">The stored review with its history; null when the year was never acted on (Open).</param>
/// <param name="HasData">Any value of the year is stored, or an upload is being written into it.</param>
public sealed record ReportingInput(string RegencyCode, string ProvinceCode, string ProvinceName, RegencyYearReview? Review, bool HasData);

/// <summary>One regency-year's report: its review state, when its current submission was made, how many times it was
/// submitted, and whether that was on time.</summary>
public sealed record RegencyReporting(string RegencyCode, string ProvinceCode, ReviewState State, DateTimeOffset? SubmittedAt, int Submissions, SubmissionTimeliness Timeliness, bool HasData)
{
    public bool Submitted => State != ReviewState.Open;
}

/// <summary>The reporting rate and timeliness of a set of regency-years (DHIS2's reporting rate and reporting rate on
/// time), of one province (as it was in the year) or, without <paramref name="ProvinceCode"/>, over all rows answered.
/// <see cref="OnTime"/>, <see cref="Late"/> and <see cref="OnTimeRate"/> are null when the year has no reporting
/// calendar (timeliness is not judged); the rates are null when nothing is expected.</summary>
/// <param name="Expected">The registry's regencies (of the province).</param>
/// <param name="Submitted">In review now: Submitted, Verified or Approved.</param>
/// <param name="NotSubmitted"><paramref name="Expected"/> − <paramref name="Submitted"/>.</param>
/// <param name="Returned">Not submitted now, but submitted before: returned by the Walidata or reopened by the
/// ministry, and not submitted again.</param>
/// <param name="DataNotSubmitted">Not submitted, with data of the year stored (or being written): the ones to chase for a
/// submission rather than for data.</param>
/// <param name="Rate"><paramref name="Submitted"/> / <paramref name="Expected"/>.</param>
/// <param name="OnTimeRate"><paramref name="OnTime"/> / <paramref name="Expected"/>.</param>
public sealed record ReportingFigures(
    string? ProvinceCode,
    string? ProvinceName,
    int Expected,
    int Submitted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? OnTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Late,
    int NotSubmitted,
    int Returned,
    int DataNotSubmitted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Rate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OnTimeRate);

/// <summary>The year's reporting window as answered (whole days in WIB).</summary>
public sealed record ReportingWindow(DateOnly Opens, DateOnly Due, DateOnly Closes)
{
    public static ReportingWindow? From(ReportingPeriod? period) => period is null ? null : new(period.Opens, period.Due, period.Closes);
}

/// <summary>Whether timeliness is judged, and why or by what, in English and Indonesian.</summary>
public sealed record TimelinessNote(
    bool Judged,
    string Message,
    [property: JsonPropertyName("message_id")] string MessageId);

/// <summary>The reporting of a year: the window it is judged by (null without a calendar), whether timeliness is
/// judged, the figures over every row answered (<see cref="National"/>) and per province of the year.</summary>
public sealed record ReportingSummary(
    int Year,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ReportingWindow? Calendar,
    TimelinessNote Timeliness,
    ReportingFigures National,
    IReadOnlyList<ReportingFigures> Provinces);

/// <summary>
/// The reporting rate and timeliness of a year, pure: who was expected (the registry's regencies), who has submitted
/// (review state Submitted, Verified or Approved now; a year returned to Open is not submitted), whether the current
/// submission (the last <c>submit</c> of the history: after a return the year is judged by its resubmission) came by
/// the end of the due day in WIB, per province of that year and over all.
/// </summary>
public static class ReportingRate
{
    /// <summary>The regency-years expected to report for <paramref name="year"/>: every regency of the registry, or those
    /// that belonged to <paramref name="provinceCode"/> in that year (Merauke is expected of Papua, 91, until 2022 and of
    /// Papua Selatan, 93, from 2023), in registry order.</summary>
    public static IReadOnlyList<Regency> Expected(RegencyRegistry registry, int year, string? provinceCode) =>
        [.. registry.Regencies.Where(r => provinceCode is null || r.ProvinceIn(year).Code == provinceCode)];

    /// <summary>The input of <see cref="Summarize"/> for one expected regency.</summary>
    public static ReportingInput Input(Regency regency, int year, RegencyYearReview? review, bool hasData)
    {
        var province = regency.ProvinceIn(year);
        return new ReportingInput(regency.Code, province.Code, province.Name, review, hasData);
    }

    /// <summary>One regency-year's report from its stored review (null: never acted on) and the year's window.</summary>
    public static RegencyReporting Of(ReportingInput input, ReportingPeriod? period)
    {
        var review = input.Review;
        var state = review?.State ?? ReviewState.Open;
        var submits = review?.History.Where(t => t.Action == ReviewAction.Submit).ToList() ?? [];
        if (state == ReviewState.Open)
        {
            return new RegencyReporting(input.RegencyCode, input.ProvinceCode, state, null, submits.Count, SubmissionTimeliness.NotSubmitted, input.HasData);
        }

        // From Open the only way forward is submit, so the last submit is the one the current state grew from.
        DateTimeOffset? at = submits.Count == 0 ? null : submits.MaxBy(t => t.Sequence)!.At;
        var timeliness = period is null || at is null ? SubmissionTimeliness.NotJudged
            : period.IsLate(at.Value) ? SubmissionTimeliness.Late
            : SubmissionTimeliness.OnTime;
        return new RegencyReporting(input.RegencyCode, input.ProvinceCode, state, at, submits.Count, timeliness, input.HasData);
    }

    /// <summary>The figures of some regency-years' reports; timeliness counted only when <paramref name="judged"/>.</summary>
    public static ReportingFigures Figures(IReadOnlyCollection<RegencyReporting> reports, bool judged, string? provinceCode = null, string? provinceName = null)
    {
        var expected = reports.Count;
        var submitted = reports.Count(r => r.Submitted);
        int? onTime = judged ? reports.Count(r => r.Timeliness == SubmissionTimeliness.OnTime) : null;
        int? late = judged ? reports.Count(r => r.Timeliness == SubmissionTimeliness.Late) : null;
        return new ReportingFigures(
            provinceCode,
            provinceName,
            expected,
            submitted,
            onTime,
            late,
            expected - submitted,
            reports.Count(r => !r.Submitted && r.Submissions > 0),
            reports.Count(r => !r.Submitted && r.HasData),
            expected == 0 ? null : (double)submitted / expected,
            expected == 0 || onTime is null ? null : (double)onTime.Value / expected);
    }

    /// <summary>The year's reports and their summary: over all of <paramref name="inputs"/> and per province of the
    /// year, in province code order.</summary>
    public static (IReadOnlyList<RegencyReporting> Reports, ReportingSummary Summary) Summarize(int year, IReadOnlyList<ReportingInput> inputs, ReportingPeriod? period)
    {
        var reports = inputs.Select(i => Of(i, period)).ToList();
        var judged = period is not null;
        var provinces = inputs.Zip(reports)
            .GroupBy(p => p.First.ProvinceCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures([.. g.Select(p => p.Second)], judged, g.Key, g.First().First.ProvinceName))
            .ToList();
        return (reports, new ReportingSummary(year, ReportingWindow.From(period), Note(year, period), Figures(reports, judged), provinces));
    }

    private static TimelinessNote Note(int year, ReportingPeriod? period)
    {
        if (period is null)
        {
            return new TimelinessNote(false,
                string.Create(CultureInfo.InvariantCulture, $"The reporting calendar has no due date for {year}, so timeliness cannot be judged: on time and late are not counted. The ministry sets the due date in the catalog's reportingCalendar."),
                string.Create(CultureInfo.InvariantCulture, $"Kalender pelaporan tidak memuat batas waktu untuk tahun {year}, sehingga ketepatan waktu tidak dapat dinilai: tepat waktu dan terlambat tidak dihitung. Kementerian menetapkan batas waktu di reportingCalendar katalog."));
        }

        var due = ReportingPeriod.Format(period.Due);
        return new TimelinessNote(true,
            $"On time: submitted by the end of {due} (23:59:59 WIB); late: submitted after it. A year returned and submitted again is judged by its resubmission.",
            $"Tepat waktu: diajukan paling lambat akhir {due} (23.59.59 WIB); terlambat: diajukan sesudahnya. Tahun yang dikembalikan lalu diajukan lagi dinilai dari pengajuan ulangnya.");
    }
}
