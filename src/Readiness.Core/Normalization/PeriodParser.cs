using System.Globalization;
using System.Text.RegularExpressions;
using Readiness.Core.Observations;

namespace Readiness.Core.Normalization;

/// <summary>
/// Reads the periods regencies write into canonical ISO forms (<c>2024</c>, <c>2024Q1</c>, <c>2024-01</c>):
/// years, quarters (<c>2024Q1</c>, <c>Q1 2024</c>, <c>TW I 2024</c>), months (<c>202401</c>, <c>01/2024</c>,
/// <c>Jan 2024</c>, <c>Januari 2024</c>, <c>Agu-24</c>) and full dates (<c>2024-01-15</c>, <c>15/01/2024</c>),
/// which map to their month. Day-first dates, as Indonesian Excel writes them.
/// </summary>
public static partial class PeriodParser
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        // Fast path for the canonical forms (2024, 2024Q1, 2024-01), which most files use: every canonical text
        // parses to the same period through the patterns below, without their allocations.
        if (Period.TryParseCanonical(text, out period))
        {
            return true;
        }

        var s = Collapse().Replace(text.Trim().Replace('\u00A0', ' '), " ");
        Match m;
        if ((m = YearOnly().Match(s)).Success)
        {
            return Year(m.Groups["y"].Value, out var y) && Set(Period.OfYear(y), out period);
        }

        if ((m = YearThenQuarter().Match(s)).Success || (m = QuarterThenYear().Match(s)).Success)
        {
            return Year(m.Groups["y"].Value, out var y) && Quarter(m.Groups["q"].Value, out var q) &&
                   Set(Period.OfQuarter(y, q), out period);
        }

        if ((m = YearMonthDigits().Match(s)).Success || (m = MonthYearDigits().Match(s)).Success)
        {
            return Year(m.Groups["y"].Value, out var y) && Month(m.Groups["m"].Value, out var mo) &&
                   Set(Period.OfMonth(y, mo), out period);
        }

        if ((m = IsoDate().Match(s)).Success || (m = DayFirstDate().Match(s)).Success)
        {
            return Year(m.Groups["y"].Value, out var y) && Month(m.Groups["m"].Value, out var mo) &&
                   ValidDay(y, mo, m.Groups["d"].Value) && Set(Period.OfMonth(y, mo), out period);
        }

        if ((m = MonthNameYear().Match(s)).Success || (m = YearMonthName().Match(s)).Success)
        {
            return Months.TryGetValue(m.Groups["name"].Value.ToLowerInvariant().TrimEnd('.'), out var mo) &&
                   ExpandYear(m.Groups["y"].Value, out var y) &&
                   (!m.Groups["d"].Success || ValidDay(y, mo, m.Groups["d"].Value)) &&
                   Set(Period.OfMonth(y, mo), out period);
        }

        return false;
    }

    /// <summary>The forms accepted, for error messages.</summary>
    public const string AcceptedForms =
        "2024, 2024Q1, Q1 2024, 2024-01, 202401, 01/2024, Jan 2024, Januari 2024 or a date such as 15/01/2024";

    private static bool Set(Period value, out Period period)
    {
        period = value;
        return true;
    }

    private static bool Year(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= Period.MinYear and <= Period.MaxYear;

    /// <summary>Two-digit years only follow a month name (Excel's <c>mmm-yy</c>): 24 is 2024.</summary>
    private static bool ExpandYear(string text, out int year)
    {
        if (text.Length == 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var yy))
        {
            year = 2000 + yy;
            return true;
        }

        return Year(text, out year);
    }

    private static bool Month(string text, out int month) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out month) && month is >= 1 and <= 12;

    private static bool Quarter(string text, out int quarter)
    {
        quarter = text.ToUpperInvariant() switch
        {
            "1" or "I" => 1,
            "2" or "II" => 2,
            "3" or "III" => 3,
            "4" or "IV" => 4,
            _ => 0,
        };
        return quarter != 0;
    }

    private static bool ValidDay(int year, int month, string day) =>
        int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1 && d <= DateTime.DaysInMonth(year, month);

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string[][] names =
        [
            ["januari", "january", "jan"],
            ["februari", "february", "feb", "pebruari", "peb"],
            ["maret", "march", "mar"],
            ["april", "apr"],
            ["mei", "may"],
            ["juni", "june", "jun"],
            ["juli", "july", "jul"],
            ["agustus", "august", "agu", "agt", "ags", "aug", "agus"],
            ["september", "sep", "sept"],
            ["oktober", "october", "okt", "oct"],
            ["november", "nov", "nop", "nopember"],
            ["desember", "december", "des", "dec"],
        ];
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[name] = i + 1;
            }
        }

        return months;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Collapse();

    [GeneratedRegex(@"^(?:tahun\s*)?(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/ ]?\s*(?:Q|TW|K)\s*(?<q>[1-4]|IV|I{1,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex YearThenQuarter();

    [GeneratedRegex(@"^(?:Q|TW|K|Triwulan|Kuartal|Quarter)\s*[-.]?\s*(?<q>[1-4]|IV|I{1,3})\s*[-/ ]\s*(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterThenYear();

    [GeneratedRegex(@"^(?<y>\d{4})(?:[-/.]?)(?<m>\d{2})$|^(?<y>\d{4})[-/.](?<m>\d{1,2})$")]
    private static partial Regex YearMonthDigits();

    [GeneratedRegex(@"^(?<m>\d{1,2})[-/.](?<y>\d{4})$")]
    private static partial Regex MonthYearDigits();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:[T ][\d:.]+Z?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<d>\d{1,2})[-/.](?<m>\d{1,2})[-/.](?<y>\d{4})(?: [\d:.]+)?$")]
    private static partial Regex DayFirstDate();

    [GeneratedRegex(@"^(?:(?<d>\d{1,2})[\s-])?(?<name>[A-Za-z]{3,9}\.?)\s*[-/ ]?\s*(?<y>\d{4}|\d{2})$")]
    private static partial Regex MonthNameYear();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/ ]\s*(?<name>[A-Za-z]{3,9})$")]
    private static partial Regex YearMonthName();
}
