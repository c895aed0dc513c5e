using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

/// <summary>
/// Reads an uploaded CSV as a stream, normalizes every cell and validates it into one <see cref="ValidationReport"/>.
/// Nothing is held per row but a compact key for duplicate detection, so a national file validates in bounded memory.
/// The same reader runs twice on an import: <see cref="ValidateAsync"/> decides the verdict and the number style,
/// <see cref="ReadValidAsync"/> then streams the accepted values to the writer.
/// </summary>
public sealed class ObservationReader(IndicatorCatalog catalog, RegencyRegistry registry)
{
    public IndicatorCatalog Catalog => catalog;

    public RegencyRegistry Registry => registry;

    /// <summary>Validates a whole file without keeping its values.</summary>
    public async Task<ValidationReport> ValidateAsync(Stream input, ReadOptions options, CancellationToken cancellationToken = default)
    {
        var report = new ValidationReport();
        await new Pass(this, options, report, sink: null, skipRows: null).RunAsync(input, cancellationToken);
        return report;
    }

    /// <summary>
    /// Reads the file again and hands every value of the rows that <paramref name="verdict"/> accepted to
    /// <paramref name="sink"/>, in the number style the verdict decided.
    /// </summary>
    public async Task ReadValidAsync(Stream input, ReadOptions options, ValidationReport verdict, Action<NormalizedValue> sink, CancellationToken cancellationToken = default)
    {
        var fixedStyle = options with
        {
            Locale = NumberStyleNames.TryParseLocale(verdict.Locale, out var style) ? style : options.Locale,
        };
        await new Pass(this, fixedStyle, new ValidationReport(), sink, verdict.RejectedRows).RunAsync(input, cancellationToken);
    }

    /// <summary>Validates and collects the accepted values (small files: the CLI's normalize, tests).</summary>
    public async Task<(ValidationReport Report, List<NormalizedValue> Values)> ReadAllAsync(Func<Stream> open, ReadOptions options, CancellationToken cancellationToken = default)
    {
        ValidationReport report;
        await using (var first = open())
        {
            report = await ValidateAsync(first, options, cancellationToken);
        }

        var values = new List<NormalizedValue>();
        if (!report.Unreadable)
        {
            await using var second = open();
            await ReadValidAsync(second, options, report, values.Add, cancellationToken);
        }

        return (report, values);
    }

    /// <summary>One reading of one file.</summary>
    private sealed class Pass(ObservationReader owner, ReadOptions options, ValidationReport report, Action<NormalizedValue>? sink, HashSet<int>? skipRows)
    {
        private readonly IndicatorCatalog _catalog = owner.Catalog;
        private readonly RegencyRegistry _registry = owner.Registry;
        // The validation pass keeps each key's first value and row for duplicate messages; the reading pass only
        // needs to know whether a key was seen (its messages go to a report nobody reads).
        private readonly SeenKeys _seen = new(owner.Catalog.Indicators.Count, owner.Registry.Count, membershipOnly: sink is not null);
        private readonly Dictionary<Indicator, int> _indicatorOrdinals = new(ReferenceEqualityComparer.Instance);
        private Regency? _lastRegency;
        private int _lastRegencyOrdinal;
        private readonly Dictionary<string, RegencyResolution> _regencyCache = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hintedCodes = new(StringComparer.Ordinal);
        // The fast path's caches, keyed on a cell's bytes (the unit's trimmed): null/default where the cell needs the general path.
        private readonly Utf8KeyCache<Regency?> _regencyBytes = new();
        private readonly Utf8KeyCache<(Indicator Indicator, int Ordinal)> _indicatorBytes = new();
        private readonly Utf8KeyCache<Period?> _periodBytes = new();
        private readonly Utf8KeyCache<string> _unitCache = new();
        private readonly List<Deferred> _deferred = [];
        private readonly List<string> _columnNames = [];
        private StyleDecision? _style;
        private bool _styleForced;
        private int _blankRunStart;
        private int _blankRunEnd;

        // Column layout, from the header.
        private readonly Dictionary<Field, int> _fields = [];
        private readonly int[] _fieldAt = [.. Enum.GetValues<Field>().Select(_ => -1)];
        private readonly List<(int Index, Indicator Indicator)> _wideColumns = [];
        private int _headerWidth;
        private bool _wide;

        private sealed record StyleDecision(NumberStyle Style, string Reason);

        private sealed record Deferred(int Row, string? Column, string? Cell, Indicator Indicator, string Text);

