using Readiness.Core.Normalization;
using Readiness.Core.Observations;

namespace Readiness.Core.Tests.Normalization;

public class PeriodParserTests
{
    [Theory]
    [InlineData("2024", "2024")]
    [InlineData(" 2024 ", "2024")]
    [InlineData("2024Q1", "2024Q1")]
    [InlineData("2024-Q1", "2024Q1")]
    [InlineData("2024 q3", "2024Q3")]
    [InlineData("Q1 2024", "2024Q1")]
    [InlineData("Q1-2024", "2024Q1")]
    [InlineData("Q4/2024", "2024Q4")]
    [InlineData("TW II 2024", "2024Q2")]
    [InlineData("Triwulan IV 2024", "2024Q4")]
    [InlineData("2024-01", "2024-01")]
    [InlineData("202401", "2024-01")]
    [InlineData("2024/1", "2024-01")]
    [InlineData("01/2024", "2024-01")]
    [InlineData("1/2024", "2024-01")]
    [InlineData("Jan 2024", "2024-01")]
    [InlineData("Januari 2024", "2024-01")]
    [InlineData("January 2024", "2024-01")]
    [InlineData("Februari 2024", "2024-02")]
    [InlineData("Mei 2024", "2024-05")]
    [InlineData("Agustus 2024", "2024-08")]
    [InlineData("Agu 2024", "2024-08")]
    [InlineData("Okt 2024", "2024-10")]
    [InlineData("Des 2024", "2024-12")]
    [InlineData("Nopember 2024", "2024-11")]
    [InlineData("Agu-24", "2024-08")]
    [InlineData("2024-01-15", "2024-01")]
    [InlineData("15/01/2024", "2024-01")]
    [InlineData("15-01-2024", "2024-01")]
    [InlineData("31.12.2024", "2024-12")]
    [InlineData("15 Januari 2024", "2024-01")]
    public void TryParse_GivesTheCanonicalPeriod(string text, string expected)
    {
        Assert.True(PeriodParser.TryParse(text, out var period), text);
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024Q5")]
    [InlineData("2024-13")]
    [InlineData("13/2024")]
    [InlineData("31/02/2024")]
    [InlineData("Smarch 2024")]
    [InlineData("1850")]
    [InlineData("semester 1 2024")]
    [InlineData("01/15/2024")]
    public void TryParse_RejectsWhatIsNotAPeriod(string text)
    {
        Assert.False(PeriodParser.TryParse(text, out _));
    }

    [Fact]
    public void Period_StartAndOrderFollowTheCalendar()
    {
        Assert.Equal(new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), Period.OfQuarter(2024, 2).Start);
        Assert.Equal(12, Period.OfYear(2024).EndMonth);
        Period[] sorted = [Period.OfMonth(2024, 2), Period.OfQuarter(2024, 1), Period.OfYear(2024), Period.OfMonth(2024, 1)];
        Array.Sort(sorted);
        Assert.Equal(["2024", "2024Q1", "2024-01", "2024-02"], sorted.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("2024Q2")]
    [InlineData("2024-11")]
    public void ParseCanonical_RoundTrips(string canonical) => Assert.Equal(canonical, Period.ParseCanonical(canonical).ToString());
}
