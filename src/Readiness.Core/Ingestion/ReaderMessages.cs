using Readiness.Core.Catalog;
using Readiness.Core.Csv;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

/// <summary>One issue the reader reports: its code and its text in English and in Bahasa Indonesia.</summary>
public readonly record struct ReaderMessage(string Code, string English, string Indonesian);

/// <summary>
/// Every message <see cref="ObservationReader"/> reports, each in one place with both of its languages, so the
/// Indonesian texts (many still shorter than the English ones) can be completed here without touching the reader.
/// The texts are compared by the golden reader tests: change them only on purpose.
/// </summary>
public static class ReaderMessages
{
    // The file as a whole.
    public static ReaderMessage NotCsv(string reason) => new(ErrorCodes.NotCsv, reason, "Berkas ini bukan CSV.");

    public static ReaderMessage EmptyFile { get; } = new(ErrorCodes.EmptyFile, "The file is empty. Upload a CSV with a header row and at least one data row.", "Berkas kosong.");

    public static ReaderMessage HeaderOnly { get; } = new(ErrorCodes.EmptyFile, "The file has a header but no data rows.", "Berkas hanya berisi judul kolom, tanpa data.");

    public static ReaderMessage MalformedQuotes(CsvHelper.CsvMalformedReason reason) => new(
        ErrorCodes.MalformedQuotes,
        reason switch
        {
            CsvHelper.CsvMalformedReason.UnterminatedQuote => "A quoted cell is never closed: everything after its opening quote was swallowed. Close the quote or remove it.",
            CsvHelper.CsvMalformedReason.StrayQuote => "A quote character in the middle of an unquoted cell. Put the whole cell in quotes and double the quote (\"\").",
            CsvHelper.CsvMalformedReason.TextAfterClosingQuote => "Text follows the closing quote of a cell. Put the whole cell in quotes and double inner quotes (\"\").",
            _ => $"Malformed quoting ({reason}).",
        },
        "Tanda kutip tidak seimbang.");

    public static ReaderMessage TooManyRows(int maxRows) => new(ErrorCodes.TooManyRows, $"The file has more than {maxRows:N0} data rows. Split it into several uploads.", "Terlalu banyak baris.");

    public static ReaderMessage LineTooLong(int maxRecordBytes, long row) => new(ErrorCodes.LineTooLong, $"A row is longer than {maxRecordBytes / 1024:N0} KiB, usually a quote that is never closed. Check the quotes near row {row}.", "Baris terlalu panjang.");

    public static ReaderMessage Unparseable(string reason) => new(ErrorCodes.NotCsv, $"The file cannot be read as CSV: {reason}", "Berkas tidak dapat dibaca sebagai CSV.");

    // The header.
    public static ReaderMessage TooManyColumns(int columns, int maxColumns) => new(ErrorCodes.TooManyColumns, $"The header has {columns:N0} columns; at most {maxColumns} are allowed.", "Terlalu banyak kolom.");

    public static ReaderMessage BlankFirstRow { get; } = new(ErrorCodes.BlankHeader, "The first row is blank: it must hold the column names (regency_code, indicator_code, period, value).", "Baris pertama harus berisi nama kolom.");

    public static ReaderMessage BlankColumnsAfterHeader(int count, string firstLetter) => new(ErrorCodes.BlankColumn, $"{count} blank column(s) after the last named column ({firstLetter} onwards) are ignored.", "Kolom kosong di sebelah kanan diabaikan.");

    public static ReaderMessage UnnamedColumn(string letter) => new(ErrorCodes.BlankHeader, $"Column {letter} has no name. Name it or delete the column.", "Kolom tanpa nama.");

    public static ReaderMessage SameFieldTwice(string firstLetter, string firstName, string letter, string name, string canonical) => new(ErrorCodes.DuplicateLabel, $"Columns {firstLetter} ('{firstName}') and {letter} ('{name}') both mean {canonical}. Keep one.", "Kolom ganda.");

