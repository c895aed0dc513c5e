using System.Globalization;

namespace Readiness.Core.Review;

/// <summary>
/// The reporting window of one year, from the catalog's <c>reportingCalendar</c>: uploads for the year are taken from
/// <see cref="Opens"/>; those received after <see cref="Due"/> are late (taken, flagged); after <see cref="Closes"/>
/// the year is locked unless a lock exception is open. Dates are whole days in Western Indonesian Time (WIB, UTC+7),
/// the ministry's: a year due on 2025-01-31 is on time until 2025-01-31 23:59:59 WIB.
/// </summary>
public sealed record ReportingPeriod(int Year, DateOnly Opens, DateOnly Due, DateOnly Closes)
{
    /// <summary>WIB, which has no daylight saving time.</summary>
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>The first moment of <paramref name="day"/> in WIB.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Wib);

    /// <summary>The first moment after <paramref name="day"/> (its end) in WIB.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>The calendar day of <paramref name="at"/> in WIB.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Wib).DateTime);

    public bool IsNotYetOpen(DateTimeOffset at) => at < StartOf(Opens);

    public bool IsLate(DateTimeOffset at) => at >= EndOf(Due);

    public bool IsClosed(DateTimeOffset at) => at >= EndOf(Closes);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The reporting windows by year; a year the calendar does not list has no window (never closes).</summary>
public sealed class ReportingCalendar
{
    private readonly Dictionary<int, ReportingPeriod> _byYear;

    public ReportingCalendar(IEnumerable<ReportingPeriod> periods)
    {
        _byYear = [];
        foreach (var period in periods)
        {
            if (period.Opens > period.Due || period.Due > period.Closes)
            {
                throw new ArgumentException($"The reporting period of {period.Year} must open on or before it is due, and be due on or before it closes.", nameof(periods));
            }

            if (!_byYear.TryAdd(period.Year, period))
            {
                throw new ArgumentException($"The reporting calendar lists {period.Year} twice.", nameof(periods));
            }
        }

        Periods = [.. _byYear.Values.OrderBy(p => p.Year)];
    }

    public static ReportingCalendar None { get; } = new([]);

    /// <summary>Oldest year first.</summary>
    public IReadOnlyList<ReportingPeriod> Periods { get; }

    public ReportingPeriod? For(int year) => _byYear.GetValueOrDefault(year);
}
