using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

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
            if (text.Length > options.Limits.MaxCellLength)
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.CellTooLong(text.Length, options.Limits.MaxCellLength), Shorten(text));
                return false;
            }

            if (text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.InvalidUtf8, Shorten(text));
                return false;
            }

            return true;
        }

        private Regency? ResolveRegency(int row, string? text)
        {
            var column = _fieldAt[(int)Field.Regency];
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

            if (resolution.Regency is not { } regency)
            {
                if (resolution.Ambiguous)
                {
                    Error(row, Name(column), CellRef(column, row), ReaderMessages.AmbiguousRegency(text, resolution.Candidates), text);
                }
                else
                {
                    Error(row, Name(column), CellRef(column, row), ReaderMessages.UnknownRegency(text, options.Scheme, resolution.Note), Shorten(text));
                }

                return null;
            }

            if (resolution.Note is { } note && _hintedCodes.Add(text))
            {
                Warning(row, Name(column), CellRef(column, row), ReaderMessages.RegencyCodeRepaired(note), text);
            }

            if (options.Scheme == RegencyScheme.Kemendagri && _registry.BpsReadingOf(text) is { } bps && bps != regency && _hintedCodes.Add(text))
            {
                Warning(row, Name(column), CellRef(column, row), ReaderMessages.ReadAsKemendagri(text, regency, bps), text);
            }

            if (options.UploadRegency is { } expected && expected != regency)
            {
                Error(row, Name(column), CellRef(column, row), ReaderMessages.RegencyMismatch(regency, expected), text);
                return null;
            }

            return regency;
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
            if (percent && indicator.Unit != IndicatorUnit.Percent)
            {
                Error(row, name, cell, ReaderMessages.PercentNotAllowed(indicator), text);
                return;
            }

            var evidence = NumberParser.Classify(number, out var asComma, out var asPoint);
            if (evidence == StyleEvidence.NotANumber)
            {
                Error(row, name, cell, ReaderMessages.NotAValue(text, indicator), Shorten(text));
                return;
            }

            if (evidence == StyleEvidence.Ambiguous && _style is null)
            {
                _deferred.Add(new Deferred(row, name, cell, indicator, number.ToString()));
                Register(row, name, cell, regency, indicator, period, asPoint);
                return;
            }

            if (evidence is StyleEvidence.DecimalComma or StyleEvidence.DecimalPoint)
            {
                var style = evidence == StyleEvidence.DecimalComma ? NumberStyle.DecimalComma : NumberStyle.DecimalPoint;
                if (_style is null)
                {
                    _style = new StyleDecision(style, ReaderMessages.StyleFromCell(cell, text, style));
                    report.Locale = style.LocaleName();
                }
                else if (_style.Style != style)
                {
                    if (_styleForced)
                    {
                        Error(row, name, cell, ReaderMessages.NotInForcedStyle(text, _style.Style), text);
                    }
                    else
                    {
                        Error(row, name, cell, ReaderMessages.InconsistentStyle(text, style, _style.Style, _style.Reason), text);
                    }

                    return;
                }
            }

            // Every way here parsed the number in the style used (Classify's values; NaN where it did not parse).
            var value = (_style?.Style ?? NumberStyle.DecimalPoint) == NumberStyle.DecimalComma ? asComma : asPoint;
            if (CheckRange(row, name, cell, indicator, value, text))
            {
                Accept(row, name, cell, regency, indicator, period, value, unit, note);
            }
        }

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
                sink?.Invoke(new NormalizedValue(row, regency, indicator, period, value, unit, note));
            }
        }

        /// <summary>Duplicate detection on a compact key; false when the value conflicts with an earlier row.</summary>
        private bool Register(int row, string? name, string? cell, Regency regency, Indicator indicator, Period period, double value)
        {
            if (!ReferenceEquals(regency, _lastRegency))
            {
                (_lastRegency, _lastRegencyOrdinal) = (regency, _registry.Ordinal(regency));
            }

            if (!_indicatorOrdinals.TryGetValue(indicator, out var indicatorOrdinal))
            {
                _indicatorOrdinals[indicator] = indicatorOrdinal = _catalog.Ordinal(indicator);
            }

            return RegisterKey(row, name, cell, -1, regency, indicator, period, value, _lastRegencyOrdinal, indicatorOrdinal);
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