        public async Task RunAsync(Stream input, CancellationToken cancellationToken)
        {
            var (stream, sniff) = await CsvSniffer.SniffAsync(input, cancellationToken);
            await using var _ = stream;
            report.Encoding = sniff.EncodingName;
            if (sniff.NotCsv is not null)
            {
                FileError(ReaderMessages.NotCsv(sniff.NotCsv));
                return;
            }

            if (sniff.Empty)
            {
                FileError(ReaderMessages.EmptyFile);
                return;
            }

            var csvOptions = new CsvReaderOptions
            {
                SkipEmptyLines = false,
                DetectSeparatorHint = true,
                AllowLineBreaksInQuotes = true,
                Encoding = sniff.Encoding,
                MaxRecordSize = options.Limits.MaxRecordBytes,
                PoolStrings = false,
                OnMalformedRecord = malformed => Error((int)Math.Max(malformed.RecordNumber, 1), null, null, ReaderMessages.MalformedQuotes(malformed.Reason), null),
            };

            using var reader = CsvReader.Create(stream, csvOptions, leaveOpen: true);
            try
            {
                if (!ReadHeader(reader))
                {
                    report.Unreadable = true;
                    return;
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = (int)reader.RowNumber + 1;
                    if (row - 1 > options.Limits.MaxRows)
                    {
                        FileError(ReaderMessages.TooManyRows(options.Limits.MaxRows));
                        break;
                    }

                    ReadRow(reader, row);
                }
            }
            catch (CsvFormatException e) when (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal))
            {
                FileError(ReaderMessages.LineTooLong(options.Limits.MaxRecordBytes, reader.RowNumber + 2));
                report.Unreadable = report.Rows == 0;
                return;
            }
            catch (CsvFormatException e)
            {
                FileError(ReaderMessages.Unparseable(e.Message));
                report.Unreadable = true;
                return;
            }

            FlushBlankRun(endOfFile: true);
            FinishNumberStyle();
            if (report.Rows == 0 && report.ErrorCount == 0)
            {
                FileError(ReaderMessages.HeaderOnly);
            }
        }

        private bool ReadHeader(CsvReader reader)
        {
            var headers = reader.Headers;
            report.Delimiter = reader.Separator == '\t' ? "\t" : reader.Separator.ToString();
            if (options.Locale is { } forced)
            {
                (_style, _styleForced) = (new StyleDecision(forced, ReaderMessages.StyleFromOption), true);
            }
            else if (reader.Separator is ';' or '\t')
            {
                _style = new StyleDecision(NumberStyle.DecimalComma, ReaderMessages.StyleFromSeparator(reader.Separator));
            }

            report.Locale = _style?.Style.LocaleName();

            if (headers.Count > options.Limits.MaxColumns)
            {
                FileError(ReaderMessages.TooManyColumns(headers.Count, options.Limits.MaxColumns));
                return false;
            }

            var lastNamed = -1;
            for (var i = 0; i < headers.Count; i++)
            {
                _columnNames.Add(headers[i].Trim().Trim('\uFEFF'));
                if (_columnNames[i].Length > 0)
                {
                    lastNamed = i;
                }
            }

            if (lastNamed < 0)
            {
                HeaderError(null, null, ReaderMessages.BlankFirstRow);
                return false;
            }

            _headerWidth = lastNamed + 1;
            if (_headerWidth < headers.Count)
            {
                Warning(1, null, null, ReaderMessages.BlankColumnsAfterHeader(headers.Count - _headerWidth, ColumnLetter(_headerWidth)), null);
            }

            var fatal = false;
            var firstByField = new Dictionary<Field, int>();
            var unknown = new List<int>();
            for (var i = 0; i < _headerWidth; i++)
            {
                var name = _columnNames[i];
                if (name.Length == 0)
                {
                    HeaderError(i, null, ReaderMessages.UnnamedColumn(ColumnLetter(i)));
                    fatal = true;
                }
                else if (HeaderAliases.TryMap(name, out var field))
                {
                    if (firstByField.TryGetValue(field, out var first))
                    {
                        HeaderError(i, name, ReaderMessages.SameFieldTwice(ColumnLetter(first), _columnNames[first], ColumnLetter(i), name, HeaderAliases.Canonical(field)));
                        fatal = true;
                    }
                    else
                    {
                        firstByField[field] = i;
                    }
                }
                else if (_catalog.TryGet(name, out var indicator))
                {
                    if (_wideColumns.Exists(c => c.Indicator == indicator))
                    {
                        HeaderError(i, name, ReaderMessages.IndicatorColumnTwice(indicator));
                        fatal = true;
                    }
                    else
                    {
                        _wideColumns.Add((i, indicator));
                    }
                }
                else
                {
                    unknown.Add(i);
                }
            }

            foreach (var (field, index) in firstByField)
            {
                _fields[field] = index;
                _fieldAt[(int)field] = index;
            }

            _wide = !_fields.ContainsKey(Field.Indicator) && !_fields.ContainsKey(Field.Value) && _wideColumns.Count > 0;
            report.Format = _wide ? "wide" : "long";
            foreach (var i in unknown)
            {
                var name = _columnNames[i];
                if (_wide && LooksLikeIndicatorCode(name))
                {
                    HeaderError(i, name, ReaderMessages.UnknownIndicatorColumn(name, _catalog.Version));
                    fatal = true;
                }
                else
                {
                    Warning(1, name, CellRef(i, 1), ReaderMessages.UnknownColumn(name, _wide), name);
                }
            }

            if (!_wide && _wideColumns.Count > 0)
            {
                foreach (var (index, _) in _wideColumns)
                {
                    Warning(1, _columnNames[index], CellRef(index, 1), ReaderMessages.IndicatorColumnInLongFormat(_columnNames[index]), _columnNames[index]);
                }

                _wideColumns.Clear();
            }

            IEnumerable<Field> required = _wide ? [Field.Period] : [Field.Indicator, Field.Period, Field.Value];
            if (options.UploadRegency is null)
            {
                required = required.Prepend(Field.Regency);
            }

            foreach (var field in required.Where(f => !_fields.ContainsKey(f)))
            {
                HeaderError(null, HeaderAliases.Canonical(field), ReaderMessages.MissingColumn(field, hasWideColumns: _wideColumns.Count > 0));
                fatal = true;
            }

            return !fatal;
        }