    public static ReaderMessage IndicatorColumnTwice(Indicator indicator) => new(ErrorCodes.DuplicateLabel, $"Indicator {indicator.Code} has two columns. Keep one.", "Kolom indikator ganda.");

    public static ReaderMessage UnknownIndicatorColumn(string name, string catalogVersion) => new(ErrorCodes.UnknownIndicator, $"Column '{name}' is not an indicator of catalog {catalogVersion}. Check the code against GET /api/indicators.", "Kode indikator tidak dikenal.");

    public static ReaderMessage UnknownColumn(string name, bool wide) => new(ErrorCodes.UnknownColumn, $"Column '{name}' is not part of the {(wide ? "wide" : "long")} format and is ignored.", "Kolom tidak dikenal diabaikan.");

    public static ReaderMessage IndicatorColumnInLongFormat(string name) => new(ErrorCodes.UnknownColumn, $"Column '{name}' is an indicator code, but this file is in long format (it has an indicator or value column); the column is ignored.", "Kolom diabaikan.");

    public static ReaderMessage MissingColumn(Field field, bool hasWideColumns)
    {
        var canonical = HeaderAliases.Canonical(field);
        var hint = field switch
        {
            Field.Regency => "Add a regency_code (kode_wilayah) column, or upload to /api/regencies/{code}/uploads (CLI: --regency).",
            Field.Indicator or Field.Value when !hasWideColumns => "Long format needs indicator_code (kode_indikator) and value (nilai) columns; wide format uses indicator codes such as GOV-01 as column names.",
            Field.Period => "Add a period (periode/tahun) column.",
            _ => $"Add a {canonical} column.",
        };
        return new(ErrorCodes.MissingLabel, $"Required column '{canonical}' is missing. {hint}", $"Kolom wajib '{canonical}' tidak ada.");
    }

    // The shape of a row and its cells.
    public static ReaderMessage ExtraCell(int row, string letter, int headerWidth) => new(ErrorCodes.ExtraCell, $"Row {row} has a value in column {letter}, beyond the {headerWidth} named columns. Remove it or give the column a name.", "Ada isian di luar kolom yang bernama.");

    public static ReaderMessage MissingCell(int row, string letter, string name) => new(ErrorCodes.MissingCell, $"Row {row} ends before column {letter} ('{name}'). Fill in the cell.", "Sel tidak ada.");

    public static ReaderMessage CellTooLong(int length, int maxCellLength) => new(ErrorCodes.CellTooLong, $"The cell holds {length:N0} characters; at most {maxCellLength:N0} are allowed.", "Isi sel terlalu panjang.");

    public static ReaderMessage InvalidUtf8 { get; } = new(ErrorCodes.EncodingError, "The cell contains bytes that are not valid UTF-8. Save the file as CSV UTF-8.", "Pengodean teks tidak valid.");

    public static ReaderMessage BlankRows(int first, int last, bool endOfFile)
    {
        var rows = first == last ? $"Row {first} is" : $"Rows {first}–{last} are";
        return new(ErrorCodes.BlankRow, $"{rows} blank{(endOfFile ? " at the end of the file" : "")} and ignored.", "Baris kosong diabaikan.");
    }

    // Regencies.
    public static ReaderMessage MissingRegency { get; } = new(ErrorCodes.MissingValue, "The regency code is empty. Write the Kemendagri code (e.g. 13.07) or the regency's name.", "Kode wilayah kosong.");

    public static ReaderMessage AmbiguousRegency(string text, IReadOnlyList<Regency> candidates) => new(
        ErrorCodes.AmbiguousRegency,
        $"'{text}' matches {candidates.Count} regencies: {string.Join(" and ", candidates.Select(c => c.ToString()))}. Write the code or the full name with its prefix (Kabupaten/Kota).",
        $"'{text}' cocok dengan lebih dari satu wilayah: {string.Join(" dan ", candidates.Select(c => c.ToString()))}.");

