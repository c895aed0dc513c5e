using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // The fast path: the common row read straight from the UTF-8 bytes of its cells, through byte-keyed caches,
    // taking only the rows the general path would accept without a message (it follows the same rules, see Values).
    private sealed partial class Pass
    {
        // The fast path's caches, keyed on a cell's bytes (the unit's trimmed): null/default where the cell needs the general path.
        private readonly Utf8KeyCache<Regency?> _regencyBytes = new();
        private readonly Utf8KeyCache<(Indicator Indicator, int Ordinal)> _indicatorBytes = new();
        private readonly Utf8KeyCache<Period?> _periodBytes = new();
        private readonly Utf8KeyCache<string> _unitCache = new();

        /// <summary>
        /// Reads the common row straight from the UTF-8 bytes of its cells, without strings: ASCII cells whose regency,
        /// indicator and period resolve cleanly (each distinct cell once, then from a cache keyed on its bytes), and a
        /// value in the style the file has already decided, inside the indicator's range. For any other row (one with
        /// an error or a warning to report, the first cell that decides the number style, text that is not ASCII) it
        /// returns false before changing anything, and the general path reads the row and reports it. For the rows it
        /// takes, the outcome is the general path's: ASCII text is its own string, trimmed alike.
        /// </summary>
        private bool TryReadPlainRow(CsvReader reader, int row, int count)
        {
            Regency? regency;
            var regencyColumn = _fieldAt[(int)Field.Regency];
            if (regencyColumn < 0)
            {
                regency = options.UploadRegency;
                if (regency is null)
                {
                    return false;
                }
            }
            else if (!TryPlainRegency(reader, regencyColumn, count, out regency))
            {
                return false;
            }

            var valueColumn = _fieldAt[(int)Field.Value];
            if (!TryPlainIndicator(reader, _fieldAt[(int)Field.Indicator], count, out var indicator) ||
                !TryPlainPeriod(reader, _fieldAt[(int)Field.Period], count, out var period) ||
                !TryPlainValue(reader, valueColumn, count, indicator.Indicator, out var value) ||
                !TryOptionalText(reader, _fieldAt[(int)Field.Unit], count, _unitCache, out var unit) ||
                !TryOptionalText(reader, _fieldAt[(int)Field.Note], count, null, out var note))
            {
                return false;
            }

            report.Values++;
            if (RegisterKey(row, null, null, valueColumn, regency!, indicator.Indicator, period, value, RegencyOrdinal(regency!), indicator.Ordinal))
            {
                HandOn(row, regency!, indicator.Indicator, period, value, unit, note);
            }

            return true;
        }

        /// <summary>
        /// The text of a cell as the general path reads it (trimmed), when it is all ASCII, not blank and within the
        /// length limit: the only cells the fast path resolves.
        /// </summary>
        private bool TryAsciiText(ReadOnlySpan<byte> raw, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
        {
            text = null;
            if (!System.Text.Ascii.IsValid(raw))
            {
                return false;
            }

            var bytes = TrimAscii(raw);
            if (bytes.Length == 0 || TooLong(bytes.Length))
            {
                return false;
            }

            text = System.Text.Encoding.ASCII.GetString(bytes);
            return true;
        }

        /// <summary>An optional text cell (unit, note) as the general path reads it; false when it would report the cell.</summary>
        private bool TryOptionalText(CsvReader reader, int index, int count, Utf8KeyCache<string>? cache, out string? text)
        {
            text = null;
            if (index < 0 || index >= count || reader.IsEmpty(index))
            {
                return true;
            }

            var span = reader.GetSpan(index);
            if (System.Text.Ascii.IsValid(span))
            {
                var bytes = TrimAscii(span);
                if (bytes.Length == 0)
                {
                    return true;
                }

                if (TooLong(bytes.Length) || HasControlBytes(bytes))
                {
                    return false;
                }

                if (cache is null)
                {
                    text = System.Text.Encoding.ASCII.GetString(bytes);
                }
                else if (!cache.TryGet(bytes, out text!))
                {
                    text = System.Text.Encoding.ASCII.GetString(bytes);
                    cache.Add(bytes, text);
                }

                return true;
            }

            text = reader.GetString(index)?.Trim();
            if (text is { Length: 0 })
            {
                text = null;
            }

            return text is null || (!TooLong(text.Length) && !HasInvalidBytes(text) && !HasControlChars(text));
        }

        /// <summary>The regency of a cell, from a cache keyed on the cell's bytes: what ResolveRegency gives the same
        /// text, kept only when it reads plainly (<see cref="RegencyReading.Plain"/>; null otherwise).</summary>
        private bool TryPlainRegency(CsvReader reader, int index, int count, out Regency? regency)
        {
            regency = null;
            if (index >= count)
            {
                return false;
            }

            var raw = reader.GetSpan(index);
            if (!_regencyBytes.TryGet(raw, out regency))
            {
                if (TryAsciiText(raw, out var text))
                {
                    // Not through ResolveRegency's cache of texts: the bytes' cache already keeps each distinct cell.
                    var reading = ReadRegency(text, _registry.Resolve(text, options.Scheme));
                    regency = reading.Plain ? reading.Regency : null;
                }

                _regencyBytes.Add(raw, regency);
            }

            return regency is not null;
        }

        private bool TryPlainIndicator(CsvReader reader, int index, int count, out (Indicator Indicator, int Ordinal) indicator)
        {
            indicator = default;
            if (index < 0 || index >= count)
            {
                return false;
            }

            var raw = reader.GetSpan(index);
            if (!_indicatorBytes.TryGet(raw, out indicator))
            {
                if (TryAsciiText(raw, out var text) && _catalog.TryGet(text, out var found))
                {
                    indicator = (found, _catalog.Ordinal(found));
                }

                _indicatorBytes.Add(raw, indicator);
            }

            return indicator.Indicator is not null;
        }

        private bool TryPlainPeriod(CsvReader reader, int index, int count, out Period period)
        {
            period = default;
            if (index < 0 || index >= count)
            {
                return false;
            }

            var raw = reader.GetSpan(index);
            if (!_periodBytes.TryGet(raw, out var cached))
            {
                cached = TryAsciiText(raw, out var text) && PeriodParser.TryParse(text, out var parsed) ? parsed : null;
                _periodBytes.Add(raw, cached);
            }

            period = cached.GetValueOrDefault();
            return cached.HasValue;
        }

        /// <summary>The value as ReadValue accepts it without a message; false for everything else.</summary>
        private bool TryPlainValue(CsvReader reader, int index, int count, Indicator indicator, out double value)
        {
            value = 0;
            if (index < 0 || index >= count)
            {
                return false;
            }

            var raw = reader.GetSpan(index);
            var bytes = TrimAscii(raw);
            if (bytes.Length == 0 || TooLong(bytes.Length))
            {
                return false;
            }

            StyleEvidence evidence;
            double asComma, asPoint;
            if (indicator.IsBoolean || !NumberParser.TryClassifyPlainUtf8(bytes, out evidence, out asComma, out asPoint))
            {
                // Booleans, percentages and the rarer shapes: the general parser on the same (ASCII) text.
                if (bytes.Length > 64 || !System.Text.Ascii.IsValid(raw))
                {
                    return false;
                }

                Span<char> chars = stackalloc char[bytes.Length];
                System.Text.Ascii.ToUtf16(bytes, chars, out _);
                if (indicator.IsBoolean && NumberParser.TryParseBoolean(chars, out var yes))
                {
                    value = yes ? 1 : 0;
                    return true;
                }

                var number = NumberParser.StripPercent(chars, out var percent);
                if (!PercentAllowed(indicator, percent))
                {
                    return false;
                }

                evidence = NumberParser.Classify(number, out asComma, out asPoint);
            }

            if (Judge(evidence) != StyleVerdict.Read)
            {
                return false;
            }

            value = InStyle(asComma, asPoint);
            return indicator.InRange(value) && (evidence != StyleEvidence.Ambiguous || _styleForced || Plausible(indicator, value));
        }

        /// <summary>Trims the bytes <see cref="char.IsWhiteSpace(char)"/> calls white space (of ASCII text).</summary>
        private static ReadOnlySpan<byte> TrimAscii(ReadOnlySpan<byte> span)
        {
            var start = 0;
            var end = span.Length;
            while (start < end && IsAsciiWhiteSpace(span[start]))
            {
                start++;
            }

            while (end > start && IsAsciiWhiteSpace(span[end - 1]))
            {
                end--;
            }

            return span[start..end];
        }

        private static bool IsAsciiWhiteSpace(byte b) => b is (byte)' ' or (>= 0x09 and <= 0x0D);
    }
}
