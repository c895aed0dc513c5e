using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // The general path: cell text, regencies, indicators, periods and values, their messages, and duplicate keys.
    private sealed partial class Pass
    {
        // The validation pass keeps each key's first value and row for duplicate messages; the reading pass only
        // needs to know whether a key was seen (its messages go to a report nobody reads).
        private readonly SeenKeys _seen = new(owner.Catalog.Indicators.Count, owner.Registry.Count, membershipOnly: sink is not null);
        private readonly Dictionary<Indicator, int> _indicatorOrdinals = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, RegencyResolution> _regencyCache = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hintedCodes = new(StringComparer.Ordinal);
        private Regency? _lastRegency;
        private FormerCodeUse? _rowFormerCode;
        private int _lastRegencyOrdinal;

        /// <summary>Gets a cell of a known field; false (with the error reported) when the row is too short or the cell too long.</summary>
        private bool CellText(CsvReader reader, int row, Field field, out string? text)
        {
            text = null;
            var index = _fieldAt[(int)field];
            if (index < 0)
            {
                return true;
            }

            if (index >= reader.FieldCount)
            {
                if (field is Field.Unit or Field.Note)
                {
                    return true;
                }

                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.MissingCell(row, ColumnLetter(index), _columnNames[index]), null);
                return false;
            }

            text = reader.IsEmpty(index) ? null : reader.GetString(index)?.Trim();
            if (text is { Length: 0 })
            {
                text = null;
            }

            return text is null || CheckLength(row, index, text);
        }

        private bool CheckLength(int row, int index, string text)
        {
            if (TooLong(text.Length))
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.CellTooLong(text.Length, options.Limits.MaxCellLength), Shorten(text));
                return false;
            }

            if (HasInvalidBytes(text))
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.InvalidUtf8, Shorten(text));
                return false;
            }

            return true;
        }

        private Regency? ResolveRegency(int row, string? text)
        {
            var column = _fieldAt[(int)Field.Regency];
            _rowFormerCode = null;
            if (text is null)
            {
                if (options.UploadRegency is { } upload)
                {
                    return upload;
                }

                Error(row, Name(column), CellRef(column, row), ReaderMessages.MissingRegency, null);
                return null;
            }

            if (!_regencyCache.TryGetValue(text, out var resolution))
            {
                resolution = _registry.Resolve(text, options.Scheme);
                if (_regencyCache.Count < 10_000)
                {
                    _regencyCache[text] = resolution;
                }
            }

            var reading = ReadRegency(text, resolution);
            if (reading.Regency is not { } regency)
            {
                if (reading.Resolution.Ambiguous)
                {
                    Error(row, Name(column), CellRef(column, row), ReaderMessages.AmbiguousRegency(text, reading.Resolution.Candidates), text);
                }
                else
                {
                    Error(row, Name(column), CellRef(column, row), ReaderMessages.UnknownRegency(text, options.Scheme, reading.Resolution.Note), Shorten(text));
                }

                return null;
            }

            if (reading.Repaired is { } note && _hintedCodes.Add(text))
            {
                Warning(row, Name(column), CellRef(column, row), ReaderMessages.RegencyCodeRepaired(note), text);
            }

            if (reading.OtherSchemeReading is { } bps && _hintedCodes.Add(text))
            {
                Warning(row, Name(column), CellRef(column, row), ReaderMessages.ReadAsKemendagri(text, regency, bps), text);
            }

            if (reading.Mismatch is { } expected)
            {
                Error(row, Name(column), CellRef(column, row), ReaderMessages.RegencyMismatch(regency, expected), text);
                return null;
            }

            // A former code (91.01) is its successor for the periods it was valid: checked against each value's period.
            _rowFormerCode = reading.Resolution.Former;
            return regency;
        }

        /// <summary>
        /// What a regency cell says, with every condition a message depends on: the one definition ResolveRegency
        /// reports from and the fast path checks (<see cref="RegencyReading.Plain"/>).
        /// </summary>
        private RegencyReading ReadRegency(string text, RegencyResolution resolution)
        {
            var otherScheme = resolution.Regency is { } found && options.Scheme == RegencyScheme.Kemendagri && _registry.BpsReadingOf(text) is { } bps && bps != found ? bps : null;
            var mismatch = resolution.Regency is { } resolved && options.UploadRegency is { } expected && expected != resolved ? expected : null;
            return new RegencyReading(resolution, otherScheme, mismatch);
        }

        /// <param name="Resolution">The registry's reading of the text.</param>
        /// <param name="OtherSchemeReading">The regency the code would be as a BPS code, when it reads as another (a hint).</param>
        /// <param name="Mismatch">The upload's regency, when the row is for another one (an error).</param>
        private readonly record struct RegencyReading(RegencyResolution Resolution, Regency? OtherSchemeReading, Regency? Mismatch)
        {
            public Regency? Regency => Resolution.Regency;

            /// <summary>The registry's note on a code it repaired (a warning).</summary>
            public string? Repaired => Regency is null ? null : Resolution.Note;

            /// <summary>Resolved without an error or a warning: the only readings the fast path takes.</summary>
            public bool Plain => Regency is not null && Repaired is null && OtherSchemeReading is null && Mismatch is null && Resolution.Former is null;
        }

        private Indicator? ResolveIndicator(int row, string? text)
        {
            var column = _fieldAt[(int)Field.Indicator]; // always present in the long format, the only one with an indicator column
            if (text is null)
            {
                Error(row, Name(column), CellRef(column, row), ReaderMessages.MissingIndicator, null);
                return null;
            }

            if (_catalog.TryGet(text, out var indicator))
            {
                return indicator;
            }

            Error(row, Name(column), CellRef(column, row), ReaderMessages.UnknownIndicator(text, _catalog.Version), Shorten(text));
            return null;
        }

        private Period? ResolvePeriod(int row, string? text)
        {
            var column = _fields[Field.Period];
            if (text is null)
            {
                Error(row, Name(column), CellRef(column, row), ReaderMessages.MissingPeriod, null);
                return null;
            }

            if (PeriodParser.TryParse(text, out var period))
            {
                return period;
            }

            Error(row, Name(column), CellRef(column, row), ReaderMessages.InvalidPeriod(text), Shorten(text));
            return null;
        }

        private void ReadValue(int row, int column, Regency regency, Indicator indicator, Period period, string? text, string? unit, string? note)
        {
            var cell = CellRef(column, row);
            var name = Name(column);
            if (_rowFormerCode is { } former && !AcceptFormerCode(row, former, period))
            {
                return;
            }

            if (text is null)
            {
                Error(row, name, cell, ReaderMessages.MissingValue(indicator), null);
                return;
            }

            if (indicator.IsBoolean && NumberParser.TryParseBoolean(text, out var yes))
            {
                Accept(row, name, cell, regency, indicator, period, yes ? 1 : 0, unit, note);
                return;
            }

            var number = NumberParser.StripPercent(text, out var percent);
            if (!PercentAllowed(indicator, percent))
            {
                Error(row, name, cell, ReaderMessages.PercentNotAllowed(indicator), text);
                return;
            }

            var evidence = NumberParser.Classify(number, out var asComma, out var asPoint);
            switch (Judge(evidence))
            {
                case StyleVerdict.NotANumber:
                    Error(row, name, cell, ReaderMessages.NotAValue(text, indicator), Shorten(text));
                    return;
                case StyleVerdict.Defer:
                    _deferred.Add(new Deferred(row, name, cell, indicator, number.ToString()));
                    Register(row, name, cell, regency, indicator, period, asPoint);
                    return;
                case StyleVerdict.Decides:
                    Decide(StyleOf(evidence), cell, text);
                    break;
                case StyleVerdict.Contradicts:
                    ReportOtherStyle(row, name, cell, text, StyleOf(evidence));
                    return;
            }

            // Every way here parsed the number in the style used (Classify's values; NaN where it did not parse).
            var value = InStyle(asComma, asPoint);
            if (CheckRange(row, name, cell, indicator, value, text))
            {
                Accept(row, name, cell, regency, indicator, period, value, unit, note);
            }
        }

        /// <summary>A former code in the row's regency cell: a warning (once per text) for a period up to its last year,
        /// an error naming the successor after it.</summary>
        private bool AcceptFormerCode(int row, FormerCodeUse former, Period period)
        {
            var column = _fieldAt[(int)Field.Regency];
            var message = former.Message(period.Year);
            if (former.For(period.Year) == FormerCodeVerdict.Valid)
            {
                if (_hintedCodes.Add("former:" + former.Text))
                {
                    Warning(row, Name(column), CellRef(column, row), new ReaderMessage(ErrorCodes.RegencyCodeFormer, message.English, message.Indonesian), former.Text);
                }

                return true;
            }

            Error(row, Name(column), CellRef(column, row), new ReaderMessage(ErrorCodes.RegencyCodeRetired, message.English, message.Indonesian), former.Text);
            return false;
        }

        /// <summary>The cell length rule, for text and (ASCII) bytes alike.</summary>
        private bool TooLong(int length) => length > options.Limits.MaxCellLength;

        /// <summary>The replacement character the decoder put where bytes were not valid UTF-8.</summary>
        private static bool HasInvalidBytes(string text) => text.Contains('\uFFFD', StringComparison.Ordinal);

        /// <summary>A percent sign is allowed only on percent indicators.</summary>
        private static bool PercentAllowed(Indicator indicator, bool percent) => !percent || indicator.Unit == IndicatorUnit.Percent;

        private bool CheckRange(int row, string? name, string? cell, Indicator indicator, double value, string text)
        {
            if (indicator.InRange(value))
            {
                return true;
            }

            Error(row, name, cell, ReaderMessages.OutOfRange(value, indicator), text);
            return false;
        }

        private void Accept(int row, string? name, string? cell, Regency regency, Indicator indicator, Period period, double value, string? unit, string? note)
        {
            if (Register(row, name, cell, regency, indicator, period, value))
            {
                HandOn(row, regency, indicator, period, value, unit, note);
            }
        }

        /// <summary>An accepted value, to the reading pass's sink (the validation pass has none).</summary>
        private void HandOn(int row, Regency regency, Indicator indicator, Period period, double value, string? unit, string? note) =>
            sink?.Invoke(new NormalizedValue(row, regency, indicator, period, value, unit, note));

        /// <summary>The regency's ordinal for duplicate keys; consecutive rows are mostly for the same regency.</summary>
        private int RegencyOrdinal(Regency regency)
        {
            if (!ReferenceEquals(regency, _lastRegency))
            {
                (_lastRegency, _lastRegencyOrdinal) = (regency, _registry.Ordinal(regency));
            }

            return _lastRegencyOrdinal;
        }

        /// <summary>Duplicate detection on a compact key; false when the value conflicts with an earlier row.</summary>
        private bool Register(int row, string? name, string? cell, Regency regency, Indicator indicator, Period period, double value)
        {
            if (!_indicatorOrdinals.TryGetValue(indicator, out var indicatorOrdinal))
            {
                _indicatorOrdinals[indicator] = indicatorOrdinal = _catalog.Ordinal(indicator);
            }

            return RegisterKey(row, name, cell, -1, regency, indicator, period, value, RegencyOrdinal(regency), indicatorOrdinal);
        }

        /// <summary>
        /// <see cref="Register"/> with the ordinals known; with <paramref name="column"/> set, the name and cell of a
        /// message are made from it only when there is a message.
        /// </summary>
        private bool RegisterKey(int row, string? name, string? cell, int column, Regency regency, Indicator indicator, Period period, double value, int regencyOrdinal, int indicatorOrdinal)
        {
            if (_seen.TryAdd(regencyOrdinal, indicatorOrdinal, period, value, row, out var earlier))
            {
                return true;
            }

            if (_seen.MembershipOnly)
            {
                // The reading pass: a repeated key is never handed on twice, and its report is discarded.
                return false;
            }

            if (column >= 0)
            {
                (name, cell) = (Name(column), CellRef(column, row));
            }

            if (earlier.Value.Equals(value))
            {
                Warning(row, name, cell, ReaderMessages.DuplicateSameValue(regency, indicator, period, earlier.Row), NumberParser.Format(value));
                return false;
            }

            Error(row, name, cell, ReaderMessages.DuplicateOtherValue(regency, indicator, period, earlier.Row, earlier.Value), NumberParser.Format(value));
            if (earlier.Row != row)
            {
                report.RejectedRows.Add(earlier.Row);
            }

            return false;
        }
    }
}