    /// <summary>An unknown regency; <paramref name="registryNote"/> is the registry's own explanation, when it has one.</summary>
    public static ReaderMessage UnknownRegency(string text, RegencyScheme scheme, string? registryNote) => new(
        ErrorCodes.UnknownRegency,
        registryNote ?? $"'{text}' is not a regency of the registry (codes are read as {(scheme == RegencyScheme.Bps ? "BPS" : "Kemendagri")}; names may drop the Kabupaten/Kota prefix). Check the code or name.",
        $"Wilayah '{text}' tidak dikenal.");

    public static ReaderMessage RegencyCodeRepaired(string registryNote) => new(ErrorCodes.RegencyCodeRepaired, registryNote, "Kode wilayah diperbaiki.");

    public static ReaderMessage ReadAsKemendagri(string text, Regency regency, Regency asBps) => new(
        ErrorCodes.RegencySchemeHint,
        $"'{text}' was read as Kemendagri code {regency.Code} ({regency.Name}). As a BPS code it would be {asBps.Name}; if the file uses BPS codes, upload again with regencyScheme=bps.",
        "Kode dibaca sebagai kode Kemendagri.");

    public static ReaderMessage RegencyMismatch(Regency regency, Regency expected) => new(
        ErrorCodes.RegencyMismatch,
        $"This row is for {regency}, but the upload is for {expected}. Upload each regency's rows to its own address, or remove the row.",
        "Baris ini untuk wilayah lain.");

    // Indicators and periods.
    public static ReaderMessage MissingIndicator { get; } = new(ErrorCodes.MissingValue, "The indicator code is empty. Write a catalog code such as GOV-01.", "Kode indikator kosong.");

    public static ReaderMessage UnknownIndicator(string text, string catalogVersion) => new(ErrorCodes.UnknownIndicator, $"'{text}' is not an indicator of catalog {catalogVersion}. Use a code such as GOV-01 (list: GET /api/indicators).", $"Indikator '{text}' tidak dikenal.");

    public static ReaderMessage MissingPeriod { get; } = new(ErrorCodes.MissingValue, $"The period is empty. Write it as {PeriodParser.AcceptedForms}.", "Periode kosong.");

    public static ReaderMessage InvalidPeriod(string text) => new(ErrorCodes.InvalidPeriod, $"'{text}' is not a period. Write it as {PeriodParser.AcceptedForms}.", $"Periode '{text}' tidak valid.");

    // Values.
    public static ReaderMessage MissingValue(Indicator indicator) => new(ErrorCodes.MissingValue, $"The value of {indicator.Code} is empty. Fill it in or remove the row.", "Nilai kosong.");

    public static ReaderMessage PercentNotAllowed(Indicator indicator) => new(ErrorCodes.TypeError, $"{indicator.Code} is measured in {indicator.Unit.ToString().ToLowerInvariant()}, not percent. Remove the % sign.", "Indikator ini bukan persen.");

    public static ReaderMessage NotAValue(string text, Indicator indicator)
    {
        var expected = indicator.IsBoolean ? "Ya/Tidak, Yes/No or 1/0" : "a number such as 87,5 or 87.5";
        return new(ErrorCodes.TypeError, $"'{text}' is not a value for {indicator.Code}: write {expected}.", $"'{text}' bukan nilai yang valid.");
    }

    public static ReaderMessage OutOfRange(double value, Indicator indicator)
    {
        var range = indicator.IsBoolean ? "Ya/Tidak or 1/0" : indicator.RangeText;
        return new(ErrorCodes.ConstraintError, $"{NumberParser.Format(value)} is outside the valid range of {indicator.Code} ({indicator.Name}): {range}.", $"Nilai di luar rentang {range}.");
    }

    public static ReaderMessage DuplicateSameValue(Regency regency, Indicator indicator, Period period, int earlierRow) => new(ErrorCodes.DuplicateRow, $"{regency.Code} {indicator.Code} {period} repeats row {earlierRow} with the same value; it is stored once.", "Baris ganda dengan nilai sama.");

