using Readiness.Core.Normalization;

namespace Readiness.Core.Tests.Normalization;

/// <summary>The words a cell or an option may hold: yes/no answers and locale names.</summary>
public class WordsAndLocalesTests
{
    [Theory]
    [InlineData("ya")]
    [InlineData("yes")]
    [InlineData("y")]
    [InlineData("true")]
    [InlineData("benar")]
    [InlineData("ada")]
    [InlineData("sudah")]
    public void TryParseBoolean_EveryYesWord_IsTrue(string word)
    {
        foreach (var written in new[] { word, word.ToUpperInvariant(), $"  {word}\u00A0" })
        {
            Assert.True(NumberParser.TryParseBoolean(written, out var value), written);
            Assert.True(value, written);
        }
    }

    [Theory]
    [InlineData("tidak")]
    [InlineData("no")]
    [InlineData("n")]
    [InlineData("false")]
    [InlineData("salah")]
    [InlineData("tidak ada")]
    [InlineData("belum")]
    [InlineData("tdk")]
    public void TryParseBoolean_EveryNoWord_IsFalse(string word)
    {
        foreach (var written in new[] { word, word.ToUpperInvariant(), $"  {word}\u00A0" })
        {
            Assert.True(NumberParser.TryParseBoolean(written, out var value), written);
            Assert.False(value, written);
        }
    }

    [Theory]
    [InlineData("TIDA\u212A ADA", false)] // KELVIN SIGN lowercases to 'k'
    [InlineData("\u212A", null)]
    [InlineData("yа", null)] // Cyrillic 'а'
    public void TryParseBoolean_TextOutsideAscii_IsLowercasedBeforeTheLookup(string text, bool? expected)
    {
        Assert.Equal(expected is not null, NumberParser.TryParseBoolean(text, out var value));
        Assert.Equal(expected ?? false, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mungkin")]
    [InlineData("tidakada")]
    [InlineData("ya ya")]
    [InlineData("1")]
    [InlineData("yes, of course it is")]
    public void TryParseBoolean_OtherText_IsNotAnAnswer(string text)
    {
        Assert.False(NumberParser.TryParseBoolean(text, out var value));
        Assert.False(value);
    }

    [Theory]
    [InlineData("id", NumberStyle.DecimalComma)]
    [InlineData("id-ID", NumberStyle.DecimalComma)]
    [InlineData("ID_ID", NumberStyle.DecimalComma)]
    [InlineData(" in-ID ", NumberStyle.DecimalComma)]
    [InlineData("en", NumberStyle.DecimalPoint)]
    [InlineData("EN-us", NumberStyle.DecimalPoint)]
    [InlineData("en_US", NumberStyle.DecimalPoint)]
    [InlineData("en-GB", NumberStyle.DecimalPoint)]
    [InlineData("Invariant", NumberStyle.DecimalPoint)]
    public void TryParseLocale_ReadsEveryAcceptedName(string text, NumberStyle expected)
    {
        Assert.True(NumberStyleNames.TryParseLocale(text, out var style), text);
        Assert.Equal(expected, style);
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("de")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseLocale_AnUnknownLocale_IsRefusedNotTakenAsIndonesian(string? text)
    {
        Assert.False(NumberStyleNames.TryParseLocale(text, out _));
    }

    [Theory]
    [InlineData(NumberStyle.DecimalComma, "id-ID")]
    [InlineData(NumberStyle.DecimalPoint, "en-US")]
    public void LocaleName_NamesTheStyle_AndReadsBack(NumberStyle style, string name)
    {
        Assert.Equal(name, style.LocaleName());
        Assert.True(NumberStyleNames.TryParseLocale(name, out var again));
        Assert.Equal(style, again);
    }
}
