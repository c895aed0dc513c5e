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
        private bool CellText(RowCells cells, int row, Field field, out string? text)
        {
            text = null;
            var index = _fieldAt[(int)field];
            if (index < 0)
            {
                return true;
            }

            if (index >= cells.Count)
            {
                // A worksheet row simply ends where its last filled cell is; only a CSV record can be short.
                if (field is Field.Unit or Field.Note || cells is not CsvRowCells)
                {
                    return true;
                }

                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.MissingCell(ColumnLetter(index)), null);
                return false;
            }

            text = cells.Text(index);
            return text is null || CheckLength(row, index, text);
        }

        /// <summary>The typed content of a workbook cell; CSV cells are text (default).</summary>
        private static TypedCell Typed(RowCells cells, int index)
        {
            if (cells is CsvRowCells || index < 0 || index >= cells.Count)
            {
                return default;
            }

            return cells.Kind(index) switch
            {
                CellKind.Number => new TypedCell(CellKind.Number, cells.Number(index), cells.PercentFormat(index), false),
                CellKind.Boolean => new TypedCell(CellKind.Boolean, 0, false, cells.Boolean(index)),
                CellKind.Date => new TypedCell(CellKind.Date, 0, false, false),
                _ => default,
            };
        }

        /// <summary>The number a workbook cell of <paramref name="field"/> holds (a code typed as a number), or null.</summary>
        private double? TypedNumber(RowCells cells, Field field)
        {
            var index = _fieldAt[(int)field];
            return cells is not CsvRowCells && index >= 0 && index < cells.Count && cells.Kind(index) == CellKind.Number ? cells.Number(index) : null;
        }

        /// <summary>The period of a workbook date cell (its month, or its year when only the year is shown), or null.</summary>
        private Period? TypedPeriod(RowCells cells, Field field)
        {
            var index = _fieldAt[(int)field];
            if (cells is CsvRowCells || index < 0 || index >= cells.Count || cells.Kind(index) != CellKind.Date)
            {
                return null;
            }

            var date = cells.Date(index);
            return cells.DateShowsMonth(index) ? Period.OfMonth(date.Year, date.Month) : Period.OfYear(date.Year);
        }

        /// <summary>A workbook cell's typed value; <see cref="CellKind.Empty"/> (default) for text and CSV cells.</summary>
        private readonly record struct TypedCell(CellKind Kind, double Number, bool Percent, bool Boolean);

        private bool CheckLength(int row, int index, string text)
        {
            if (TooLong(text.Length) && TooLong(Characters(text)))
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.CellTooLong(Characters(text), options.Limits.MaxCellLength), Shorten(text));
                return false;
            }

            if (HasInvalidBytes(text))
            {
                Error(row, _columnNames[index], CellRef(index, row), ReaderMessages.InvalidUtf8, Shorten(text));
                return false;
            }

            return true;
        }

        private Regency? ResolveRegency(int row, string? text, double? typedNumber)
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

            // A code typed as a number: 13.07 as a workbook number, or 13,07 / 35,1 as a decimal-comma export shows it.
            // Only when the code is a regency: otherwise the cell is reported as it is written.
            if (CodeFromNumber(text, typedNumber) is { } code && _registry.Resolve(code, options.Scheme).Regency is not null)
            {
                var repaired = ResolveRegency(row, code, null);
                if (repaired is not null && _hintedCodes.Add("#" + text))
                {
                    Warning(row, Name(column), CellRef(column, row), ReaderMessages.RegencyCodeTypedAsNumber(text, repaired, typedNumber is not null), text);
                }

                return repaired;
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
                    Error(row, Name(column), CellRef(column, row), ReaderMessages.UnknownRegency(text, options.Scheme, reading.Resolution.Candidates), Shorten(text));
                }

                return null;
            }

            if (reading.Repaired is { } note && _hintedCodes.Add(text))
            {
                Warning(row, Name(column), CellRef(column, row), ReaderMessages.RegencyCodeRepaired(text, regency), text);
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

        private Period? ResolvePeriod(int row, string? text, Period? typed)
        {
            var column = _fields[Field.Period];
            if (typed is { } fromDate)
            {
                return CheckPeriod(row, column, fromDate, text);
            }

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

        private void ReadValue(int row, int column, Regency regency, Indicator indicator, Period period, string? text, string? unit, string? note, TypedCell typed)
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

            if (typed.Kind != CellKind.Empty)
            {
                ReadTypedValue(row, name, cell, regency, indicator, period, text, unit, note, typed);
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
            if (evidence == StyleEvidence.Ambiguous && !_styleForced && ContradictsType(indicator, value, OtherStyle(asComma, asPoint)))
            {
                // The file's style reads a value the indicator cannot have (a fractional count), the other style one it can.
                Error(row, name, cell, ReaderMessages.AmbiguousAgainstType(text, indicator, value, OtherStyle(asComma, asPoint), _style!.Style, _style.Reason), text);
                return;
            }
            if (CheckRange(row, name, cell, indicator, value, text))
            {
                Accept(row, name, cell, regency, indicator, period, value, unit, note);
            }
        }

        /// <summary>
        /// A typed workbook cell's value: a number is that number (no locale is guessed), shown as a percentage it is
        /// ×100 for a percent indicator, a Boolean cell is 1/0 for a yes/no indicator; the same range rule as text.
        /// </summary>
        private void ReadTypedValue(int row, string? name, string? cell, Regency regency, Indicator indicator, Period period, string text, string? unit, string? note, TypedCell typed)
        {
            double value;
            switch (typed.Kind)
            {
                case CellKind.Number when typed.Percent && !PercentAllowed(indicator, percent: true):
                    Error(row, name, cell, ReaderMessages.PercentNotAllowed(indicator), text);
                    return;
                case CellKind.Number:
                    // 0.64 shown as 64%: the officer typed 64. Rounded to 15 digits, so 0.07 × 100 is 7, not 7.000000000000001.
                    value = typed.Percent ? double.Parse((typed.Number * 100).ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : typed.Number;
                    break;
                case CellKind.Boolean when indicator.IsBoolean:
                    value = typed.Boolean ? 1 : 0;
                    break;
                default:
                    Error(row, name, cell, ReaderMessages.NotAValue(text, indicator), Shorten(text));
                    return;
            }

            if (CheckRange(row, name, cell, indicator, value, text))
            {
                Accept(row, name, cell, regency, indicator, period, value, unit, note);
            }
        }

        /// <summary>
        /// The regency code a number stands for: <c>13.07</c> typed as a number (a workbook number cell, or the text
        /// <c>13,07</c> / <c>35,1</c> of a decimal-comma export), with the trailing zero Excel drops restored; null
        /// for any other text. <c>1307</c> stays as it is: four digits are read as a code already.
        /// </summary>
        private static string? CodeFromNumber(string text, double? typed)
        {
            if (typed is { } number)
            {
                return number switch
                {
                    >= 1000 and < 10000 when number == Math.Floor(number) => number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
                    >= 10 and < 100 when number == Math.Round(number, 2) => number.ToString("00.00", System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
            }

            // 13,07 / 35,1: two digits, a decimal comma, one or two digits.
            if (text.Length is < 4 or > 5 || text[2] != ',' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) ||
                text.AsSpan(3).ContainsAnyExceptInRange('0', '9'))
            {
                return null;
            }

            return string.Concat(text.AsSpan(0, 2), ".", text.Length == 4 ? text[3] + "0" : text[3..]);
        }

        private Period? CheckPeriod(int row, int column, Period period, string? text)
        {
            if (period.Year is >= Period.MinYear and <= Period.MaxYear)
            {
                return period;
            }

            Error(row, Name(column), CellRef(column, row), ReaderMessages.InvalidPeriod(text ?? period.ToString()), Shorten(text));
            return null;
        }

        /// <summary>Whether <paramref name="value"/> is impossible for the indicator while <paramref name="other"/> is possible.</summary>
        private static bool ContradictsType(Indicator indicator, double value, double other) => !Plausible(indicator, value) && Plausible(indicator, other);

        /// <summary>A reading the indicator can have: inside its valid range (a percentage in 0–100), and whole for a count.</summary>
        private static bool Plausible(Indicator indicator, double value) =>
            !double.IsNaN(value) && indicator.InRange(value) && (indicator.Unit != IndicatorUnit.Count || value == Math.Floor(value));

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
