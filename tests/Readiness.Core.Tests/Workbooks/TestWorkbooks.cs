using System.IO.Compression;
using System.Text;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Readiness.Core.Tests.Workbooks;

/// <summary>Workbooks built by the test code (SpreadCheetah for xlsx; zips from parts for ods and bombs): no binary fixtures.</summary>
internal static class TestWorkbooks
{
    /// <summary>An xlsx written by <paramref name="write"/>, which starts its own sheets.</summary>
    public static async Task<byte[]> Xlsx(Func<Spreadsheet, Task> write)
    {
        using var buffer = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(buffer))
        {
            await write(spreadsheet);
            await spreadsheet.FinishAsync();
        }

        return buffer.ToArray();
    }

    /// <summary>One sheet named <paramref name="sheet"/> with the given rows (strings, numbers, dates, Booleans; null is empty).</summary>
    public static Task<byte[]> Sheet(string sheet, params object?[][] rows) => Xlsx(async s =>
    {
        await s.StartWorksheetAsync(sheet);
        foreach (var row in rows)
        {
            await s.AddRowAsync(Cells(row));
        }
    });

    public static Cell[] Cells(object?[] row, StyleId? style = null) => [.. row.Select(v => Cell(v, style))];

    public static Cell Cell(object? value, StyleId? style = null) => value switch
    {
        null => new Cell((string?)null, style),
        string s => new Cell(s, style),
        int i => new Cell(i, style),
        double d => new Cell(d, style),
        DateTime t => new Cell(t, style),
        bool b => new Cell(b, style),
        Cell c => c,
        _ => throw new ArgumentException($"No cell for {value.GetType()}"),
    };

    public static WorksheetOptions Hidden => new() { Visibility = WorksheetVisibility.Hidden };

    /// <summary>A zip of the given parts (name → text), as LibreOffice or an archiver writes one.</summary>
    public static byte[] Zip(params (string Name, string Text)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The first sheet of <paramref name="workbook"/> with row <paramref name="row"/> hidden, as Excel writes it (SpreadCheetah cannot).</summary>
    public static byte[] HideRow(byte[] workbook, int row) => EditFirstSheet(workbook, xml =>
    {
        var marker = $"<row r=\"{row}\"";
        Assert.Contains(marker, xml, StringComparison.Ordinal);
        return xml.Replace(marker, marker + " hidden=\"1\"", StringComparison.Ordinal);
    });

    /// <summary><paramref name="workbook"/> with its first sheet's XML edited, as a spreadsheet program saves what is typed.</summary>
    public static byte[] EditFirstSheet(byte[] workbook, Func<string, string> edit)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(edit(xml));
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="workbook"/> with one more entry of <paramref name="zeros"/> zero bytes: it deflates about 1000:1.</summary>
    public static byte[] WithBomb(byte[] workbook, long zeros)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.Fastest).Open();
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length)
            {
                entry.Write(block, 0, (int)Math.Min(block.Length, zeros - written));
            }
        }

        return buffer.ToArray();
    }
}