        private void ReadRow(CsvReader reader, int row)
        {
            var count = reader.FieldCount;
            var blank = true;
            for (var i = 0; i < count && blank; i++)
            {
                blank = reader.IsEmpty(i) || reader.GetSpan(i).Trim(" \t"u8).IsEmpty;
            }

            if (blank)
            {
                if (_blankRunStart == 0)
                {
                    _blankRunStart = row;
                }

                _blankRunEnd = row;
                return;
            }

            FlushBlankRun(endOfFile: false);
            report.Rows++;
            var skip = skipRows is { Count: > 0 } && skipRows.Contains(row);
            if (skip)
            {
                return;
            }

            for (var i = _headerWidth; i < count; i++)
            {
                if (!reader.IsEmpty(i))
                {
                    var extra = reader.GetString(i)!;
                    if (extra.AsSpan().Trim().Length > 0)
                    {
                        Error(row, null, CellRef(i, row), ReaderMessages.ExtraCell(row, ColumnLetter(i), _headerWidth), Shorten(extra));
                        return;
                    }
                }
            }

            if (_wide)
            {
                ReadWideRow(reader, row);
                return;
            }

            if (TryReadPlainRow(reader, row, count))
            {
                return;
            }

            // Every cell is checked (not just up to the first failure) so one pass reports all of a row's problems.
            var complete = CellText(reader, row, Field.Regency, out var regencyText);
            complete &= CellText(reader, row, Field.Indicator, out var indicatorText);
            complete &= CellText(reader, row, Field.Period, out var periodText);
            complete &= CellText(reader, row, Field.Value, out var valueText);
            complete &= CellText(reader, row, Field.Unit, out var unit);
            complete &= CellText(reader, row, Field.Note, out var note);
            if (!complete)
            {
                return;
            }

            report.Values++;
            var regency = ResolveRegency(row, regencyText);
            var indicator = ResolveIndicator(row, indicatorText);
            var period = ResolvePeriod(row, periodText);
            if (regency is null || indicator is null || period is null)
            {
                return;
            }

            ReadValue(row, _fieldAt[(int)Field.Value], regency, indicator, period.Value, valueText, unit, note);
        }

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
            if (!ReferenceEquals(regency, _lastRegency))
            {
                (_lastRegency, _lastRegencyOrdinal) = (regency, _registry.Ordinal(regency!));
            }

            if (RegisterKey(row, null, null, valueColumn, regency!, indicator.Indicator, period, value, _lastRegencyOrdinal, indicator.Ordinal))
            {
                sink?.Invoke(new NormalizedValue(row, regency!, indicator.Indicator, period, value, unit, note));
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
            if (bytes.Length == 0 || bytes.Length > options.Limits.MaxCellLength)
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

                if (bytes.Length > options.Limits.MaxCellLength)
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

            return text is null || (text.Length <= options.Limits.MaxCellLength && !text.Contains('\uFFFD', StringComparison.Ordinal));
        }

        /// <summary>The regency of a cell, from a cache keyed on the cell's bytes: what ResolveRegency gives the same
        /// text, kept only when it neither reports nor warns (null otherwise).</summary>
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
                    var resolution = _registry.Resolve(text, options.Scheme);
                    regency = resolution.Regency is { } found && resolution.Note is null &&
                              !(options.Scheme == RegencyScheme.Kemendagri && _registry.BpsReadingOf(text) is { } bps && bps != found) &&
                              !(options.UploadRegency is { } expected && expected != found)
                        ? found
                        : null;
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
            if (bytes.Length == 0 || bytes.Length > options.Limits.MaxCellLength)
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
                if (percent && indicator.Unit != IndicatorUnit.Percent)
                {
                    return false;
                }

