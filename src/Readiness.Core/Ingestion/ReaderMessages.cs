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
}
