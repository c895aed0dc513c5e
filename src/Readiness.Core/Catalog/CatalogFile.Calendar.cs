using System.Globalization;
using Readiness.Core.Review;

namespace Readiness.Core.Catalog;

/// <summary>The catalog's <c>reportingCalendar</c>: per year the dates uploads open, are due and close
/// (<c>{"year": 2025, "opens": "2025-01-01", "due": "2026-01-31", "closes": "2026-03-31"}</c>, days in WIB).</summary>
public static partial class CatalogFile
{
    private static ReportingCalendar BuildCalendar(List<CalendarEntry>? entries, string source)
    {
        if (entries is null)
        {
            return ReportingCalendar.None;
        }

        var periods = new List<ReportingPeriod>();
        var years = new HashSet<int>();
        foreach (var entry in entries)
        {
            if (entry.Year is not (>= 2000 and <= 2100) || entry.Year is not { } year)
            {
                throw new CatalogException($"{source}: a reportingCalendar entry needs a 'year' between 2000 and 2100.");
            }

            var where = $"{source}: reportingCalendar {year}";
            var opens = ParseDay(entry.Opens, where, "opens");
            var due = ParseDay(entry.Due, where, "due");
            var closes = ParseDay(entry.Closes, where, "closes");
            if (opens > due || due > closes)
            {
                throw new CatalogException($"{where}: the dates must follow each other: opens ≤ due ≤ closes.");
            }

            if (!years.Add(year))
            {
                throw new CatalogException($"{where}: the year is listed twice.");
            }

            periods.Add(new ReportingPeriod(year, opens, due, closes));
        }

        return new ReportingCalendar(periods);
    }

    private static DateOnly ParseDay(string? text, string where, string field) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CatalogException($"{where}: '{field}' must be a date written yyyy-MM-dd (such as 2026-03-31), not '{text}'.");

    private static List<CalendarEntry>? ToCalendarEntries(ReportingCalendar calendar) => calendar.Periods.Count == 0
        ? null
        : [.. calendar.Periods.Select(p => new CalendarEntry
        {
            Year = p.Year,
            Opens = ReportingPeriod.Format(p.Opens),
            Due = ReportingPeriod.Format(p.Due),
            Closes = ReportingPeriod.Format(p.Closes),
        })];

    private sealed class CalendarEntry
    {
        public int? Year { get; set; }
        public string? Opens { get; set; }
        public string? Due { get; set; }
        public string? Closes { get; set; }
    }
}
