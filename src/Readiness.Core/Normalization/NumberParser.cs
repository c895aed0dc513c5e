using System.Globalization;
using System.Numerics;
using System.Text;

namespace Readiness.Core.Normalization;

/// <summary>What a single cell says about the file's number style.</summary>
public enum StyleEvidence
{
    /// <summary>Digits only (or a value that reads the same in both styles): says nothing.</summary>
    None,
    /// <summary>Only readable with comma decimals: <c>87,5</c>, <c>1.234,5</c>, <c>1.234.567</c>.</summary>
    DecimalComma,
    /// <summary>Only readable with point decimals: <c>87.5</c>, <c>1,234.5</c>, <c>1,234,567</c>.</summary>
    DecimalPoint,
    /// <summary>Reads differently in the two styles: <c>1.234</c> is 1234 in id-ID and 1.234 in en-US.</summary>
    Ambiguous,
    /// <summary>Not a number in either style.</summary>
    NotANumber,
}

/// <summary>
/// Parses the numbers Indonesian and English Excel write: <c>87.5</c>, <c>87,5</c>, <c>1.234,5</c>, <c>1,234.5</c>,
/// <c>85%</c>, <c>-3,5</c>, <c>1,5E+03</c>. Pure functions; the caller decides the file's style.
/// </summary>
public static class NumberParser
{
    /// <summary>Splits off a trailing percent sign and surrounding spaces.</summary>
    public static ReadOnlySpan<char> StripPercent(ReadOnlySpan<char> text, out bool isPercent)
    {
        text = Trim(text);
        isPercent = text.Length > 0 && text[^1] == '%';
        return isPercent ? Trim(text[..^1]) : text;
    }

    /// <summary>What the cell says about the number style (after the percent sign is stripped).</summary>
    public static StyleEvidence Classify(ReadOnlySpan<char> text) => Classify(text, out _, out _);

    /// <summary>
    /// What the cell says about the number style, with its value in each style (NaN where it does not parse), so the
    /// caller need not parse it again.
    /// </summary>
    public static StyleEvidence Classify(ReadOnlySpan<char> text, out double asComma, out double asPoint)
    {
        if (TryClassifyPlain(text, out var evidence, out asComma, out asPoint))
        {
            return evidence;
        }

        if (!text.ContainsAny(',', '.'))
        {
            // Without either separator the two styles read the text identically: one parse decides.
            var parsed = TryParse(text, NumberStyle.DecimalPoint, out asPoint);
            asComma = asPoint = parsed ? asPoint : double.NaN;
            return parsed ? StyleEvidence.None : StyleEvidence.NotANumber;
        }

        var comma = TryParse(text, NumberStyle.DecimalComma, out asComma);
        var point = TryParse(text, NumberStyle.DecimalPoint, out asPoint);
        asComma = comma ? asComma : double.NaN;
        asPoint = point ? asPoint : double.NaN;
        return (comma, point) switch
        {
            (true, true) => asComma.Equals(asPoint) ? StyleEvidence.None : StyleEvidence.Ambiguous,
            (true, false) => StyleEvidence.DecimalComma,
            (false, true) => StyleEvidence.DecimalPoint,
            _ => StyleEvidence.NotANumber,
        };
    }

    /// <summary>
    /// <see cref="Classify(ReadOnlySpan{char}, out double, out double)"/> on the UTF-8 bytes of a cell that has no
    /// white space around it, for the reader's fast path: the same shapes and values as on the text.
    /// </summary>
    internal static bool TryClassifyPlainUtf8(ReadOnlySpan<byte> text, out StyleEvidence evidence, out double asComma, out double asPoint) =>
        TryClassifyPlain(text, out evidence, out asComma, out asPoint);

