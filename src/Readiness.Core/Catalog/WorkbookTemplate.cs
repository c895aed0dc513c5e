using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Validations;
using SpreadCheetah.Worksheets;

namespace Readiness.Core.Catalog;

/// <summary>
/// The upload template as a real workbook (.xlsx, written with SpreadCheetah): a <c>Data</c> sheet the reader picks by
/// name, with the code columns formatted as text (Excel keeps <c>13.10</c> and <c>2024-01</c> as written), value
/// cells as numbers checked against each indicator's valid range, list validations for the indicator codes and the
/// periods of the year, and a <c>Petunjuk</c> sheet with the instructions in Indonesian and the catalog's units and
/// ranges. Filled in and uploaded back, it is valid without any option.
/// </summary>
public static class WorkbookTemplate
{
    public const string DataSheet = "Data";
    public const string InstructionsSheet = "Petunjuk";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The header of the long layout, in the names Indonesian officers use (all of them contract aliases).</summary>
    public static readonly string[] LongHeader = ["kode_wilayah", "kode_indikator", "periode", "nilai", "satuan", "keterangan"];

    public static async Task WriteAsync(IndicatorCatalog catalog, bool wide, string regencyCode, int year, Stream output, CancellationToken cancellationToken = default)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var textStyle = new Style { Format = NumberFormat.Standard(StandardNumberFormat.Text) };
        var text = spreadsheet.AddStyle(textStyle);
        var header = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xDD, 0xEB, 0xF7) } });
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var periods = Periods(year);
        var indicators = catalog.Indicators;

        var options = new WorksheetOptions { FrozenRows = 1 };
        if (wide)
        {
            options.Column(1).Width = 14;
            options.Column(1).DefaultStyle = textStyle;
            options.Column(2).Width = 12;
            options.Column(2).DefaultStyle = textStyle;
            await spreadsheet.StartWorksheetAsync(DataSheet, options, cancellationToken);
            await spreadsheet.AddRowAsync([new Cell("kode_wilayah", header), new Cell("periode", header), .. indicators.Select(i => new Cell(i.Code, header))], cancellationToken);
            await spreadsheet.AddRowAsync([new Cell(regencyCode, text), new Cell(year.ToString(CultureInfo.InvariantCulture), text)], cancellationToken);
            AddList(spreadsheet, "B2:B1000", periods, "Periode", "Tahun (2024), triwulan (2024Q1) atau bulan (2024-01).");
            for (var i = 0; i < indicators.Count; i++)
            {
                var column = Readiness.Core.Ingestion.ObservationReader.ColumnLetter(i + 2);
                AddRange(spreadsheet, $"{column}2:{column}1000", indicators[i]);
            }
        }
        else
        {
            foreach (var (column, width) in new[] { (1, 14), (2, 14), (3, 12), (4, 12), (5, 10), (6, 40) })
            {
                options.Column(column).Width = width;
            }

            foreach (var column in new[] { 1, 2, 3, 5, 6 })
            {
                options.Column(column).DefaultStyle = textStyle;
            }

            await spreadsheet.StartWorksheetAsync(DataSheet, options, cancellationToken);
            await spreadsheet.AddRowAsync([.. LongHeader.Select(h => new Cell(h, header))], cancellationToken);
            for (var i = 0; i < indicators.Count; i++)
            {
                var indicator = indicators[i];
                await spreadsheet.AddRowAsync(
                    [new Cell(regencyCode, text), new Cell(indicator.Code, text), new Cell(year.ToString(CultureInfo.InvariantCulture), text), new Cell((string?)null), new Cell(UnitName(indicator.Unit), text)],
                    cancellationToken);
                AddRange(spreadsheet, $"D{i + 2}", indicator);
            }

            var last = Math.Max(indicators.Count + 1, 1000);
            AddList(spreadsheet, $"B2:B{last}", indicators.Select(i => i.Code), "Kode indikator", "Pilih kode indikator dari katalog (lembar Petunjuk).");
            AddList(spreadsheet, $"C2:C{last}", periods, "Periode", "Tahun (2024), triwulan (2024Q1) atau bulan (2024-01).");
        }

        var instructions = new WorksheetOptions();
        instructions.Column(1).Width = 12;
        instructions.Column(2).Width = 50;
        instructions.Column(3).Width = 14;
        instructions.Column(4).Width = 12;
        instructions.Column(5).Width = 16;
        await spreadsheet.StartWorksheetAsync(InstructionsSheet, instructions, cancellationToken);
        foreach (var line in Instructions(catalog, wide, regencyCode, year))
        {
            await spreadsheet.AddRowAsync([new Cell(line)], cancellationToken);
        }

        await spreadsheet.AddRowAsync([new Cell("")], cancellationToken);
        await spreadsheet.AddRowAsync([new Cell("Kode", bold), new Cell("Indikator", bold), new Cell("Dimensi", bold), new Cell("Satuan", bold), new Cell("Rentang sah", bold)], cancellationToken);
        foreach (var indicator in indicators)
        {
            await spreadsheet.AddRowAsync(
                [new Cell(indicator.Code), new Cell(indicator.Name), new Cell(indicator.Dimension.ToString()), new Cell(UnitName(indicator.Unit)), new Cell(RangeText(indicator))],
                cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>The periods of a year as the template offers them: the year, its quarters and its months.</summary>
    public static IReadOnlyList<string> Periods(int year)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        return [y, .. Enumerable.Range(1, 4).Select(q => $"{y}Q{q}"), .. Enumerable.Range(1, 12).Select(m => string.Create(CultureInfo.InvariantCulture, $"{y}-{m:00}"))];
    }

    private static IEnumerable<string> Instructions(IndicatorCatalog catalog, bool wide, string regencyCode, int year)
    {
        yield return $"Templat unggah data Smart City — katalog {catalog.Version}, tahun {year}{(regencyCode.Length > 0 ? $", wilayah {regencyCode}" : "")}.";
        yield return "Isi lembar Data, simpan sebagai .xlsx, lalu unggah berkas ini apa adanya (tidak perlu disimpan sebagai CSV).";
        yield return wide
            ? "Satu baris per wilayah dan periode; satu kolom per kode indikator. Sel kosong berarti tidak dilaporkan."
            : "Satu baris per nilai: kode_wilayah, kode_indikator, periode, nilai. Baris yang nilainya kosong tidak dilaporkan: hapus atau isi.";
        yield return "kode_wilayah: kode Kemendagri seperti 13.07 (kolom berformat Teks, jadi 13.10 tidak berubah menjadi 13.1), atau nama wilayah.";
        yield return $"periode: tahun ({year}), triwulan ({year}Q1) atau bulan ({year}-01); pilih dari daftar.";
        yield return "nilai: ketik angka biasa (87,5 atau 87.5 sesuai pengaturan Excel Anda); persen ditulis 64 atau diformat 64%. Ya/Tidak untuk indikator ya/tidak.";
        yield return "Setiap nilai harus berada dalam rentang sah indikatornya (tabel di bawah); Excel menolak nilai di luar rentang.";
        yield return "Satuan dan keterangan boleh dikosongkan. Jangan mengubah nama lembar Data atau judul kolom.";
    }

    private static void AddList(Spreadsheet spreadsheet, string range, IEnumerable<string> values, string title, string message)
    {
        var validation = DataValidation.ListValues(values);
        validation.InputTitle = title;
        validation.InputMessage = message;
        validation.ErrorTitle = title;
        validation.ErrorMessage = "Nilai tidak ada dalam daftar. " + message;
        spreadsheet.AddDataValidation(range, validation);
    }

    /// <summary>The value cell's check: a number in the valid range (or Ya/Tidak/1/0 for a yes/no indicator: not limited).</summary>
    private static void AddRange(Spreadsheet spreadsheet, string range, Indicator indicator)
    {
        if (indicator.IsBoolean)
        {
            var yesNo = DataValidation.ListValues(["Ya", "Tidak"]);
            yesNo.InputTitle = indicator.Code;
            yesNo.InputMessage = Truncate($"{indicator.Name}: Ya atau Tidak.");
            yesNo.ShowErrorAlert = false;
            spreadsheet.AddDataValidation(range, yesNo);
            return;
        }

        var validation = (indicator.Min, indicator.Max) switch
        {
            ({ } min, { } max) => DataValidation.DecimalBetween(min, max),
            ({ } min, null) => DataValidation.DecimalGreaterThanOrEqualTo(min),
            (null, { } max) => DataValidation.DecimalLessThanOrEqualTo(max),
            _ => null,
        };
        if (validation is null)
        {
            return;
        }

        validation.InputTitle = indicator.Code;
        validation.InputMessage = Truncate($"{indicator.Name} ({UnitName(indicator.Unit)}): {RangeText(indicator)}.");
        validation.ErrorTitle = indicator.Code;
        validation.ErrorMessage = Truncate($"Nilai {indicator.Code} harus angka dalam rentang {RangeText(indicator)}.");
        spreadsheet.AddDataValidation(range, validation);
    }

    private static string Truncate(string text) => text.Length > 250 ? text[..250] : text;

    /// <summary>The unit as the CSV template and the stored observations write it.</summary>
    public static string UnitName(IndicatorUnit unit) => unit.ToString().ToLowerInvariant();

    private static string RangeText(Indicator indicator) => indicator.IsBoolean ? "Ya/Tidak (1/0)" : indicator.RangeText;
}