    public static ReaderMessage DuplicateOtherValue(Regency regency, Indicator indicator, Period period, int earlierRow, double earlierValue) => new(ErrorCodes.DuplicateRow, $"{regency.Code} {indicator.Code} {period} is also in row {earlierRow} with another value ({NumberParser.Format(earlierValue)}). Keep one of the two rows.", "Data ganda dengan nilai berbeda.");

    // The number style.
    public static ReaderMessage NotInForcedStyle(string text, NumberStyle style) => new(ErrorCodes.TypeError, $"'{text}' is not a number in {style.LocaleName()} style ({Example(style)}), which the locale option asks for.", "Format angka tidak sesuai.");

    public static ReaderMessage InconsistentStyle(string text, NumberStyle cellStyle, NumberStyle fileStyle, string reason) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"'{text}' uses {Separator(cellStyle)}, but this file writes numbers in {fileStyle.LocaleName()} style ({Example(fileStyle)}) because {reason}. Write all numbers the same way, or upload with locale=id-ID or locale=en-US.",
        "Format angka dalam berkas tidak konsisten.");

    public static ReaderMessage ReadAsEnglish(int count, string firstText, double firstValue) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"{count} value(s) such as '{firstText}' read the same in no style; they were read in en-US style ({firstText} = {NumberParser.Format(firstValue)}). Upload with locale=id-ID if you meant thousands.",
        "Angka seperti 1.234 dibaca dengan gaya en-US.");

    // Why a file's number style is what it is (the reason in InconsistentStyle).
    public const string StyleFromOption = "the locale option";

    public const string StyleByDefault = "no cell decided it and comma-separated files default to en-US";

    public static string StyleFromSeparator(char separator) => separator == ';' ? "it is separated by ';'" : "it is separated by tabs";

    public static string StyleFromCell(string? cell, string text, NumberStyle style) => $"cell {cell} ('{text}') uses {Separator(style)}";

    private static string Separator(NumberStyle style) => style == NumberStyle.DecimalComma ? "a decimal comma" : "a decimal point";

    private static string Example(NumberStyle style) => style == NumberStyle.DecimalComma ? "1.234,5" : "1,234.5";

    // ---- Issue 13: workbooks, title blocks, codes typed as numbers and numbers no evidence decides. ----
    private static string Id(double value) => NumberParser.Format(value).Replace('.', ',');

    public static ReaderMessage HeaderBelowTitle(int headerRow, string title) => new(
        ErrorCodes.HeaderBelowTitle,
        $"The header was found on row {headerRow}; row(s) 1–{headerRow - 1} above it ('{title}') are a title and are ignored. Rows are numbered as in the file.",
        $"Judul kolom ditemukan di baris {headerRow}; baris 1–{headerRow - 1} di atasnya ('{title}') dianggap judul laporan dan diabaikan. Nomor baris mengikuti berkas.");

    public static ReaderMessage RegencyCodeTypedAsNumber(string text, Regency regency, bool numberCell) => new(
        ErrorCodes.RegencyCodeRepaired,
        numberCell
            ? $"The cell holds the number {text}, not the text of a code: read as regency {regency.Code} ({regency.Name}). Format the column as Text so the code stays as written."
            : $"'{text}' is a code typed as a number and written with a decimal comma: read as regency {regency.Code} ({regency.Name}). Format the column as Text so the code stays as written.",
        numberCell
            ? $"Sel berisi angka {text}, bukan teks kode: dibaca sebagai wilayah {regency.Code} ({regency.Name}). Format kolom sebagai Teks agar kode tetap seperti yang ditulis."
            : $"'{text}' adalah kode yang diketik sebagai angka dan ditulis dengan koma desimal: dibaca sebagai wilayah {regency.Code} ({regency.Name}). Format kolom sebagai Teks agar kode tetap seperti yang ditulis.");

    public static ReaderMessage AmbiguousNumber(string text, Indicator indicator, double asComma, double asPoint) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"'{text}' reads as {NumberParser.Format(asComma)} in id-ID style (1.234,5) and as {NumberParser.Format(asPoint)} in en-US style (1,234.5), and nothing in the file says which {indicator.Code} means. Upload again with locale=id-ID (CLI: --locale id-ID) or locale=en-US, or write the number without a thousands separator.",
        $"'{text}' dibaca {Id(asComma)} dalam gaya id-ID (1.234,5) dan {Id(asPoint)} dalam gaya en-US (1,234.5), dan tidak ada isi berkas yang menentukan maksud {indicator.Code}. Unggah ulang dengan locale=id-ID (CLI: --locale id-ID) atau locale=en-US, atau tulis angka tanpa pemisah ribuan.");

    public static ReaderMessage AmbiguousAgainstType(string text, Indicator indicator, double inStyle, double other, NumberStyle style, string reason) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"'{text}' is {NumberParser.Format(inStyle)} in this file's {style.LocaleName()} style (because {reason}), which {indicator.Code} cannot be ({Expectation(indicator)}); in the other style it is {NumberParser.Format(other)}. Write the number without a thousands separator, or upload with locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")} if that is the file's style.",
        $"'{text}' bernilai {Id(inStyle)} dalam gaya {style.LocaleName()} berkas ini, padahal {indicator.Code} tidak mungkin bernilai itu ({ExpectationId(indicator)}); dalam gaya lain nilainya {Id(other)}. Tulis angka tanpa pemisah ribuan, atau unggah dengan locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")} bila itu gaya berkas.");

    public static string StyleFromIndicatorType(string? cell, string text, Indicator indicator, double value) =>
        $"cell {cell} ('{text}') of {indicator.Code} can only be {NumberParser.Format(value)} ({Expectation(indicator)})";

    public static ReaderMessage StyleDecidedByType(int count, string text, Indicator indicator, double value, NumberStyle style) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"{count} value(s) such as '{text}' read differently in the two number styles. {indicator.Code} is {Expectation(indicator)}, so '{text}' can only be {NumberParser.Format(value)}: the file was read in {style.LocaleName()} style ({Example(style)}). If that is wrong, upload with locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")}.",
        $"{count} nilai seperti '{text}' terbaca berbeda dalam dua gaya angka. {indicator.Code} {ExpectationId(indicator)}, jadi '{text}' hanya mungkin {Id(value)}: berkas dibaca dengan gaya {style.LocaleName()} ({Example(style)}). Bila keliru, unggah dengan locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")}.");

    private static string Expectation(Indicator indicator) => indicator.Unit == IndicatorUnit.Count
        ? $"a count, a whole number in {indicator.RangeText}"
        : $"valid in {indicator.RangeText}";

    private static string ExpectationId(Indicator indicator) => indicator.Unit == IndicatorUnit.Count
        ? $"adalah jumlah, bilangan bulat dalam rentang {indicator.RangeText}"
        : $"hanya sah dalam rentang {indicator.RangeText}";

    // Workbooks.
    public static ReaderMessage OdsNotSupported { get; } = new(
        ErrorCodes.NotCsv,
        "This is an OpenDocument spreadsheet (.ods), which is not read here. In LibreOffice Calc choose File > Save As, pick the type \"Excel 2007-365 (.xlsx)\" and upload the .xlsx (or save as CSV).",
        "Berkas ini lembar kerja OpenDocument (.ods), yang tidak dapat dibaca di sini. Di LibreOffice Calc pilih File > Save As (Simpan Sebagai), pilih jenis \"Excel 2007-365 (.xlsx)\", lalu unggah berkas .xlsx tersebut (atau simpan sebagai CSV).");

    public static ReaderMessage NotAWorkbook { get; } = new(
        ErrorCodes.NotCsv,
        "This is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml). Upload the .xlsx, .xls or CSV file itself, not an archive.",
        "Berkas ini arsip ZIP, bukan buku kerja Excel (tidak ada xl/workbook.xml). Unggah berkas .xlsx, .xls, atau CSV-nya langsung, bukan arsip.");

    public static ReaderMessage UnreadableWorkbook(string reason) => new(
        ErrorCodes.UnreadableWorkbook,
        $"The workbook cannot be read ({reason}). Open it in Excel or LibreOffice, check that it is not password-protected or damaged, save it again as .xlsx and upload that.",
        $"Buku kerja tidak dapat dibaca ({reason}). Buka di Excel atau LibreOffice, pastikan tidak dilindungi kata sandi dan tidak rusak, simpan ulang sebagai .xlsx, lalu unggah berkas itu.");

    public static ReaderMessage ZipBomb(long maxBytes) => new(
        ErrorCodes.ZipBomb,
        $"The workbook unpacks to more than {maxBytes / 1048576.0:N0} MB (or its parts are larger than they declare): it is refused unread, as a zip bomb would be. Save the data as a new .xlsx with only the data sheet, or split it.",
        $"Buku kerja ini membesar menjadi lebih dari {maxBytes / 1048576.0:N0} MB saat dibuka (atau isinya lebih besar dari yang dinyatakan): ditolak tanpa dibaca, seperti zip bomb. Simpan data sebagai .xlsx baru yang hanya berisi lembar data, atau pecah berkasnya.");

    public static ReaderMessage TooManyCells(long maxCells) => new(
        ErrorCodes.TooManyCells,
        $"The sheet has more than {maxCells:N0} cells. Delete unused rows and columns (Ctrl+End shows where Excel thinks the sheet ends) or split the file.",
        $"Lembar memiliki lebih dari {maxCells:N0} sel. Hapus baris dan kolom yang tidak terpakai (Ctrl+End menunjukkan akhir lembar menurut Excel) atau pecah berkasnya.");

    public static ReaderMessage NoVisibleSheet { get; } = new(
        ErrorCodes.EmptyFile,
        "The workbook has no visible sheet to read. Unhide the data sheet (right-click a sheet tab > Unhide) and upload again.",
        "Buku kerja tidak memiliki lembar yang terlihat. Tampilkan lembar data (klik kanan tab lembar > Unhide/Tampilkan) lalu unggah ulang.");

    public static ReaderMessage SheetsIgnored(string chosen, IReadOnlyList<string> others) => new(
        ErrorCodes.SheetsIgnored,
        $"Sheet '{chosen}' was read; {others.Count} other sheet(s) ({string.Join(", ", others.Select(o => $"'{o}'"))}) are ignored. Put all values on one sheet named Data (or Isian).",
        $"Lembar '{chosen}' yang dibaca; {others.Count} lembar lain ({string.Join(", ", others.Select(o => $"'{o}'"))}) diabaikan. Letakkan semua nilai pada satu lembar bernama Data (atau Isian).");

    public static ReaderMessage HiddenRows(int count, string firstCell) => new(
        ErrorCodes.HiddenRows,
        $"{count} hidden row(s), the first at {firstCell}, were read like the visible ones. Delete them if they are not meant to be uploaded.",
        $"{count} baris tersembunyi, yang pertama di {firstCell}, tetap dibaca seperti baris yang terlihat. Hapus baris itu bila tidak ingin ikut diunggah.");

    public static ReaderMessage MergedCells(int count, string firstRange) => new(
        ErrorCodes.MergedCells,
        $"{count} merged cell range(s) in the data, the first {firstRange}: each cell of a range was read with the value of its first cell, as Excel shows it. Unmerge the cells to be sure each row says what you mean.",
        $"{count} rentang sel gabungan (merge) di bagian data, yang pertama {firstRange}: setiap sel dalam rentang dibaca dengan nilai sel pertamanya, seperti yang ditampilkan Excel. Pisahkan (unmerge) sel agar setiap baris jelas isinya.");
}
