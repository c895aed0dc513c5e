using Readiness.Core.Normalization;

namespace Readiness.Core.Tests.Normalization;

/// <summary>Every month spelling the parser knows, and the edges of dates, quarters and years.</summary>
public class PeriodSpellingTests
{
    public static TheoryData<string, int> MonthSpellings => new()
    {
        { "Januari", 1 }, { "January", 1 }, { "Jan", 1 },
        { "Februari", 2 }, { "February", 2 }, { "Feb", 2 }, { "Pebruari", 2 }, { "Peb", 2 },
        { "Maret", 3 }, { "March", 3 }, { "Mar", 3 },
        { "April", 4 }, { "Apr", 4 },
        { "Mei", 5 }, { "May", 5 },
        { "Juni", 6 }, { "June", 6 }, { "Jun", 6 },
        { "Juli", 7 }, { "July", 7 }, { "Jul", 7 },
        { "Agustus", 8 }, { "August", 8 }, { "Agu", 8 }, { "Agt", 8 }, { "Ags", 8 }, { "Aug", 8 }, { "Agus", 8 },
        { "September", 9 }, { "Sep", 9 }, { "Sept", 9 },
        { "Oktober", 10 }, { "October", 10 }, { "Okt", 10 }, { "Oct", 10 },
        { "November", 11 }, { "Nov", 11 }, { "Nop", 11 }, { "Nopember", 11 },
        { "Desember", 12 }, { "December", 12 }, { "Des", 12 }, { "Dec", 12 },
    };

    [Theory]
    [MemberData(nameof(MonthSpellings))]
    public void TryParse_EveryMonthSpelling_InEveryLayout(string name, int month)
    {
        var expected = $"2024-{month:00}";
        foreach (var text in new[] { $"{name} 2024", $"{name.ToUpperInvariant()} 2024", $"{name.ToLowerInvariant()}-24", $"{name}. 2024", $"2024 {name}", $"2024-{name}", $"1 {name} 2024" })
        {
            if (text.StartsWith("2024", StringComparison.Ordinal) && name.Length > 9)
            {
                continue;
            }

            Assert.True(PeriodParser.TryParse(text, out var period), text);
            Assert.Equal(expected, period.ToString());
        }
    }

    [Theory]
    [InlineData("01/03/2024", "2024-03")]
    [InlineData("1/4/2024", "2024-04")]
    [InlineData("01-06-2024", "2024-06")]
    [InlineData("01.07.2024", "2024-07")]
    [InlineData("2024-03-01", "2024-03")]
    [InlineData("2024-3-1", "2024-03")]
    [InlineData("2024-04-01T00:00:00", "2024-04")]
    [InlineData("2024-06-01 08:30", "2024-06")]
    [InlineData("01/07/2024 00:00", "2024-07")]
    [InlineData("1 Maret 2024", "2024-03")]
    [InlineData("01-Apr-2024", "2024-04")]
    [InlineData("1 Juli 2024", "2024-07")]
    public void TryParse_TheFirstOfAMonth_IsThatMonth(string text, string expected)
    {
        Assert.True(PeriodParser.TryParse(text, out var period), text);
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("29/02/2024", "2024-02")] // a leap day
    [InlineData("30/04/2024", "2024-04")]
    [InlineData("31/07/2024", "2024-07")]
    [InlineData("2024-06-30", "2024-06")]
    [InlineData("31 Maret 2024", "2024-03")]
    public void TryParse_TheLastDayOfAMonth_IsThatMonth(string text, string expected)
    {
        Assert.True(PeriodParser.TryParse(text, out var period), text);
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("29/02/2023")] // not a leap year
    [InlineData("31/04/2024")]
    [InlineData("31/06/2024")]
    [InlineData("00/03/2024")]
    [InlineData("2024-06-31")]
    [InlineData("2024-04-00")]
    [InlineData("32 Juli 2024")]
    [InlineData("0 Maret 2024")]
    [InlineData("31 Juni 2024")]
    [InlineData("2024-13-01")]
    [InlineData("01/00/2024")]
    public void TryParse_ADayTheMonthDoesNotHave_IsNotAPeriod(string text)
    {
        Assert.False(PeriodParser.TryParse(text, out _), text);
    }

    [Theory]
    [InlineData("2024", "2024")]
    [InlineData("Tahun 2024", "2024")]
    [InlineData("tahun2024", "2024")]
    [InlineData("2024\u00A0Q2", "2024Q2")]
    [InlineData("2024  -  Q2", "2024Q2")]
    [InlineData("2024TW3", "2024Q3")]
    [InlineData("2024 K4", "2024Q4")]
    [InlineData("2024/Q4", "2024Q4")]
    [InlineData("Q3 2024", "2024Q3")]
    [InlineData("TW III 2024", "2024Q3")]
    [InlineData("TW.2-2024", "2024Q2")]
    [InlineData("Triwulan I 2024", "2024Q1")]
    [InlineData("Kuartal 2/2024", "2024Q2")]
    [InlineData("Quarter 4 2024", "2024Q4")]
    [InlineData("K1 2024", "2024Q1")]
    [InlineData("tw ii 2024", "2024Q2")]
    [InlineData("2024.07", "2024-07")]
    [InlineData("2024/12", "2024-12")]
    [InlineData("2024-7", "2024-07")]
    [InlineData("7/2024", "2024-07")]
    [InlineData("07-2024", "2024-07")]
    [InlineData("12.2024", "2024-12")]
    [InlineData("202412", "2024-12")]
    [InlineData("1900", "1900")]
    [InlineData("2100Q1", "2100Q1")]
    public void TryParse_YearsQuartersAndMonthNumbers(string text, string expected)
    {
        Assert.True(PeriodParser.TryParse(text, out var period), text);
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("1899")]
    [InlineData("2101")]
    [InlineData("Q1 1899")]
    [InlineData("Jan 1899")]
    [InlineData("Jan-99x")]
    [InlineData("202400")]
    [InlineData("202413")]
    [InlineData("0/2024")]
    [InlineData("2024Q0")]
    [InlineData("TW V 2024")]
    [InlineData("2024 IIII")]
    [InlineData("Januarii 2024")]
    [InlineData("Ja 2024")]
    [InlineData("2024 Januari 15")]
    [InlineData("Tahun 2024 ini laporan tahunan kabupaten")]
    public void TryParse_RejectsOtherText(string? text)
    {
        Assert.False(PeriodParser.TryParse(text, out _), text ?? "null");
    }

    [Theory]
    [InlineData("Jan-00", "2000-01")]
    [InlineData("Des-99", "2099-12")]
    [InlineData("Mar 2100", "2100-03")]
    public void TryParse_ATwoDigitYearAfterAMonthName_IsThisCentury(string text, string expected)
    {
        Assert.True(PeriodParser.TryParse(text, out var period), text);
        Assert.Equal(expected, period.ToString());
    }

    [Fact]
    public void TryParse_TextLongerThan40Characters_IsNotAPeriod()
    {
        var forty = "2024" + new string(' ', 36);

        Assert.True(PeriodParser.TryParse(forty, out _));
        Assert.False(PeriodParser.TryParse(forty + " ", out _));
    }
}
