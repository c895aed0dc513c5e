using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Registry;
using Readiness.Core.Validation;
using Readiness.Core.Workbooks;

namespace Readiness.Core.Ingestion;

/// <summary>
/// Reads an uploaded CSV as a stream, normalizes every cell and validates it into one <see cref="ValidationReport"/>.
/// Nothing is held per row but a compact key for duplicate detection, so a national file validates in bounded memory.
/// The same reader runs twice on an import: <see cref="ValidateAsync"/> decides the verdict and the number style,
/// <see cref="ReadValidAsync"/> then streams the accepted values to the writer.
/// </summary>
public sealed partial class ObservationReader(IndicatorCatalog catalog, RegencyRegistry registry)
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
        var fixedStyle = options with { Locale = verdict.NumberStyle ?? options.Locale };
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

    /// <summary>One reading of one file: the run loop and the row shapes here; the header layout, the UTF-8 fast path,
    /// the values and the number style in the other ObservationReader.*.cs parts.</summary>
    private sealed partial class Pass(ObservationReader owner, ReadOptions options, ValidationReport report, Action<NormalizedValue>? sink, HashSet<int>? skipRows)
    {
        private readonly IndicatorCatalog _catalog = owner.Catalog;
        private readonly RegencyRegistry _registry = owner.Registry;
        private int _blankRunStart;
        private int _blankRunEnd;

        public async Task RunAsync(Stream input, CancellationToken cancellationToken)
        {
            // The format comes from the bytes, never from a file name: a workbook is a zip or an OLE2 compound file.
            await using var detected = await WorkbookDetector.DetectAsync(input, cancellationToken);
            if (detected.Format is { } workbook)
            {
                await RunWorkbookAsync(detected.Stream, workbook, cancellationToken);
                return;
            }

            await RunCsvAsync(detected.Stream, cancellationToken);
        }

        private async Task RunCsvAsync(Stream input, CancellationToken cancellationToken)
        {
            var (stream, sniff) = await CsvSniffer.SniffAsync(input, cancellationToken);
            await using var _ = stream;
            report.Encoding = sniff.EncodingName;
            if (sniff.NotCsv is { } notCsv)
            {
                FileError(notCsv);
                return;
            }

            if (sniff.Empty)
            {
                FileError(ReaderMessages.EmptyFile);
                return;
            }

            if (sniff.IgnoredSeparatorLine is { } separatorLine)
            {
                Warning(0, null, null, ReaderMessages.SeparatorLineIgnored(separatorLine), separatorLine);
            }

            var csvOptions = new CsvReaderOptions
            {
                SkipEmptyLines = false,
                DetectSeparatorHint = true,
                AllowLineBreaksInQuotes = true,
                Encoding = sniff.Encoding,
                MaxRecordSize = options.Limits.MaxRecordBytes,
                PoolStrings = false,
                OnMalformedRecord = malformed => Error((int)Math.Max(malformed.RecordNumber, 1), null, null, ReaderMessages.MalformedQuotes(malformed.Reason, (int)Math.Max(malformed.RecordNumber, 1)), null),
            };

            using var reader = CsvReader.Create(stream, csvOptions, leaveOpen: true);
            var cells = new CsvRowCells(reader);
            try
            {
                report.Delimiter = reader.Separator == '\t' ? "\t" : reader.Separator.ToString();
                StyleFromOptionOrSeparator(reader.Separator);
                if (reader.Headers.Count > options.Limits.MaxColumns)
                {
                    FileError(ReaderMessages.TooManyColumns(reader.Headers.Count, options.Limits.MaxColumns));
                    report.Unreadable = true;
                    return;
                }

                // The first row is the header, unless it names no column we know and a later row of the first
                // HeaderSearchRows names the required ones: then rows above it are a title block.
                var headerNames = reader.Headers.Select(h => h.Trim().Trim('\uFEFF')).ToList();
                List<(int Row, List<string> Names)> titleRows = [];
                if (!NamesAnyColumn(headerNames))
                {
                    while (titleRows.Count < HeaderSearchRows - 1 && await reader.ReadAsync(cancellationToken))
                    {
                        titleRows.Add(((int)reader.RowNumber + 1, [.. Enumerable.Range(0, reader.FieldCount).Select(i => cells.Text(i) ?? "")]));
                        if (NamesRequiredColumns(titleRows[^1].Names))
                        {
                            break;
                        }
                    }
                }

                var headerIndex = titleRows.FindIndex(t => NamesRequiredColumns(t.Names));

                // Rows read while searching (a malformed quote there is reported) are a title, never data rows.
                var lastSearched = titleRows.Count > 0 ? titleRows[^1].Row : 1;
                report.RejectedRows.RemoveWhere(r => r <= lastSearched);
                bool headerRead;
                if (headerIndex >= 0)
                {
                    HeaderFoundBelowTitle(titleRows[headerIndex].Row, headerNames);
                    headerRead = ReadHeader(titleRows[headerIndex].Names, titleRows[headerIndex].Row);
                }
                else
                {
                    // No row below names the required columns either: the first row is the header, and since it
                    // names no known column its errors reject the file (the rows searched are never data).
                    headerRead = ReadHeader(headerNames, 1);
                }

                if (!headerRead)
                {
                    report.Unreadable = true;
                    return;
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = (int)reader.RowNumber + 1;
                    if (row - _headerRow > options.Limits.MaxRows)
                    {
                        FileError(ReaderMessages.TooManyRows(options.Limits.MaxRows));
                        break;
                    }

                    ReadRow(cells, row);
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

        private void ReadRow(RowCells cells, int row)
        {
            var count = cells.Count;
            var blank = true;
            for (var i = 0; i < count && blank; i++)
            {
                blank = cells.IsBlank(i);
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
                if (!cells.IsBlank(i))
                {
                    Error(row, null, CellRef(i, row), ReaderMessages.ExtraCell(row, ColumnLetter(i), _headerWidth), Shorten(cells.Text(i)));
                    return;
                }
            }

            if (_wide)
            {
                ReadWideRow(cells, row);
                return;
            }

            if (cells is CsvRowCells csv && TryReadPlainRow(csv.Reader, row, count))
            {
                return;
            }

            // Every cell is checked (not just up to the first failure) so one pass reports all of a row's problems.
            var complete = CellText(cells, row, Field.Regency, out var regencyText);
            complete &= CellText(cells, row, Field.Indicator, out var indicatorText);
            complete &= CellText(cells, row, Field.Period, out var periodText);
            complete &= CellText(cells, row, Field.Value, out var valueText);
            complete &= CellText(cells, row, Field.Unit, out var unit);
            complete &= CellText(cells, row, Field.Note, out var note);
            if (!complete)
            {
                return;
            }

            unit = Printable(row, Field.Unit, unit);
            note = Printable(row, Field.Note, note);

            report.Values++;
            var regency = ResolveRegency(row, regencyText, TypedNumber(cells, Field.Regency));
            var indicator = ResolveIndicator(row, indicatorText);
            var period = ResolvePeriod(row, periodText, TypedPeriod(cells, Field.Period));
            if (regency is null || indicator is null || period is null)
            {
                return;
            }

            var valueColumn = _fieldAt[(int)Field.Value];
            ReadValue(row, valueColumn, regency, indicator, period.Value, valueText, unit, note, Typed(cells, valueColumn));
        }

        private void ReadWideRow(RowCells cells, int row)
        {
            CellText(cells, row, Field.Regency, out var regencyText);
            CellText(cells, row, Field.Period, out var periodText);
            var regency = ResolveRegency(row, regencyText, TypedNumber(cells, Field.Regency));
            var period = ResolvePeriod(row, periodText, TypedPeriod(cells, Field.Period));
            foreach (var (index, indicator) in _wideColumns)
            {
                if (index >= cells.Count || cells.IsBlank(index))
                {
                    continue;
                }

                var text = cells.Text(index)!;
                report.Values++;
                if (regency is not null && period is not null && CheckLength(row, index, text))
                {
                    ReadValue(row, index, regency, indicator, period.Value, text, null, null, Typed(cells, index));
                }
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

        private string? Name(int column) => column >= 0 && column < _columnNames.Count ? (_columnNames[column].Length > 0 ? _columnNames[column] : ColumnLetter(column)) : null;

        /// <summary>The cell as Excel shows it: <c>C7</c>, or <c>Data!C7</c> in a workbook (its sheet named).</summary>
        private string? CellRef(int column, int row) => column >= 0 ? _sheetPrefix + ColumnLetter(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        private static string? Shorten(string? text) => text is { Length: > 200 } ? text[..(char.IsHighSurrogate(text[199]) ? 199 : 200)] + "…" : text;

        private void FileError(ReaderMessage message) =>
            report.AddError(new ValidationIssue { Row = 0, Code = message.Code, Message = message.English, MessageId = message.Indonesian });

        private void HeaderError(int? column, string? name, ReaderMessage message)
        {
            report.AddError(new ValidationIssue
            {
                Row = _headerRow,
                Column = name ?? (column is { } c ? ColumnLetter(c) : null),
                Cell = column is { } col ? CellRef(col, _headerRow) : null,
                Code = message.Code,
                Message = message.English,
                MessageId = message.Indonesian,
                Value = column is { } v && v < _columnNames.Count ? _columnNames[v] : null,
            });

            // A header below a title block is not a data row: its errors reject the file, not a row.
            report.RejectedRows.Remove(_headerRow);
        }

        private void Error(int row, string? column, string? cell, ReaderMessage message, string? value) =>
            report.AddError(Issue(row, column, cell, ReaderMessages.At(row, column, message), value));

        private void Warning(int row, string? column, string? cell, ReaderMessage message, string? value) =>
            report.AddWarning(Issue(row, column, cell, ReaderMessages.At(row, column, message), value));

        private static ValidationIssue Issue(int row, string? column, string? cell, ReaderMessage message, string? value) =>
            new() { Row = row, Column = column, Cell = cell, Code = message.Code, Message = message.English, MessageId = message.Indonesian, Value = value };
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
