using System.Globalization;
using ExcelDataReader;
using Readiness.Core.Workbooks;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // Workbooks: the sheet, the header below any title block, and typed rows fed to the same row rules as CSV records.
    private sealed partial class Pass
    {
        /// <summary>The names of the template's data sheet, the one read when a workbook has it.</summary>
        private static readonly string[] DataSheetNames = ["Data", "Isian"];

        /// <summary><c>Data!</c> before a cell reference in a workbook; empty for CSV.</summary>
        private string _sheetPrefix = "";

        static Pass() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

        private Task RunWorkbookAsync(Stream workbook, WorkbookFormat format, CancellationToken cancellationToken)
        {
            _workbook = true;
            report.FileType = format switch
            {
                WorkbookFormat.Xls => "xls",
                WorkbookFormat.Xlsb => "xlsb",
                WorkbookFormat.Ods => "ods",
                _ => "xlsx",
            };
            switch (format)
            {
                case WorkbookFormat.Ods:
                    FileError(ReaderMessages.OdsNotSupported);
                    report.Unreadable = true;
                    return Task.CompletedTask;
                case WorkbookFormat.OtherZip:
                    report.FileType = null;
                    FileError(ReaderMessages.NotAWorkbook);
                    report.Unreadable = true;
                    return Task.CompletedTask;
            }

            try
            {
                if (format is WorkbookFormat.Xlsx or WorkbookFormat.Xlsb && WorkbookDetector.CheckZipSize(workbook, options.Limits.MaxDecompressedBytes) is not null)
                {
                    FileError(ReaderMessages.ZipBomb(options.Limits.MaxDecompressedBytes));
                    report.Unreadable = true;
                    return Task.CompletedTask;
                }

                using var excel = ExcelReaderFactory.CreateReader(workbook, new ExcelReaderConfiguration { LeaveOpen = true });
                ReadWorkbook(excel, cancellationToken);
            }
            catch (Exception e) when (e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException or NotSupportedException or EndOfStreamException or IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException or FormatException)
            {
                FileError(ReaderMessages.UnreadableWorkbook(e is ExcelDataReader.Exceptions.InvalidPasswordException ? "it is password-protected" : e.Message.Split('\n', 2)[0].Trim()));
                report.Unreadable = report.Rows == 0;
            }

            return Task.CompletedTask;
        }

        private void ReadWorkbook(IExcelDataReader excel, CancellationToken cancellationToken)
        {
            var sheets = new List<(string Name, bool Visible)>();
            do
            {
                sheets.Add((excel.Name ?? $"Sheet{sheets.Count + 1}", excel.VisibleState is null or "visible"));
            }
            while (excel.NextResult());

            var chosen = sheets.FindIndex(s => s.Visible && DataSheetNames.Any(n => string.Equals(s.Name.Trim(), n, StringComparison.OrdinalIgnoreCase)));
            chosen = chosen >= 0 ? chosen : sheets.FindIndex(s => s.Visible);
            if (chosen < 0)
            {
                FileError(ReaderMessages.NoVisibleSheet);
                report.Unreadable = true;
                return;
            }

            var sheet = sheets[chosen].Name;
            report.Sheet = sheet;
            _sheetPrefix = (sheet.Any(c => !char.IsLetterOrDigit(c) && c != '_') ? "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'" : sheet) + "!";
            // The template's own instructions sheet is expected beside its data sheet: no warning for it.
            var others = sheets.Where((s, i) => i != chosen && !string.Equals(s.Name, Readiness.Core.Catalog.WorkbookTemplate.InstructionsSheet, StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList();
            if (others.Count > 0)
            {
                Warning(0, null, null, ReaderMessages.SheetsIgnored(sheet, others), null);
            }

            excel.Reset();
            for (var i = 0; i < chosen; i++)
            {
                excel.NextResult();
            }

            StyleFromOptionOrSeparator('\0');
            var fieldCount = excel.FieldCount;
            if (fieldCount > options.Limits.MaxColumns)
            {
                FileError(ReaderMessages.TooManyColumns(fieldCount, options.Limits.MaxColumns));
                report.Unreadable = true;
                return;
            }

            var cells = new WorkbookRowCells(excel, fieldCount);
            if (!FindWorkbookHeader(excel, cells))
            {
                report.Unreadable = true;
                return;
            }

            var row = _headerRow;
            long cellCount = (long)row * fieldCount;
            var hidden = 0;
            string? firstHidden = null;
            while (excel.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                cellCount += fieldCount;
                if (row - _headerRow > options.Limits.MaxRows)
                {
                    FileError(ReaderMessages.TooManyRows(options.Limits.MaxRows));
                    break;
                }

                if (cellCount > options.Limits.MaxCells)
                {
                    FileError(ReaderMessages.TooManyCells(options.Limits.MaxCells));
                    break;
                }

                cells.Load(row - 1);
                if (excel.RowHeight == 0 && !RowIsBlank(cells))
                {
                    hidden++;
                    firstHidden ??= CellRef(0, row);
                }

                ReadRow(cells, row);
            }

            if (hidden > 0)
            {
                Warning(0, null, null, ReaderMessages.HiddenRows(hidden, firstHidden!), null);
            }

            var merged = cells.MergedRanges.Where(m => m.ToRow >= _headerRow).ToList();
            if (merged.Count > 0)
            {
                var first = merged[0];
                Warning(0, null, null, ReaderMessages.MergedCells(merged.Count, $"{CellRef(first.FromColumn, first.FromRow + 1)}:{ColumnLetter(first.ToColumn)}{(first.ToRow + 1).ToString(CultureInfo.InvariantCulture)}"), null);
            }

            FlushBlankRun(endOfFile: true);
            FinishNumberStyle();
            if (report.Rows == 0 && report.ErrorCount == 0)
            {
                FileError(ReaderMessages.HeaderOnly);
            }
        }

        /// <summary>
        /// The header: the first non-blank row when it names a column of the contract, else the first row of the first
        /// <see cref="HeaderSearchRows"/> that names the required ones (a title block above it is ignored, with a warning).
        /// </summary>
        private bool FindWorkbookHeader(IExcelDataReader excel, WorkbookRowCells cells)
        {
            List<string>? firstNames = null;
            var firstRow = 0;
            for (var row = 1; row <= HeaderSearchRows && excel.Read(); row++)
            {
                cells.Load(row - 1);
                if (RowIsBlank(cells))
                {
                    continue;
                }

                var names = Enumerable.Range(0, cells.Count).Select(i => cells.Text(i) ?? "").ToList();
                if (firstNames is null)
                {
                    (firstNames, firstRow) = (names, row);
                    if (NamesAnyColumn(names))
                    {
                        return ReadHeader(names, row);
                    }
                }
                else if (NamesRequiredColumns(names))
                {
                    HeaderFoundBelowTitle(row, firstNames);
                    return ReadHeader(names, row);
                }
            }

            if (firstNames is null)
            {
                FileError(ReaderMessages.EmptyFile);
                return false;
            }

            return ReadHeader(firstNames, firstRow);
        }

        private static bool RowIsBlank(RowCells cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                if (!cells.IsBlank(i))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
