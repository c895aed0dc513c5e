using Readiness.Core.Normalization;

namespace Readiness.Core.Tests.Normalization;

/// <summary>
/// The thousands-separator rules of the general parser and of the classifier's fast paths (text and UTF-8): signs
/// survive grouping, groups are three digits after a first group of one to three, and a leading 0 is a decimal.
/// </summary>
public class NumberGroupingTests
{
    [Theory]
    [InlineData("-1.234", NumberStyle.DecimalComma, -1234)]
    [InlineData("-12.345", NumberStyle.DecimalComma, -12345)]
    [InlineData("-1.234.567,5", NumberStyle.DecimalComma, -1234567.5)]
    [InlineData("-1,234", NumberStyle.DecimalPoint, -1234)]
    [InlineData("-12,345.5", NumberStyle.DecimalPoint, -12345.5)]
    [InlineData("+1.234", NumberStyle.DecimalComma, 1234)]
    [InlineData("−1.234", NumberStyle.DecimalComma, -1234)]
    public void TryParse_KeepsTheSignOfAGroupedNumber(string text, NumberStyle style, double expected)
    {
        Assert.True(NumberParser.TryParse(text, style, out var value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-1.234", -1234, -1.234)]
    [InlineData("-12.345", -12345, -12.345)]
    [InlineData("-999,001", -999.001, -999001)]
    public void Classify_ANegativeGroupedNumber_IsAmbiguousWithBothReadingsNegative(string text, double asComma, double asPoint)
    {
        Assert.Equal(StyleEvidence.Ambiguous, NumberParser.Classify(text, out var comma, out var point));
        Assert.Equal((asComma, asPoint), (comma, point));
    }

    [Theory]
    [InlineData("-1.234", -1234, -1.234)]
    [InlineData("-12.345", -12345, -12.345)]
    [InlineData("-999,001", -999.001, -999001)]
    public void ClassifyUtf8_ANegativeGroupedNumber_IsAmbiguousWithBothReadingsNegative(string text, double asComma, double asPoint)
    {
        Assert.True(NumberParser.TryClassifyPlainUtf8(TestData.Utf8(text), out var evidence, out var comma, out var point));
        Assert.Equal(StyleEvidence.Ambiguous, evidence);
        Assert.Equal((asComma, asPoint), (comma, point));
    }

    [Theory]
    [InlineData("123.456,7", NumberStyle.DecimalComma, 123456.7)]
    [InlineData("123.456", NumberStyle.DecimalComma, 123456)]
    [InlineData("999.999.999", NumberStyle.DecimalComma, 999999999)]
    [InlineData("123,456.7", NumberStyle.DecimalPoint, 123456.7)]
    [InlineData("1.000E2", NumberStyle.DecimalComma, 100000)]
    public void TryParse_AcceptsAFirstGroupOfOneToThreeDigits_ThenGroupsOfThree(string text, NumberStyle style, double expected)
    {
        Assert.True(NumberParser.TryParse(text, style, out var value), text);
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("1.23.456")] // a middle group of two
    [InlineData("1.2345.678")] // a middle group of four
    [InlineData("1234.567,5")] // a first group of four
    [InlineData("1234.567")]
    [InlineData(".500")] // no first group
    [InlineData("-.500")]
    [InlineData("1..234")] // an empty group
    [InlineData("1.23")] // a last group of two
    [InlineData("1.2345")] // a last group of four
    [InlineData("1.234.")] // a trailing separator
    [InlineData("1.234,")]
    [InlineData("1.23,5")]
    public void TryParse_RejectsThousandsGroupsOfTheWrongLength(string text)
    {
        Assert.False(NumberParser.TryParse(text, NumberStyle.DecimalComma, out _), text);
    }

    [Theory]
    [InlineData("1,23,456")]
    [InlineData("1234,567.5")]
    [InlineData(",500")]
    [InlineData(".500")]
    public void TryParse_RejectsThousandsGroupsOfTheWrongLength_WithDecimalPoints(string text)
    {
        Assert.False(NumberParser.TryParse(text, NumberStyle.DecimalPoint, out _), text);
    }

    [Theory]
    [InlineData("+0.125")]
    [InlineData("0.125.000")]
    [InlineData("0.125,5")]
    [InlineData("-0.125,5")]
    public void TryParse_ALeadingZeroGroup_IsNotThousands(string text)
    {
        // "0.125" is a decimal written in the other style, never 125: the rule holds off the fast path too.
        Assert.False(NumberParser.TryParse(text, NumberStyle.DecimalComma, out _), text);
    }

    [Theory]
    [InlineData("+0.125", 0.125)]
    [InlineData("+0.5", 0.5)]
    [InlineData("+87.5", 87.5)]
    public void TryParse_APlusSign_IsReadOffTheFastPath(string text, double expected)
    {
        Assert.True(NumberParser.TryParse(text, NumberStyle.DecimalPoint, out var value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("+0.125", StyleEvidence.DecimalPoint)]
    [InlineData("+0,125", StyleEvidence.DecimalComma)]
    [InlineData("0.125", StyleEvidence.DecimalPoint)]
    [InlineData("0,125", StyleEvidence.DecimalComma)]
    [InlineData("-0.125", StyleEvidence.DecimalPoint)]
    [InlineData("01.234", StyleEvidence.DecimalPoint)]
    [InlineData("+1.234", StyleEvidence.Ambiguous)]
    [InlineData("1.234,5", StyleEvidence.DecimalComma)]
    [InlineData("1.23", StyleEvidence.DecimalPoint)]
    [InlineData("1234.567", StyleEvidence.DecimalPoint)]
    [InlineData("1,2345", StyleEvidence.DecimalComma)]
    [InlineData("1.000", StyleEvidence.Ambiguous)]
    [InlineData("1.000,0", StyleEvidence.DecimalComma)]
    [InlineData("1,000.0", StyleEvidence.DecimalPoint)]
    [InlineData("1.000.000,0", StyleEvidence.DecimalComma)]
    [InlineData("12e3", StyleEvidence.None)]
    [InlineData("1.5e3", StyleEvidence.DecimalPoint)]
    [InlineData("-", StyleEvidence.NotANumber)]
    [InlineData("", StyleEvidence.NotANumber)]
    [InlineData("1.2.3,4,5", StyleEvidence.NotANumber)]
    [InlineData("1234567890123456", StyleEvidence.None)]
    [InlineData("1234567890123456.5", StyleEvidence.DecimalPoint)]
    [InlineData("1234567890123456,5", StyleEvidence.DecimalComma)]
    public void Classify_TellsTheStyleOfEveryShape(string text, StyleEvidence expected)
    {
        Assert.Equal(expected, NumberParser.Classify(text));
    }

    [Theory]
    [InlineData("1.000", 1000, 1)]
    [InlineData("0.5", double.NaN, 0.5)]
    [InlineData("-7", -7, -7)]
    [InlineData("12", 12, 12)]
    [InlineData("-3,25", -3.25, double.NaN)]
    [InlineData("1.000,5", 1000.5, double.NaN)]
    [InlineData("1,000.5", double.NaN, 1000.5)]
    [InlineData("n/a", double.NaN, double.NaN)]
    [InlineData("+12", 12, 12)]
    [InlineData("123456789012345678", 123456789012345678, 123456789012345678)]
    public void Classify_GivesTheValueInEachStyle_NaNWhereItDoesNotParse(string text, double asComma, double asPoint)
    {
        NumberParser.Classify(text, out var comma, out var point);

        Assert.Equal((asComma, asPoint), (comma, point));
    }

    [Theory]
    [InlineData("1.000", StyleEvidence.Ambiguous, 1000, 1)]
    [InlineData("1,000", StyleEvidence.Ambiguous, 1, 1000)]
    [InlineData("0.125", StyleEvidence.DecimalPoint, double.NaN, 0.125)]
    [InlineData("1234.5", StyleEvidence.DecimalPoint, double.NaN, 1234.5)]
    [InlineData("12,25", StyleEvidence.DecimalComma, 12.25, double.NaN)]
    [InlineData("1.2345", StyleEvidence.DecimalPoint, double.NaN, 1.2345)]
    [InlineData("-42", StyleEvidence.None, -42, -42)]
    [InlineData("42", StyleEvidence.None, 42, 42)]
    [InlineData("123456789012345", StyleEvidence.None, 123456789012345, 123456789012345)]
    [InlineData("0,00000000000001", StyleEvidence.DecimalComma, 1e-14, double.NaN)]
    public void ClassifyUtf8_AgreesWithTheTextClassifier(string text, StyleEvidence expected, double asComma, double asPoint)
    {
        Assert.True(NumberParser.TryClassifyPlainUtf8(TestData.Utf8(text), out var evidence, out var comma, out var point));
        Assert.Equal((expected, asComma, asPoint), (evidence, comma, point));
        Assert.Equal((expected, asComma, asPoint), (NumberParser.Classify(text, out comma, out point), comma, point));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1234567890123456")] // 16 digits: more than the fast path holds exactly
    [InlineData("1,")]
    [InlineData(",5")]
    [InlineData("-,5")]
    [InlineData("1.2.3")]
    [InlineData("1.2,3")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    public void ClassifyUtf8_LeavesEveryOtherShapeToTheGeneralPath(string text)
    {
        Assert.False(NumberParser.TryClassifyPlainUtf8(TestData.Utf8(text), out _, out _, out _), text);
    }

    [Theory]
    [InlineData("1e3", 1000)]
    [InlineData("1E-2", 0.01)]
    [InlineData("2,5e+2", double.NaN)]
    [InlineData("1.5E+03", 1500)]
    public void TryParse_ReadsExponents(string text, double expected)
    {
        var parsed = NumberParser.TryParse(text, NumberStyle.DecimalPoint, out var value);

        Assert.Equal(!double.IsNaN(expected), parsed);
        if (parsed)
        {
            Assert.Equal(expected, value, 12);
        }
    }

    [Theory]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1.5e-")]
    [InlineData("1ee3")]
    [InlineData("1e3x")]
    [InlineData("1.e3")]
    [InlineData("1e400")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("+.5")]
    public void TryParse_RejectsIncompleteExponentsAndSigns(string text)
    {
        Assert.False(NumberParser.TryParse(text, NumberStyle.DecimalPoint, out _), text);
    }

    [Fact]
    public void TryParse_RejectsTextLongerThan64Characters()
    {
        var sixtyFour = new string('1', 64);

        Assert.True(NumberParser.TryParse(sixtyFour, NumberStyle.DecimalPoint, out _));
        Assert.False(NumberParser.TryParse(sixtyFour + "1", NumberStyle.DecimalPoint, out _));
    }

    [Theory]
    [InlineData("\u00A087,5\u00A0", 87.5)]
    [InlineData(" -3,5 ", -3.5)]
    public void TryParse_TrimsSpacesAndNoBreakSpaces(string text, double expected)
    {
        Assert.True(NumberParser.TryParse(text, NumberStyle.DecimalComma, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("85 %", "85", true)]
    [InlineData("%", "", true)]
    [InlineData("", "", false)]
    [InlineData("\u00A085%\u00A0", "85", true)]
    [InlineData("%85", "%85", false)]
    public void StripPercent_OnlyATrailingSign(string text, string number, bool percent)
    {
        Assert.Equal(number, NumberParser.StripPercent(text, out var isPercent).ToString());
        Assert.Equal(percent, isPercent);
    }
}