    /// <summary>
    /// <see cref="Classify(ReadOnlySpan{char}, out double, out double)"/> for the shapes most cells have,
    /// <c>[-]digits</c> and <c>[-]digits(.|,)digits</c> with at most 15 digits, in one scan and without the general
    /// parser, over UTF-16 text or UTF-8 bytes alike (the JIT makes one specialised copy for each). The reading with
    /// the separator as the decimal separator is the integer of all the digits (below 2^53) divided once by a power of
    /// ten, the value <see cref="TryParsePlain"/> gives; the reading with it as a thousands separator is valid exactly
    /// when 1–3 digits (not starting with 0) precede it and 3 follow, and is then that integer. False for every other
    /// shape, which the general path reads.
    /// </summary>
    private static bool TryClassifyPlain<TChar>(ReadOnlySpan<TChar> text, out StyleEvidence evidence, out double asComma, out double asPoint)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        evidence = StyleEvidence.NotANumber;
        asComma = asPoint = double.NaN;
        var negative = text.Length > 0 && uint.CreateTruncating(text[0]) == '-';
        var start = negative ? 1 : 0;
        var separatorAt = -1;
        var digits = 0;
        ulong mantissa = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = uint.CreateTruncating(text[i]);
            var digit = c - '0';
            if (digit <= 9)
            {
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
            }
            else if (c is '.' or ',' && separatorAt < 0)
            {
                separatorAt = i;
            }
            else
            {
                return false;
            }
        }

        if (separatorAt < 0)
        {
            if (digits == 0)
            {
                return false;
            }

            var whole = mantissa / PowersOfTen[0];
            asComma = asPoint = negative ? -whole : whole;
            evidence = StyleEvidence.None;
            return true;
        }

        var integerDigits = separatorAt - start;
        var fractionDigits = text.Length - separatorAt - 1;
        if (integerDigits == 0 || fractionDigits == 0)
        {
            return false;
        }

        var asDecimal = mantissa / PowersOfTen[fractionDigits];
        asDecimal = negative ? -asDecimal : asDecimal;
        var grouped = integerDigits <= 3 && uint.CreateTruncating(text[start]) != '0' && fractionDigits == 3;
        var asThousands = grouped ? (negative ? -(double)mantissa : mantissa) : double.NaN;
        var comma = uint.CreateTruncating(text[separatorAt]) == ',';
        (asComma, asPoint) = comma ? (asDecimal, asThousands) : (asThousands, asDecimal);
        evidence = grouped
            ? (asComma.Equals(asPoint) ? StyleEvidence.None : StyleEvidence.Ambiguous)
            : (comma ? StyleEvidence.DecimalComma : StyleEvidence.DecimalPoint);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> in one style. Thousands separators must group digits by three.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, NumberStyle style, out double value)
    {
        value = 0;
        text = Trim(text);
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        var (decimalSeparator, groupSeparator) = style == NumberStyle.DecimalComma ? (',', '.') : ('.', ',');
        if (TryParsePlain(text, decimalSeparator, out value))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[text.Length];
        var length = 0;
        var i = 0;
        if (text[0] is '-' or '+' or '\u2212')
        {
            buffer[length++] = text[0] == '+' ? '+' : '-';
            i = 1;
        }

        // Integer part, with optional thousands groups of exactly three digits.
        var integerStart = i;
        var digitsInGroup = 0;
        var sawGroup = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
                digitsInGroup++;
            }
            else if (c == groupSeparator)
            {
                // A leading group of "0" is a decimal written in the other style (0.125), not thousands.
                if (digitsInGroup == 0 || (sawGroup && digitsInGroup != 3) || (!sawGroup && digitsInGroup > 3) ||
                    (!sawGroup && text[integerStart] == '0'))
                {
                    return false;
                }

                sawGroup = true;
                digitsInGroup = 0;
            }
            else
            {
                break;
            }
        }

        if (i == integerStart || (sawGroup && digitsInGroup != 3))
        {
            return false;
        }

        if (i < text.Length && text[i] == decimalSeparator)
        {
            buffer[length++] = '.';
            i++;
            var fractionStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                buffer[length++] = text[i++];
            }

            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            buffer[length++] = 'E';
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                buffer[length++] = text[i++];
            }

            var exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                buffer[length++] = text[i++];
            }

            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == text.Length &&
               double.TryParse(buffer[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               double.IsFinite(value);
    }

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The common shape <c>[-]digits[decimal separator digits]</c> with at most 15 digits, without copying: the digits
    /// make an integer below 2^53 and the divisor a power of ten that a double holds exactly, so one division is
    /// correctly rounded and gives the very value <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>
    /// gives (Clinger's fast path). Anything else (signs other than '-', separators, exponents, more digits) is left
    /// to the general parser.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<char> text, char decimalSeparator, out double value)
    {
        value = 0;
        var i = text[0] == '-' ? 1 : 0;
        ulong mantissa = 0;
        int digits = 0, integerDigits = 0, fractionDigits = 0;
        var sawSeparator = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (sawSeparator)
                {
                    fractionDigits++;
                }
                else
                {
                    integerDigits++;
                }
            }
            else if (c == decimalSeparator && !sawSeparator)
            {
                sawSeparator = true;
            }
            else
            {
                return false;
            }
        }

        if (integerDigits == 0 || (sawSeparator && fractionDigits == 0))
        {
            return false;
        }

        value = mantissa / PowersOfTen[fractionDigits];
        value = text[0] == '-' ? -value : value;
        return true;
    }

    /// <summary>Yes/no words regencies write for boolean indicators, in Indonesian and English.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = Trim(text);
        if (trimmed.Length <= 16 && Ascii.IsValid(trimmed))
        {
            // ASCII lowercases alike in every culture: the same words without allocating.
            Span<char> lower = stackalloc char[trimmed.Length];
            Ascii.ToLower(trimmed, lower, out _);
            return TryParseBooleanWord(lower, out value);
        }

        return TryParseBooleanWord(trimmed.ToString().ToLowerInvariant(), out value);
    }

    private static bool TryParseBooleanWord(ReadOnlySpan<char> word, out bool value)
    {
        switch (word)
        {
            case "ya" or "yes" or "y" or "true" or "benar" or "ada" or "sudah":
                value = true;
                return true;
            case "tidak" or "no" or "n" or "false" or "salah" or "tidak ada" or "belum" or "tdk":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Shortest round-trip text in invariant culture: how values are written back out.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) => text.Trim().Trim('\u00A0');
}
