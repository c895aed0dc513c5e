using System.Globalization;
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
/// Every message <see cref="ObservationReader"/> reports, each in one place with both of its languages. The two say
/// the same facts and the same fix (a test checks that every number, code and quoted value of the English is in the
/// Indonesian, and that no two messages share a text). Columns are named as the file names them, with the canonical
/// name in brackets (<c>kode_wilayah [regency_code]</c>). The golden reader tests hold every text: change them only
/// on purpose.
/// </summary>
public static class ReaderMessages
{
    // Declared first: the static texts below are built from them.
    private static readonly NumberFormatInfo IndonesianNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>Words that keep their capital after a colon.</summary>
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "Excel", "Kemendagri", "LibreOffice", "Kabupaten", "Kota" };

    /// <summary>The English name of a column is one of these; any other alias is Indonesian.</summary>
    private static readonly HashSet<string> EnglishNames = new(StringComparer.Ordinal) { "regency_code", "regency", "indicator_code", "indicator", "period", "year", "value", "unit", "note", "notes" };

    // The file as a whole: what the first bytes say it is (CsvSniffer).
    public static ReaderMessage PngImage { get; } = new(
        ErrorCodes.NotCsv,
        "This is a PNG image, not a CSV file. Upload the CSV file itself.",
        "Berkas ini gambar PNG, bukan berkas CSV. Unggah berkas CSV-nya.");

    public static ReaderMessage OtherImage { get; } = new(
        ErrorCodes.NotCsv,
        "This is an image (GIF or JPEG), not a CSV file. Upload the CSV file itself.",
        "Berkas ini gambar (GIF atau JPEG), bukan berkas CSV. Unggah berkas CSV-nya.");

    public static ReaderMessage ZipOrWorkbook { get; } = new(
        ErrorCodes.NotCsv,
        "This is a ZIP archive or an Excel workbook (.xlsx), not a CSV file. In Excel choose File > Save As > CSV UTF-8.",
        "Berkas ini arsip ZIP atau buku kerja Excel (.xlsx), bukan berkas CSV. Di Excel pilih File > Simpan Sebagai (Save As) > CSV UTF-8.");

    public static ReaderMessage OldWorkbook { get; } = new(
        ErrorCodes.NotCsv,
        "This is an old Excel workbook (.xls), not a CSV file. In Excel choose File > Save As > CSV UTF-8.",
        "Berkas ini buku kerja Excel versi lama (.xls), bukan berkas CSV. Di Excel pilih File > Simpan Sebagai (Save As) > CSV UTF-8.");

    public static ReaderMessage Pdf { get; } = new(
        ErrorCodes.NotCsv,
        "This is a PDF document, not a CSV file. Upload the CSV file the data came from.",
        "Berkas ini dokumen PDF, bukan berkas CSV. Unggah berkas CSV sumber datanya.");

    public static ReaderMessage Gzip { get; } = new(
        ErrorCodes.NotCsv,
        "This is a gzip archive, not a CSV file. Upload the CSV inside it.",
        "Berkas ini arsip gzip, bukan berkas CSV. Unggah berkas CSV yang ada di dalamnya.");

    public static ReaderMessage Utf16WithoutBom { get; } = new(
        ErrorCodes.NotCsv,
        "This looks like UTF-16 text without a byte order mark. Save it as CSV UTF-8 (or UTF-16 with BOM).",
        "Berkas ini tampaknya teks UTF-16 tanpa penanda urutan byte. Simpan sebagai CSV UTF-8 (atau UTF-16 dengan BOM).");

    public static ReaderMessage NulBytes(int firstAt) => new(
        ErrorCodes.NotCsv,
        En($"The file contains NUL bytes (the first at byte {firstAt:N0}): it is binary, not CSV text. Upload the CSV file itself."),
        Id($"Berkas berisi byte NUL (yang pertama pada byte ke-{firstAt:N0}): ini berkas biner, bukan teks CSV. Unggah berkas CSV-nya."));

    public static ReaderMessage OnlyNulBytes(int count) => new(
        ErrorCodes.NotCsv,
        En($"The file starts with {count:N0} NUL bytes (zeros) and no text: it is damaged or was not copied completely. Export it from the spreadsheet again."),
        Id($"Berkas diawali {count:N0} byte NUL (nol) tanpa teks: berkas rusak atau tidak tersalin utuh. Ekspor ulang dari program lembar kerja Anda."));

    public static ReaderMessage ManyControlCharacters { get; } = new(
        ErrorCodes.NotCsv,
        "The file contains many control characters: it is binary, not CSV text. Upload the CSV file itself.",
        "Berkas berisi banyak karakter kendali: ini berkas biner, bukan teks CSV. Unggah berkas CSV-nya.");

    /// <summary>An upload over the size limit (refused while it is archived, before it is read).</summary>
    public static ReaderMessage FileTooLarge(long limitBytes) => new(
        ErrorCodes.FileTooLarge,
        En($"The file is larger than the limit of {limitBytes / (1024 * 1024.0):0.#} MB. Split it (for example one file per year) and upload the parts."),
        Id($"Berkas lebih besar dari batas {limitBytes / (1024 * 1024.0):0.#} MB. Pecah berkas itu (misalnya satu berkas per tahun) lalu unggah bagian-bagiannya."));

    public static ReaderMessage EmptyFile { get; } = new(
        ErrorCodes.EmptyFile,
        "The file is empty. Upload a CSV with a header row and at least one data row.",
        "Berkas kosong. Unggah CSV yang berisi satu baris judul kolom dan sedikitnya satu baris data.");

    public static ReaderMessage HeaderOnly { get; } = new(
        ErrorCodes.EmptyFile,
        "The file has a header but no data rows. Add at least one row of data below the header.",
        "Berkas hanya berisi baris judul kolom, tanpa baris data. Tambahkan sedikitnya satu baris data di bawah judul kolom.");

    /// <summary>A first line <c>sep=</c> that names no single separator: the line is skipped and the separator detected.</summary>
    public static ReaderMessage SeparatorLineIgnored(string line) => new(
        ErrorCodes.SeparatorLine,
        $"The first line '{line}' should name the separator (such as sep=;) but does not; it was skipped and the separator detected from the data. Delete the line or write sep=; or sep=,.",
        $"Baris pertama '{line}' seharusnya menyebut pemisah kolom (misalnya sep=;) tetapi tidak; baris itu dilewati dan pemisah dikenali dari datanya. Hapus baris itu atau tulis sep=; atau sep=,.");

    public static ReaderMessage MalformedQuotes(CsvHelper.CsvMalformedReason reason, int row) => new(
        ErrorCodes.MalformedQuotes,
        reason switch
        {
            CsvHelper.CsvMalformedReason.UnterminatedQuote => En($"Row {row}: a quoted cell is never closed, so everything after its opening quote was swallowed. Close the quote or remove it."),
            CsvHelper.CsvMalformedReason.StrayQuote => En($"Row {row}: a quote character stands in the middle of an unquoted cell. Put the whole cell in quotes and double the quote (\"\")."),
            CsvHelper.CsvMalformedReason.TextAfterClosingQuote => En($"Row {row}: text follows the closing quote of a cell. Put the whole cell in quotes and double inner quotes (\"\")."),
            _ => En($"Row {row}: the quoting is malformed ({reason}). Check the quotes of the row."),
        },
        reason switch
        {
            CsvHelper.CsvMalformedReason.UnterminatedQuote => Id($"Baris {row}: ada sel bertanda kutip yang tidak pernah ditutup, sehingga semua isi setelah tanda kutip pembukanya ikut terbaca. Tutup tanda kutip itu atau hapus."),
            CsvHelper.CsvMalformedReason.StrayQuote => Id($"Baris {row}: ada tanda kutip di tengah sel yang tidak diapit tanda kutip. Apit seluruh isi sel dengan tanda kutip dan gandakan tanda kutip di dalamnya (\"\")."),
            CsvHelper.CsvMalformedReason.TextAfterClosingQuote => Id($"Baris {row}: ada teks setelah tanda kutip penutup sebuah sel. Apit seluruh isi sel dengan tanda kutip dan gandakan tanda kutip di dalamnya (\"\")."),
            _ => Id($"Baris {row}: penulisan tanda kutip tidak benar ({reason}). Periksa tanda kutip pada baris itu."),
        });

    public static ReaderMessage TooManyRows(int maxRows) => new(
        ErrorCodes.TooManyRows,
        En($"The file has more than {maxRows:N0} data rows. Split it into several uploads (for example one file per year)."),
        Id($"Berkas berisi lebih dari {maxRows:N0} baris data. Pecah menjadi beberapa unggahan (misalnya satu berkas per tahun)."));

    public static ReaderMessage LineTooLong(int maxRecordBytes, long row) => new(
        ErrorCodes.LineTooLong,
        En($"A row is longer than {maxRecordBytes / 1024:N0} KiB, usually because a quote is never closed. Check the quotes near row {row}."),
        Id($"Ada baris yang lebih panjang dari {maxRecordBytes / 1024:N0} KiB, biasanya karena tanda kutip yang tidak ditutup. Periksa tanda kutip di sekitar baris {row}."));

    /// <summary><paramref name="reason"/> is the CSV parser's own (English) explanation, quoted as is in both texts.</summary>
    public static ReaderMessage Unparseable(string reason) => new(
        ErrorCodes.NotCsv,
        $"The file cannot be read as CSV: {reason}",
        $"Berkas tidak dapat dibaca sebagai CSV: {reason}");

    // The header.
    public static ReaderMessage TooManyColumns(int columns, int maxColumns) => new(
        ErrorCodes.TooManyColumns,
        En($"The header has {columns:N0} columns; at most {maxColumns:N0} are allowed. Delete the columns you do not need."),
        Id($"Baris judul berisi {columns:N0} kolom; paling banyak {maxColumns:N0} kolom diperbolehkan. Hapus kolom yang tidak diperlukan."));

    public static ReaderMessage BlankFirstRow { get; } = new(
        ErrorCodes.BlankHeader,
        "The first row is blank: it must hold the column names (regency_code, indicator_code, period, value, or in Indonesian kode_wilayah, kode_indikator, periode, nilai).",
        "Baris pertama kosong: baris ini harus berisi nama kolom (kode_wilayah, kode_indikator, periode, nilai, atau dalam bahasa Inggris regency_code, indicator_code, period, value).");

    public static ReaderMessage BlankColumnsAfterHeader(int count, string firstLetter) => new(
        ErrorCodes.BlankColumn,
        En($"{count} blank column(s) after the last named column (from column {firstLetter} on) are ignored."),
        Id($"{count} kolom kosong setelah kolom bernama terakhir (mulai kolom {firstLetter}) diabaikan."));

    public static ReaderMessage UnnamedColumn(string letter) => new(
        ErrorCodes.BlankHeader,
        $"Column {letter} has no name. Name it or delete the column.",
        $"Kolom {letter} tidak bernama. Beri nama kolom itu atau hapus kolomnya.");

    public static ReaderMessage SameFieldTwice(string firstLetter, string firstName, string letter, string name, string canonical) => new(
        ErrorCodes.DuplicateLabel,
        $"Columns {firstLetter} ('{firstName}') and {letter} ('{name}') both mean {canonical}. Keep one of them.",
        $"Kolom {firstLetter} ('{firstName}') dan {letter} ('{name}') sama-sama berarti {canonical}. Pertahankan salah satunya.");

    public static ReaderMessage IndicatorColumnTwice(Indicator indicator) => new(
        ErrorCodes.DuplicateLabel,
        $"Indicator {indicator.Code} ({indicator.Name}) has two columns. Keep one of them.",
        $"Indikator {indicator.Code} ({indicator.Name}) memiliki dua kolom. Pertahankan salah satunya.");

    public static ReaderMessage UnknownIndicatorColumn(string name, string catalogVersion) => new(
        ErrorCodes.UnknownIndicator,
        $"Column '{name}' is not an indicator of catalog {catalogVersion}. Check the code against GET /api/indicators.",
        $"Kolom '{name}' bukan indikator dalam katalog {catalogVersion}. Periksa kodenya pada daftar GET /api/indicators.");

    public static ReaderMessage UnknownColumn(string name, bool wide) => new(
        ErrorCodes.UnknownColumn,
        $"Column '{name}' is not part of the {(wide ? "wide" : "long")} format and is ignored.",
        $"Kolom '{name}' bukan bagian dari format {(wide ? "lebar (wide)" : "panjang (long)")} dan diabaikan.");

    public static ReaderMessage IndicatorColumnInLongFormat(string name) => new(
        ErrorCodes.UnknownColumn,
        $"Column '{name}' is an indicator code, but this file is in long format (it has an indicator_code or value column), so the column is ignored. Put its values in rows of their own, or remove the indicator_code and value columns to use the wide format.",
        $"Kolom '{name}' adalah kode indikator, tetapi berkas ini berformat panjang (long) karena memiliki kolom kode_indikator [indicator_code] atau nilai [value], sehingga kolom ini diabaikan. Pindahkan nilainya ke baris tersendiri, atau hapus kolom kode_indikator [indicator_code] dan nilai [value] agar berkas berformat lebar (wide).");

    /// <param name="header">The file's column names: a file that names its columns in Indonesian is answered with the
    /// Indonesian name of the missing one (<c>kode_wilayah [regency_code]</c>).</param>
    public static ReaderMessage MissingColumn(Field field, bool hasWideColumns, IReadOnlyList<string> header)
    {
        var indonesian = header.Any(IsIndonesianName);
        var column = indonesian ? $"{IndonesianName(field)} [{HeaderAliases.Canonical(field)}]" : HeaderAliases.Canonical(field);
        var (english, bahasa) = field switch
        {
            Field.Regency => (
                $"Add a {column} column with each row's Kemendagri code (such as 13.07) or regency name, or upload to /api/regencies/{{code}}/uploads (CLI: --regency).",
                $"Tambahkan kolom {column} berisi kode Kemendagri (misalnya 13.07) atau nama wilayah tiap baris, atau unggah ke /api/regencies/{{code}}/uploads (CLI: --regency)."),
            Field.Indicator or Field.Value when !hasWideColumns => (
                "Long format needs indicator_code (kode_indikator) and value (nilai) columns; wide format uses indicator codes such as GOV-01 as column names.",
                "Format panjang (long) memerlukan kolom kode_indikator (indicator_code) dan nilai (value); format lebar (wide) memakai kode indikator seperti GOV-01 sebagai nama kolom."),
            Field.Period => (
                $"Add a {column} column (periode or tahun) with periods such as 2024, 2024Q1 or 2024-01.",
                $"Tambahkan kolom {column} (periode atau tahun) berisi periode seperti 2024, 2024Q1 atau 2024-01."),
            _ => ($"Add a {column} column.", $"Tambahkan kolom {column}."),
        };
        return new(ErrorCodes.MissingLabel, $"Required column {column} is missing. {english}", $"Kolom wajib {column} tidak ada. {bahasa}");
    }

    // A cell's position, in front of the message of every issue about one cell.

    /// <summary>
    /// The message of an issue about a data cell, led by its row and column as the file names it, with the canonical
    /// name in brackets when the file uses another: <c>Row 7, column kode_wilayah [regency_code]: …</c>. Messages of
    /// the header (row 1), of the file (row 0) or of a row as a whole (no column) say their position themselves.
    /// </summary>
    public static ReaderMessage At(int row, string? column, ReaderMessage message) =>
        row < 2 || column is null
            ? message
            : message with
            {
                English = En($"Row {row}, column {ColumnName(column)}: {AfterColon(message.English)}"),
                Indonesian = Id($"Baris {row}, kolom {ColumnName(column)}: {AfterColon(message.Indonesian)}"),
            };

    /// <summary>A sentence continued after a colon: its first word in lower case, unless it is a name.</summary>
    private static string AfterColon(string sentence)
    {
        var firstWord = sentence.Split(' ', 2)[0];
        return sentence.Length > 1 && char.IsUpper(sentence[0]) && char.IsLower(sentence[1]) && !Names.Contains(firstWord)
            ? char.ToLowerInvariant(sentence[0]) + sentence[1..]
            : sentence;
    }

    /// <summary>A column as the file names it, with the canonical name in brackets when it differs: <c>nilai [value]</c>.</summary>
    public static string ColumnName(string column) =>
        HeaderAliases.TryMap(column, out var field) && HeaderAliases.Normalize(column) != HeaderAliases.Canonical(field)
            ? $"{column} [{HeaderAliases.Canonical(field)}]"
            : column;

    // The shape of a row and its cells.
    public static ReaderMessage ExtraCell(int row, string letter, int headerWidth) => new(
        ErrorCodes.ExtraCell,
        En($"Row {row} has a value in column {letter}, beyond the {headerWidth} named columns. Remove it or give the column a name."),
        Id($"Baris {row} berisi nilai di kolom {letter}, di luar {headerWidth} kolom yang bernama. Hapus nilai itu atau beri nama kolomnya."));

    public static ReaderMessage MissingCell(string letter) => new(
        ErrorCodes.MissingCell,
        $"The row ends before this column ({letter}). Fill in the cell, or add the separators the row is missing.",
        $"Baris ini berakhir sebelum kolom ini ({letter}). Isi selnya, atau tambahkan pemisah kolom yang kurang.");

    /// <param name="length">In characters as a user counts them (text elements: an emoji is one).</param>
    public static ReaderMessage CellTooLong(int length, int maxCellLength) => new(
        ErrorCodes.CellTooLong,
        En($"The cell holds {length:N0} characters; at most {maxCellLength:N0} are allowed. Shorten the text."),
        Id($"Sel berisi {length:N0} karakter; paling banyak {maxCellLength:N0} karakter diperbolehkan. Persingkat isinya."));

    public static ReaderMessage InvalidUtf8 { get; } = new(
        ErrorCodes.EncodingError,
        "The cell contains bytes that are not valid UTF-8. Save the file again as CSV UTF-8 (in Excel: File > Save As > CSV UTF-8).",
        "Sel berisi byte yang bukan UTF-8 yang sah. Simpan ulang berkas sebagai CSV UTF-8 (di Excel: File > Simpan Sebagai (Save As) > CSV UTF-8).");

    /// <summary>Control characters in a text cell (a badly encoded export): removed, the printable text kept.</summary>
    /// <param name="characters">The control characters found, as code points (<c>U+0013</c>).</param>
    public static ReaderMessage ControlCharacters(string characters, string kept) => new(
        ErrorCodes.ControlCharacter,
        $"The cell holds control characters ({characters}) that a spreadsheet does not show, usually from a badly encoded export. They were removed and the printable text kept: '{kept}'. Check the text, and save the file as CSV UTF-8.",
        $"Sel berisi karakter kendali ({characters}) yang tidak tampak di lembar kerja, biasanya akibat ekspor dengan pengodean yang salah. Karakter itu dihapus dan teks yang terbaca disimpan: '{kept}'. Periksa teksnya, dan simpan berkas sebagai CSV UTF-8.");

    public static ReaderMessage BlankRows(int first, int last, bool endOfFile) => new(
        ErrorCodes.BlankRow,
        (first == last ? En($"Row {first} is blank") : En($"Rows {first}–{last} are blank")) + (endOfFile ? " at the end of the file and ignored." : " and ignored."),
        (first == last ? Id($"Baris {first} kosong") : Id($"Baris {first}–{last} kosong")) + (endOfFile ? " di akhir berkas dan diabaikan." : " dan diabaikan."));

    // Regencies.
    public static ReaderMessage MissingRegency { get; } = new(
        ErrorCodes.MissingValue,
        "The regency code is empty. Write the Kemendagri code (such as 13.07) or the regency's name.",
        "Kode wilayah kosong. Tulis kode Kemendagri (misalnya 13.07) atau nama kabupaten/kota.");

    public static ReaderMessage AmbiguousRegency(string text, IReadOnlyList<Regency> candidates) => new(
        ErrorCodes.AmbiguousRegency,
        $"'{text}' matches {candidates.Count} regencies: {string.Join(" and ", candidates.Select(c => c.ToString()))}. Write the code or the full name with its prefix (Kabupaten/Kota).",
        $"'{text}' cocok dengan {candidates.Count} wilayah: {string.Join(" dan ", candidates.Select(c => c.ToString()))}. Tulis kodenya atau nama lengkap dengan awalannya (Kabupaten/Kota).");

    /// <summary>An unknown regency; <paramref name="otherKind"/> are the regencies of that name but of the other kind
    /// (<c>Kota Lima Puluh Kota</c> is only a kabupaten), when there are some.</summary>
    public static ReaderMessage UnknownRegency(string text, RegencyScheme scheme, IReadOnlyList<Regency> otherKind)
    {
        if (otherKind.Count > 0)
        {
            var kota = text.TrimStart().StartsWith("kota", StringComparison.OrdinalIgnoreCase);
            var candidates = otherKind.Select(c => c.ToString()).ToList();
            return new(
                ErrorCodes.UnknownRegency,
                $"'{text}' is not a regency: no {(kota ? "kota" : "kabupaten")} has that name. Did you mean {string.Join(" or ", candidates)}? Write the name with its right prefix, or the code.",
                $"'{text}' tidak dikenal: tidak ada {(kota ? "kota" : "kabupaten")} dengan nama itu. Mungkin maksud Anda {string.Join(" atau ", candidates)}? Tulis nama dengan awalan yang benar, atau kodenya.");
        }

        return scheme == RegencyScheme.Bps
            ? new(
                ErrorCodes.UnknownRegency,
                $"'{text}' is not a regency of the registry (codes are read as BPS codes, such as 1307; names may drop the Kabupaten/Kota prefix). Check the code or the name.",
                $"'{text}' tidak dikenal dalam registri wilayah (kode dibaca sebagai kode BPS, misalnya 1307; nama boleh tanpa awalan Kabupaten/Kota). Periksa kode atau nama wilayah Anda.")
            : new(
                ErrorCodes.UnknownRegency,
                $"'{text}' is not a regency of the registry (codes are read as Kemendagri codes, such as 13.07; names may drop the Kabupaten/Kota prefix). Check the code or the name.",
                $"'{text}' tidak dikenal dalam registri wilayah (kode dibaca sebagai kode Kemendagri, misalnya 13.07; nama boleh tanpa awalan Kabupaten/Kota). Periksa kode atau nama wilayah Anda.");
    }

    /// <summary>A code Excel shortened (<c>13.1</c> for 13.10), read as the regency it was.</summary>
    public static ReaderMessage RegencyCodeRepaired(string text, Regency regency) => new(
        ErrorCodes.RegencyCodeRepaired,
        $"'{text}' was read as {regency.Code} ({regency.Name}): Excel drops the trailing zero of codes such as {regency.Code}. Format the column as text.",
        $"'{text}' dibaca sebagai {regency.Code} ({regency.Name}): Excel menghapus angka nol di akhir kode seperti {regency.Code}. Format kolom ini sebagai Teks (text).");

    public static ReaderMessage ReadAsKemendagri(string text, Regency regency, Regency asBps) => new(
        ErrorCodes.RegencySchemeHint,
        $"'{text}' was read as Kemendagri code {regency.Code} ({regency.Name}). As a BPS code it would be {asBps}; if the file uses BPS codes, upload again with regencyScheme=bps (CLI: --regency-scheme bps).",
        $"'{text}' dibaca sebagai kode Kemendagri {regency.Code} ({regency.Name}). Sebagai kode BPS, kode ini berarti {asBps}; jika berkas memakai kode BPS, unggah ulang dengan regencyScheme=bps (CLI: --regency-scheme bps).");

    public static ReaderMessage RegencyMismatch(Regency regency, Regency expected) => new(
        ErrorCodes.RegencyMismatch,
        $"This row is for {regency}, but the upload is for {expected}. Upload each regency's rows to its own address, or remove the row.",
        $"Baris ini untuk {regency}, padahal unggahan ini untuk {expected}. Unggah baris tiap wilayah ke alamat wilayah itu sendiri, atau hapus baris ini.");

    // Indicators and periods.
    public static ReaderMessage MissingIndicator { get; } = new(
        ErrorCodes.MissingValue,
        "The indicator code is empty. Write a catalog code such as GOV-01.",
        "Kode indikator kosong. Tulis kode dari katalog, misalnya GOV-01.");

    public static ReaderMessage UnknownIndicator(string text, string catalogVersion) => new(
        ErrorCodes.UnknownIndicator,
        $"'{text}' is not an indicator of catalog {catalogVersion}. Use a code such as GOV-01 (list: GET /api/indicators).",
        $"'{text}' bukan indikator dalam katalog {catalogVersion}. Pakai kode seperti GOV-01 (daftarnya: GET /api/indicators).");

    public static ReaderMessage MissingPeriod { get; } = new(
        ErrorCodes.MissingValue,
        $"The period is empty. Write it as {PeriodParser.AcceptedForms}.",
        $"Periode kosong. Tulis periode dalam bentuk {AcceptedPeriodForms}.");

    public static ReaderMessage InvalidPeriod(string text) => new(
        ErrorCodes.InvalidPeriod,
        $"'{text}' is not a period. Write it as {PeriodParser.AcceptedForms}.",
        $"'{text}' bukan periode yang sah. Tulis periode dalam bentuk {AcceptedPeriodForms}.");

    // Values.
    public static ReaderMessage MissingValue(Indicator indicator) => new(
        ErrorCodes.MissingValue,
        $"The value of {indicator.Code} ({indicator.Name}) is empty. Fill it in or remove the row.",
        $"Nilai {indicator.Code} ({indicator.Name}) kosong. Isi nilainya atau hapus baris ini.");

    public static ReaderMessage PercentNotAllowed(Indicator indicator) => new(
        ErrorCodes.TypeError,
        $"{indicator.Code} ({indicator.Name}) is measured in {UnitName(indicator.Unit)}, not percent. Remove the % sign.",
        $"{indicator.Code} ({indicator.Name}) diukur dalam satuan {NamaSatuan(indicator.Unit)}, bukan persen. Hapus tanda %.");

    public static ReaderMessage NotAValue(string text, Indicator indicator) => indicator.IsBoolean
        ? new(
            ErrorCodes.TypeError,
            $"'{text}' is not a value for {indicator.Code} ({indicator.Name}): write Ya/Tidak, Yes/No or 1/0.",
            $"'{text}' bukan nilai yang sah untuk {indicator.Code} ({indicator.Name}): tulis Ya/Tidak, Yes/No atau 1/0.")
        : new(
            ErrorCodes.TypeError,
            $"'{text}' is not a value for {indicator.Code} ({indicator.Name}): write a number such as 87,5 or 87.5{(HasRange(indicator) ? $" (valid range {indicator.RangeText})" : "")}.",
            $"'{text}' bukan nilai yang sah untuk {indicator.Code} ({indicator.Name}): tulis angka seperti 87,5 atau 87.5{(HasRange(indicator) ? $" (rentang yang sah {RangeId(indicator)})" : "")}.");

    public static ReaderMessage OutOfRange(double value, Indicator indicator) => indicator.IsBoolean
        ? new(
            ErrorCodes.ConstraintError,
            $"{NumberParser.Format(value)} is not a value of {indicator.Code} ({indicator.Name}), a yes/no indicator: write Ya/Tidak or 1/0.",
            $"{NumberId(value)} bukan nilai yang sah untuk {indicator.Code} ({indicator.Name}), indikator ya/tidak: tulis Ya/Tidak atau 1/0.")
        : new(
            ErrorCodes.ConstraintError,
            $"{NumberParser.Format(value)} is outside the valid range of {indicator.Code} ({indicator.Name}): {indicator.RangeText} ({UnitName(indicator.Unit)}). Check the value and its unit.",
            $"{NumberId(value)} di luar rentang yang sah untuk {indicator.Code} ({indicator.Name}): {RangeId(indicator)} ({NamaSatuan(indicator.Unit)}). Periksa nilai dan satuannya.");

    public static ReaderMessage DuplicateSameValue(Regency regency, Indicator indicator, Period period, int earlierRow) => new(
        ErrorCodes.DuplicateRow,
        $"{regency.Code} {indicator.Code} {period} repeats row {earlierRow} with the same value; it is stored once. Remove one of the two rows to tidy the file.",
        $"{regency.Code} {indicator.Code} {period} mengulang baris {earlierRow} dengan nilai yang sama; data ini disimpan satu kali. Hapus salah satu dari kedua baris itu agar berkas rapi.");

    public static ReaderMessage DuplicateOtherValue(Regency regency, Indicator indicator, Period period, int earlierRow, double earlierValue) => new(
        ErrorCodes.DuplicateRow,
        $"{regency.Code} {indicator.Code} {period} is also in row {earlierRow} with another value ({NumberParser.Format(earlierValue)}). Keep one of the two rows.",
        $"{regency.Code} {indicator.Code} {period} juga ada di baris {earlierRow} dengan nilai lain ({NumberId(earlierValue)}). Pertahankan salah satu dari kedua baris itu.");

    // The number style.
    public static ReaderMessage NotInForcedStyle(string text, NumberStyle style) => new(
        ErrorCodes.TypeError,
        $"'{text}' is not a number in {style.LocaleName()} style ({Example(style)}), which the locale option asks for. Write it as {Example(style)}, or choose the other locale.",
        $"'{text}' bukan angka dengan gaya {style.LocaleName()} ({Example(style)}) seperti yang diminta opsi locale. Tulis seperti {Example(style)}, atau pilih locale yang lain.");

    public static ReaderMessage InconsistentStyle(string text, NumberStyle cellStyle, NumberStyle fileStyle, StyleReason reason) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"'{text}' uses {Separator(cellStyle)}, but this file writes numbers in {fileStyle.LocaleName()} style ({Example(fileStyle)}) because {reason.English}. Write all numbers the same way, or upload with locale=id-ID or locale=en-US.",
        $"'{text}' memakai {Pemisah(cellStyle)}, padahal berkas ini menulis angka dengan gaya {fileStyle.LocaleName()} ({Example(fileStyle)}) karena {reason.Indonesian}. Tulis semua angka dengan cara yang sama, atau unggah dengan locale=id-ID atau locale=en-US.");

    public static ReaderMessage ReadAsEnglish(int count, string firstText, double firstValue)
    {
        var asThousands = NumberParser.TryParse(firstText, NumberStyle.DecimalComma, out var thousands) ? NumberParser.Format(thousands) : firstText;
        return new(
            ErrorCodes.AmbiguousNumberFormat,
            En($"{count} value(s) such as '{firstText}' read differently in the two number styles and nothing in the file decides; they were read in en-US style ({firstText} = {NumberParser.Format(firstValue)}). Upload with locale=id-ID if you meant thousands ({firstText} = {asThousands})."),
            Id($"{count} nilai seperti '{firstText}' terbaca berbeda dalam kedua gaya angka dan tidak ada isi berkas yang menentukannya; nilai itu dibaca dengan gaya en-US ({firstText} = {NumberParser.Format(firstValue)}). Unggah dengan locale=id-ID jika yang dimaksud ribuan ({firstText} = {asThousands})."));
    }

    /// <summary>Why a file's number style is what it is, in both languages (the reason in <see cref="InconsistentStyle"/>).</summary>
    public readonly record struct StyleReason(string English, string Indonesian);

    public static StyleReason StyleFromOption { get; } = new("the locale option asks for it", "opsi locale memintanya");

    public static StyleReason StyleByDefault { get; } = new(
        "no cell decided it and comma-separated files default to en-US",
        "tidak ada sel yang menentukannya dan berkas berpemisah koma memakai en-US secara bawaan");

    public static StyleReason StyleFromSeparator(char separator) => separator == ';'
        ? new("it is separated by ';'", "berkas ini dipisahkan dengan ';'")
        : new("it is separated by tabs", "berkas ini dipisahkan dengan tab");

    public static StyleReason StyleFromCell(string? cell, string text, NumberStyle style) =>
        new($"cell {cell} ('{text}') uses {Separator(style)}", $"sel {cell} ('{text}') memakai {Pemisah(style)}");

    /// <summary>The accepted period forms (<see cref="PeriodParser.AcceptedForms"/>) in Indonesian.</summary>
    private static string AcceptedPeriodForms => PeriodParser.AcceptedForms.Replace(" or a date such as ", " atau tanggal seperti ", StringComparison.Ordinal);

    private static string Separator(NumberStyle style) => style == NumberStyle.DecimalComma ? "a decimal comma" : "a decimal point";

    private static string Pemisah(NumberStyle style) => style == NumberStyle.DecimalComma ? "koma desimal" : "titik desimal";

    private static string Example(NumberStyle style) => style == NumberStyle.DecimalComma ? "1.234,5" : "1,234.5";

    private static string UnitName(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Boolean => "yes/no",
        _ => unit.ToString().ToLowerInvariant(),
    };

    private static string NamaSatuan(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => "persen",
        IndicatorUnit.Count => "jumlah",
        IndicatorUnit.Ratio => "rasio",
        IndicatorUnit.Days => "hari",
        IndicatorUnit.Minutes => "menit",
        IndicatorUnit.Level => "tingkat",
        IndicatorUnit.Boolean => "ya/tidak",
        IndicatorUnit.Index => "indeks",
        _ => unit.ToString().ToLowerInvariant(),
    };

    /// <summary>A value as Indonesian writes it (decimal comma), for the Indonesian texts only.</summary>
    private static string NumberId(double value) => NumberParser.Format(value).Replace('.', ',');

    private static bool HasRange(Indicator indicator) => indicator.Min is not null || indicator.Max is not null;

    private static string RangeId(Indicator indicator) => HasRange(indicator) ? indicator.RangeText.Replace('.', ',') : "berapa pun";

    private static bool IsIndonesianName(string column) => HeaderAliases.TryMap(column, out _) && !EnglishNames.Contains(HeaderAliases.Normalize(column));

    private static string IndonesianName(Field field) => field switch
    {
        Field.Regency => "kode_wilayah",
        Field.Indicator => "kode_indikator",
        Field.Period => "periode",
        Field.Value => "nilai",
        Field.Unit => "satuan",
        _ => "keterangan",
    };

    private static string En(FormattableString text) => FormattableString.Invariant(text);

    private static string Id(FormattableString text) => text.ToString(IndonesianNumbers);

    // ---- Issue 13: workbooks, title blocks, codes typed as numbers and numbers no evidence decides. ----
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
        $"'{text}' dibaca {NumberId(asComma)} dalam gaya id-ID (1.234,5) dan {NumberId(asPoint)} dalam gaya en-US (1,234.5), dan tidak ada isi berkas yang menentukan maksud {indicator.Code}. Unggah ulang dengan locale=id-ID (CLI: --locale id-ID) atau locale=en-US, atau tulis angka tanpa pemisah ribuan.");

    public static ReaderMessage AmbiguousAgainstType(string text, Indicator indicator, double inStyle, double other, NumberStyle style, StyleReason reason) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"'{text}' is {NumberParser.Format(inStyle)} in the {style.LocaleName()} style of this file (because {reason.English}), which {indicator.Code} cannot be ({Expectation(indicator)}); in the other style it is {NumberParser.Format(other)}. Write the number without a thousands separator, or upload with locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")} if that is the style of the file.",
        $"'{text}' bernilai {NumberId(inStyle)} dalam gaya {style.LocaleName()} berkas ini (karena {reason.Indonesian}), padahal {indicator.Code} tidak mungkin bernilai itu ({ExpectationId(indicator)}); dalam gaya lain nilainya {NumberId(other)}. Tulis angka tanpa pemisah ribuan, atau unggah dengan locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")} bila itu gaya berkas.");

    public static StyleReason StyleFromIndicatorType(string? cell, string text, Indicator indicator, double value) => new(
        $"cell {cell} ('{text}') of {indicator.Code} can only be {NumberParser.Format(value)} ({Expectation(indicator)})",
        $"sel {cell} ('{text}') untuk {indicator.Code} hanya mungkin bernilai {NumberId(value)} ({ExpectationId(indicator)})");

    public static ReaderMessage StyleDecidedByType(int count, string text, Indicator indicator, double value, NumberStyle style) => new(
        ErrorCodes.AmbiguousNumberFormat,
        $"{count} value(s) such as '{text}' read differently in the two number styles. {indicator.Code} is {Expectation(indicator)}, so '{text}' can only be {NumberParser.Format(value)}: the file was read in {style.LocaleName()} style ({Example(style)}). If that is wrong, upload with locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")}.",
        $"{count} nilai seperti '{text}' terbaca berbeda dalam dua gaya angka. {indicator.Code} {ExpectationId(indicator)}, jadi '{text}' hanya mungkin {NumberId(value)}: berkas dibaca dengan gaya {style.LocaleName()} ({Example(style)}). Bila keliru, unggah dengan locale={(style == NumberStyle.DecimalComma ? "en-US" : "id-ID")}.");

    private static string Expectation(Indicator indicator) => indicator.Unit == IndicatorUnit.Count
        ? $"a count, a whole number in {indicator.RangeText}"
        : $"valid in {indicator.RangeText}";

    private static string ExpectationId(Indicator indicator) => indicator.Unit == IndicatorUnit.Count
        ? $"adalah jumlah, bilangan bulat dalam rentang {RangeId(indicator)}"
        : $"hanya sah dalam rentang {RangeId(indicator)}";

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
