using Readiness.Core.Normalization;

namespace Readiness.Core.Tests.Normalization;

public class NumberParserTests
{
    [Theory]
    [InlineData("87.5", NumberStyle.DecimalPoint, 87.5)]
    [InlineData("87,5", NumberStyle.DecimalComma, 87.5)]
    [InlineData("1.234,5", NumberStyle.DecimalComma, 1234.5)]
    [InlineData("1,234.5", NumberStyle.DecimalPoint, 1234.5)]
    [InlineData("12.345.678", NumberStyle.DecimalComma, 12345678)]
    [InlineData("12,345,678.25", NumberStyle.DecimalPoint, 12345678.25)]
    [InlineData("-3,5", NumberStyle.DecimalComma, -3.5)]
    [InlineData("−3.5", NumberStyle.DecimalPoint, -3.5)]
    [InlineData(" 42 ", NumberStyle.DecimalComma, 42)]
    [InlineData("1,5E+03", NumberStyle.DecimalComma, 1500)]
    [InlineData("0,125", NumberStyle.DecimalComma, 0.125)]
    public void TryParse_ReadsExcelNumbersInTheirStyle(string text, NumberStyle style, double expected)
    {
        Assert.True(NumberParser.TryParse(text, style, out var value));
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("1.2.3", NumberStyle.DecimalComma)]
    [InlineData("12.34,5", NumberStyle.DecimalComma)]
    [InlineData("1,23.5", NumberStyle.DecimalPoint)]
    [InlineData("87.5", NumberStyle.DecimalComma)]
    [InlineData("abc", NumberStyle.DecimalPoint)]
    [InlineData("", NumberStyle.DecimalPoint)]
    [InlineData("5,", NumberStyle.DecimalComma)]
    [InlineData("1e", NumberStyle.DecimalPoint)]
    [InlineData("NaN", NumberStyle.DecimalPoint)]
    [InlineData("Infinity", NumberStyle.DecimalPoint)]
    public void TryParse_RejectsWhatIsNotANumberInThatStyle(string text, NumberStyle style)
    {
        Assert.False(NumberParser.TryParse(text, style, out _));
    }

    [Theory]
    [InlineData("87,5", StyleEvidence.DecimalComma)]
    [InlineData("1.234,5", StyleEvidence.DecimalComma)]
    [InlineData("1.234.567", StyleEvidence.DecimalComma)]
    [InlineData("87.5", StyleEvidence.DecimalPoint)]
    [InlineData("1,234.5", StyleEvidence.DecimalPoint)]
    [InlineData("0.125", StyleEvidence.DecimalPoint)]
    [InlineData("1.234", StyleEvidence.Ambiguous)]
    [InlineData("1,234", StyleEvidence.Ambiguous)]
    [InlineData("1234", StyleEvidence.None)]
    [InlineData("-7", StyleEvidence.None)]
    [InlineData("n/a", StyleEvidence.NotANumber)]
    public void Classify_SaysWhatACellRevealsAboutTheFileStyle(string text, StyleEvidence expected)
    {
        Assert.Equal(expected, NumberParser.Classify(text));
    }

    [Theory]
    [InlineData("85%", "85", true)]
    [InlineData(" 85,5 % ", "85,5", true)]
    [InlineData("85", "85", false)]
    public void StripPercent_SplitsTheSign(string text, string number, bool percent)
    {
        Assert.Equal(number, NumberParser.StripPercent(text, out var isPercent).ToString());
        Assert.Equal(percent, isPercent);
    }

    [Theory]
    [InlineData("Ya", true)]
    [InlineData("ya", true)]
    [InlineData("YES", true)]
    [InlineData("true", true)]
    [InlineData("Tidak", false)]
    [InlineData("no", false)]
    [InlineData("False", false)]
    public void TryParseBoolean_ReadsIndonesianAndEnglishWords(string text, bool expected)
    {
        Assert.True(NumberParser.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryParseBoolean_RejectsOtherWords() => Assert.False(NumberParser.TryParseBoolean("mungkin", out _));

    [Theory]
    [InlineData(87.5, "87.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1234567.0, "1234567")]
    [InlineData(-3.25, "-3.25")]
    public void Format_IsInvariantShortestRoundTrip(double value, string expected) => Assert.Equal(expected, NumberParser.Format(value));

    [Theory]
    [InlineData("87.5", StyleEvidence.DecimalPoint, double.NaN, 87.5)]
    [InlineData("87,5", StyleEvidence.DecimalComma, 87.5, double.NaN)]
    [InlineData("1.234", StyleEvidence.Ambiguous, 1234.0, 1.234)]
    [InlineData("-1,234", StyleEvidence.Ambiguous, -1.234, -1234.0)]
    [InlineData("0.125", StyleEvidence.DecimalPoint, double.NaN, 0.125)]
    [InlineData("1234.567", StyleEvidence.DecimalPoint, double.NaN, 1234.567)]
    [InlineData("-0", StyleEvidence.None, -0.0, -0.0)]
    [InlineData("42", StyleEvidence.None, 42.0, 42.0)]
    [InlineData("123456789012345", StyleEvidence.None, 123456789012345.0, 123456789012345.0)]
    public void Classify_ReadsTextAndUtf8BytesAlike(string text, StyleEvidence evidence, double asComma, double asPoint)
    {
        Assert.Equal(evidence, NumberParser.Classify(text, out var textComma, out var textPoint));
        Assert.True(NumberParser.TryClassifyPlainUtf8(System.Text.Encoding.UTF8.GetBytes(text), out var bytesEvidence, out var bytesComma, out var bytesPoint));

        Assert.Equal(evidence, bytesEvidence);
        // Bit for bit, so the sign of -0 and every last digit count.
        Assert.Equal(BitConverter.DoubleToInt64Bits(asComma), BitConverter.DoubleToInt64Bits(textComma));
        Assert.Equal(BitConverter.DoubleToInt64Bits(asPoint), BitConverter.DoubleToInt64Bits(textPoint));
        Assert.Equal(BitConverter.DoubleToInt64Bits(textComma), BitConverter.DoubleToInt64Bits(bytesComma));
        Assert.Equal(BitConverter.DoubleToInt64Bits(textPoint), BitConverter.DoubleToInt64Bits(bytesPoint));
    }

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("1.234.567")]
    [InlineData("+5")]
    [InlineData("1e2")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("-")]
    [InlineData("")]
    public void TryClassifyPlainUtf8_LeavesOtherShapesToTheGeneralParser(string text) =>
        Assert.False(NumberParser.TryClassifyPlainUtf8(System.Text.Encoding.UTF8.GetBytes(text), out _, out _, out _));
}
