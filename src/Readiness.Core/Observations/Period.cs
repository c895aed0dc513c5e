using System.Globalization;

namespace Readiness.Core.Observations;

public enum PeriodKind
{
    Year,
    Quarter,
    Month,
}

/// <summary>
/// A reporting period in its canonical ISO form: <c>2024</c>, <c>2024Q1</c> or <c>2024-01</c>.
/// Ordered by start, then by length (a year sorts before its first quarter and month).
/// </summary>
public readonly record struct Period(int Year, PeriodKind Kind, int Index) : IComparable<Period>
{
    public const int MinYear = 1900;
    public const int MaxYear = 2100;

    public static Period OfYear(int year) => new(year, PeriodKind.Year, 0);

    public static Period OfQuarter(int year, int quarter) => new(year, PeriodKind.Quarter, quarter);

    public static Period OfMonth(int year, int month) => new(year, PeriodKind.Month, month);

    /// <summary>First month of the period (1–12).</summary>
    public int StartMonth => Kind switch
    {
        PeriodKind.Quarter => ((Index - 1) * 3) + 1,
        PeriodKind.Month => Index,
        _ => 1,
    };

    /// <summary>Last month of the period (1–12): what "latest period" compares for the <c>last</c> aggregation.</summary>
    public int EndMonth => Kind switch
    {
        PeriodKind.Quarter => Index * 3,
        PeriodKind.Month => Index,
        _ => 12,
    };

    public DateTime Start => new(Year, StartMonth, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool IsSubYear => Kind != PeriodKind.Year;

    /// <summary>A number that orders periods and identifies one within a year: year × 1000 + kind × 100 + index.</summary>
    public int SortKey => (Year * 1000) + ((int)Kind * 100) + Index;

    public int CompareTo(Period other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Kind.CompareTo(other.Kind);
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Index}"),
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Index:00}"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a canonical period only (<c>2024</c>, <c>2024Q1</c>, <c>2024-01</c>), as stored.</summary>
    public static Period ParseCanonical(string text) =>
        TryParseCanonical(text, out var period) ? period : throw new FormatException($"'{text}' is not a canonical period.");

    public static bool TryParseCanonical(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (text.Length < 4 || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            year is < MinYear or > MaxYear)
        {
            return false;
        }

        if (text.Length == 4)
        {
            period = OfYear(year);
            return true;
        }

        if (text.Length == 6 && text[4] == 'Q' && text[5] is >= '1' and <= '4')
        {
            period = OfQuarter(year, text[5] - '0');
            return true;
        }

        if (text.Length == 7 && text[4] == '-' &&
            int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = OfMonth(year, month);
            return true;
        }

        return false;
    }
}