                evidence = NumberParser.Classify(number, out asComma, out asPoint);
            }

            if (evidence == StyleEvidence.NotANumber || (evidence != StyleEvidence.None && _style is null))
            {
                return false;
            }

            if (evidence is StyleEvidence.DecimalComma or StyleEvidence.DecimalPoint &&
                _style!.Style != (evidence == StyleEvidence.DecimalComma ? NumberStyle.DecimalComma : NumberStyle.DecimalPoint))
            {
                return false;
            }

            value = (_style?.Style ?? NumberStyle.DecimalPoint) == NumberStyle.DecimalComma ? asComma : asPoint;
            return indicator.InRange(value);
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

        private void ReadWideRow(CsvReader reader, int row)
        {
            CellText(reader, row, Field.Regency, out var regencyText);
            CellText(reader, row, Field.Period, out var periodText);
            var regency = ResolveRegency(row, regencyText);
            var period = ResolvePeriod(row, periodText);
            foreach (var (index, indicator) in _wideColumns)
            {
                if (index >= reader.FieldCount || reader.IsEmpty(index))
                {
                    continue;
                }

                var text = reader.GetString(index)!;
                if (text.AsSpan().Trim().IsEmpty)
                {
                    continue;
                }

                report.Values++;
                if (regency is not null && period is not null && CheckLength(row, index, text))
                {
                    ReadValue(row, index, regency, indicator, period.Value, text, null, null);
                }
            }
        }

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

        private static double ParseAs(ReadOnlySpan<char> number, NumberStyle style) =>
            NumberParser.TryParse(number, style, out var value) ? value : double.NaN;

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

        /// <summary>Ends a comma-separated file whose style no cell decided: values such as 1.234 were read in en-US style.</summary>
        private void FinishNumberStyle()
        {
            if (_style is null)
            {
                _style = new StyleDecision(NumberStyle.DecimalPoint, ReaderMessages.StyleByDefault);
                report.Locale = NumberStyle.DecimalPoint.LocaleName();
                if (_deferred.Count > 0)
                {
                    var first = _deferred[0];
                    Warning(first.Row, first.Column, first.Cell, ReaderMessages.ReadAsEnglish(_deferred.Count, first.Text, ParseAs(first.Text, NumberStyle.DecimalPoint)), first.Text);
                }
            }

            foreach (var deferred in _deferred)
            {
                CheckRange(deferred.Row, deferred.Column, deferred.Cell, deferred.Indicator, ParseAs(deferred.Text, _style.Style), deferred.Text);
            }
        }

        private void FlushBlankRun(bool endOfFile)
        {
            if (_blankRunStart == 0)
            {
                return;
            }

            Warning(_blankRunStart, null, null, ReaderMessages.BlankRows(_blankRunStart, _blankRunEnd, endOfFile), null);
            _blankRunStart = _blankRunEnd = 0;
        }

        private static bool LooksLikeIndicatorCode(string name) =>
            name.Length is >= 4 and <= 12 && name.Contains('-', StringComparison.Ordinal) && name.Any(char.IsAsciiDigit) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

        private string? Name(int column) => column >= 0 && column < _columnNames.Count ? (_columnNames[column].Length > 0 ? _columnNames[column] : ColumnLetter(column)) : null;

        private static string? CellRef(int column, int row) => column >= 0 ? ColumnLetter(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        private static string? Shorten(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;

        private void FileError(ReaderMessage message) =>
            report.AddError(new ValidationIssue { Row = 0, Code = message.Code, Message = message.English, MessageId = message.Indonesian });

        private void HeaderError(int? column, string? name, ReaderMessage message) =>
            report.AddError(new ValidationIssue
            {
                Row = 1,
                Column = name ?? (column is { } c ? ColumnLetter(c) : null),
                Cell = column is { } col ? CellRef(col, 1) : null,
                Code = message.Code,
                Message = message.English,
                MessageId = message.Indonesian,
                Value = column is { } v && v < _columnNames.Count ? _columnNames[v] : null,
            });

        private void Error(int row, string? column, string? cell, ReaderMessage message, string? value) =>
            report.AddError(new ValidationIssue { Row = row, Column = column, Cell = cell, Code = message.Code, Message = message.English, MessageId = message.Indonesian, Value = value });

        private void Warning(int row, string? column, string? cell, ReaderMessage message, string? value) =>
            report.AddWarning(new ValidationIssue { Row = row, Column = column, Cell = cell, Code = message.Code, Message = message.English, MessageId = message.Indonesian, Value = value });
    }

    /// <summary>Excel's letters for a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
