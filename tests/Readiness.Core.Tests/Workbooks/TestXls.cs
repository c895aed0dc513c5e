using System.Buffers.Binary;
using System.Text;

namespace Readiness.Core.Tests.Workbooks;

/// <summary>A cell of a test .xls: its value and the extended format it uses (<see cref="TestXls.General"/> and friends).</summary>
internal sealed record XlsCell(object Value, int Format = TestXls.General);

/// <summary>
/// A minimal Excel 97–2003 workbook built by the test: BIFF8 records (BOF, CODEPAGE, XF, BOUNDSHEET, EOF; a sheet
/// of DIMENSIONS, LABEL, NUMBER and BOOLERR cells) in an OLE2 compound file of 512-byte sectors (one FAT sector, one
/// directory sector, the Workbook stream padded past the 4,096-byte mini-stream cutoff). No library writes .xls
/// here, and no binary fixture is kept: this is the whole format the reader's .xls path needs.
/// </summary>
internal static class TestXls
{
    public const int General = 0;
    public const int Percent = 1;
    public const int Date = 2;

    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint NoStream = 0xFFFFFFFF;

    /// <summary>One sheet named <paramref name="sheet"/>; a row's null is an empty cell, a string a text cell, a double a number, a bool a Boolean.</summary>
    public static byte[] Workbook(string sheet, params object?[][] rows)
    {
        var globals = new MemoryStream();
        Record(globals, 0x0809, Bof(0x0005));
        Record(globals, 0x0042, U16(1200)); // CODEPAGE: UTF-16
        foreach (var format in new ushort[] { 0, 10, 14 }) // General, 0.00%, m/d/yyyy
        {
            var xf = new byte[20];
            BinaryPrimitives.WriteUInt16LittleEndian(xf.AsSpan(2), format);
            Record(globals, 0x00E0, xf);
        }

        var name = Encoding.Latin1.GetBytes(sheet);
        var boundSheet = new byte[6 + 2 + name.Length];
        boundSheet[6] = (byte)name.Length; // ShortXLUnicodeString, 8-bit characters
        name.CopyTo(boundSheet, 8);
        var boundSheetAt = (int)globals.Length + 4;
        Record(globals, 0x0085, boundSheet);
        Record(globals, 0x000A, []);

        var sheetStream = new MemoryStream();
        Record(sheetStream, 0x0809, Bof(0x0010));
        var dimensions = new byte[14];
        BinaryPrimitives.WriteUInt32LittleEndian(dimensions.AsSpan(4), (uint)rows.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(dimensions.AsSpan(10), (ushort)rows.Max(r => r.Length));
        Record(sheetStream, 0x0200, dimensions);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = rows[r][c] is XlsCell x ? x : rows[r][c] is { } v ? new XlsCell(v) : null;
                if (cell is not null)
                {
                    Cell(sheetStream, r, c, cell);
                }
            }
        }

        Record(sheetStream, 0x000A, []);

        var workbook = globals.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(workbook.AsSpan(boundSheetAt), (uint)workbook.Length);
        byte[] stream = [.. workbook, .. sheetStream.ToArray()];
        return CompoundFile(stream);
    }

    private static void Cell(MemoryStream output, int row, int column, XlsCell cell)
    {
        var head = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)row);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), (ushort)column);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(4), (ushort)cell.Format);
        switch (cell.Value)
        {
            case string text:
                var chars = Encoding.Unicode.GetBytes(text);
                Record(output, 0x0204, [.. head, .. U16((ushort)text.Length), 1, .. chars]); // LABEL, XLUnicodeString (16-bit)
                break;
            case double or int:
                var number = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(number, Convert.ToDouble(cell.Value, System.Globalization.CultureInfo.InvariantCulture));
                Record(output, 0x0203, [.. head, .. number]); // NUMBER
                break;
            case DateTime date:
                var serial = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(serial, date.ToOADate());
                Record(output, 0x0203, [.. head, .. serial]);
                break;
            case bool yes:
                Record(output, 0x0205, [.. head, (byte)(yes ? 1 : 0), 0]); // BOOLERR, a Boolean
                break;
            default:
                throw new ArgumentException($"No .xls cell for {cell.Value.GetType()}");
        }
    }

    private static byte[] Bof(ushort type)
    {
        var bof = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(bof, 0x0600); // BIFF8
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(4), 0x0DBB);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(6), 0x07CC);
        return bof;
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static void Record(MemoryStream output, ushort type, byte[] data)
    {
        output.Write(U16(type));
        output.Write(U16((ushort)data.Length));
        output.Write(data);
    }

    /// <summary>The Workbook stream in an OLE2 compound file: header, FAT (sector 0), directory (sector 1), the stream (sectors 2…).</summary>
    private static byte[] CompoundFile(byte[] stream)
    {
        var size = Math.Max(4096, (stream.Length + 511) / 512 * 512);
        var sectors = size / 512;
        if (sectors > 126)
        {
            throw new ArgumentException("The test workbook needs one FAT sector at most.");
        }

        var file = new byte[512 * (3 + sectors)];
        var header = file.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1); // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1); // first directory sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096); // mini stream cutoff
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain); // no mini FAT
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain); // no DIFAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0); // DIFAT[0]: the FAT is sector 0
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (4 * i))..], FreeSector);
        }

        var fat = file.AsSpan(512, 512);
        for (var i = 0; i < 128; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * i)..], FreeSector);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD); // sector 0: FAT
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], EndOfChain); // sector 1: directory
        for (var s = 0; s < sectors; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * (2 + s))..], s == sectors - 1 ? EndOfChain : (uint)(3 + s));
        }

        var directory = file.AsSpan(1024, 512);
        Entry(directory[..128], "Root Entry", type: 5, child: 1, start: EndOfChain, size: 0);
        Entry(directory[128..256], "Workbook", type: 2, child: NoStream, start: 2, size: (uint)size);
        for (var e = 2; e < 4; e++)
        {
            var empty = directory[(128 * e)..(128 * (e + 1))];
            BinaryPrimitives.WriteUInt32LittleEndian(empty[68..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(empty[72..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(empty[76..], NoStream);
        }

        stream.CopyTo(file, 1536);
        return file;
    }

    private static void Entry(Span<byte> entry, string name, byte type, uint child, uint start, uint size)
    {
        var chars = Encoding.Unicode.GetBytes(name + "\0");
        chars.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)chars.Length);
        entry[66] = type;
        entry[67] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[120..], size);
    }
}
