using System.Text;

namespace Readiness.Core.Csv;

/// <summary>What the first bytes of a file say about it.</summary>
/// <param name="Encoding">The text encoding to read with; null for UTF-8, which CsvHelper reads natively.</param>
/// <param name="EncodingName">As reported: <c>utf-8</c>, <c>utf-8-bom</c>, <c>utf-16le</c>, <c>utf-16be</c>, <c>windows-1252</c>.</param>
/// <param name="NotCsv">Why the file is not CSV text at all, or null.</param>
/// <param name="Empty">No content besides a byte order mark and whitespace.</param>
public sealed record SniffResult(Encoding? Encoding, string EncodingName, string? NotCsv, bool Empty);

/// <summary>
/// Decides how to read a file from its first bytes: a byte order mark wins; otherwise UTF-8 when the bytes are valid
/// UTF-8, else Windows-1252 (what Excel "CSV" writes on Indonesian Windows). Binary files (images, ZIP/XLSX, PDF,
/// NUL bytes, UTF-16 without BOM) are recognised so they get a clear error instead of garbage rows.
/// </summary>
public static class CsvSniffer
{
    public const int SniffBytes = 64 * 1024;

    static CsvSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>Reads up to <see cref="SniffBytes"/> from <paramref name="input"/> and returns a stream that replays
    /// them followed by the rest, with what they say.</summary>
    public static async Task<(Stream Stream, SniffResult Sniff)> SniffAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[SniffBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var complete = length < buffer.Length;
        return (new PrefixedStream(buffer, length, input), Sniff(buffer.AsSpan(0, length), complete));
    }

    /// <summary>Classifies the start of a file. <paramref name="complete"/> says whether it is the whole file.</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> start, bool complete)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Check(start[3..], null, "utf-8-bom", complete);
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new SniffResult(Encoding.Unicode, "utf-16le", null, IsBlank(Encoding.Unicode.GetString(start[2..])));
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new SniffResult(Encoding.BigEndianUnicode, "utf-16be", null, IsBlank(Encoding.BigEndianUnicode.GetString(start[2..])));
        }

        return Check(start, null, "utf-8", complete);
    }

    private static SniffResult Check(ReadOnlySpan<byte> body, Encoding? encoding, string name, bool complete)
    {
        if (BinaryKind(body) is { } kind)
        {
            return new SniffResult(encoding, name, kind, false);
        }

        if (IsValidUtf8(body, complete))
        {
            return new SniffResult(encoding, name, null, IsBlank(Encoding.UTF8.GetString(body)));
        }

        return new SniffResult(Windows1252, "windows-1252", null, IsBlank(Windows1252.GetString(body)));
    }

    private static string? BinaryKind(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "This is a PNG image, not a CSV file.";
        }

        if (b.StartsWith("PK\x03\x04"u8))
        {
            return "This is a ZIP archive or an Excel workbook (.xlsx), not a CSV file. In Excel choose File > Save As > CSV UTF-8.";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return "This is an old Excel workbook (.xls), not a CSV file. In Excel choose File > Save As > CSV UTF-8.";
        }

        if (b.StartsWith("%PDF"u8))
        {
            return "This is a PDF document, not a CSV file.";
        }

        if (b.StartsWith("GIF8"u8) || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "This is an image, not a CSV file.";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return "This is a gzip archive, not a CSV file. Upload the CSV inside it.";
        }

        var nul = b.IndexOf((byte)0);
        if (nul >= 0)
        {
            var sample = b[..Math.Min(b.Length, 512)];
            var oddNuls = 0;
            var evenNuls = 0;
            for (var i = 0; i < sample.Length; i++)
            {
                if (sample[i] == 0)
                {
                    _ = i % 2 == 0 ? evenNuls++ : oddNuls++;
                }
            }

            return oddNuls > sample.Length / 4 || evenNuls > sample.Length / 4
                ? "This looks like UTF-16 text without a byte order mark. Save it as CSV UTF-8 (or UTF-16 with BOM)."
                : $"The file contains NUL bytes (first at byte {nul}): it is binary, not CSV text.";
        }

        var controls = 0;
        foreach (var x in b)
        {
            if (x < 0x20 && x is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C)
            {
                controls++;
            }
        }

        return controls > 8 && controls > b.Length / 100 ? "The file contains many control characters: it is binary, not CSV text." : null;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[bytes.Length + 1];
        try
        {
            // Without flush, a sequence cut by the end of the sniffed block is kept for later instead of failing.
            decoder.GetChars(bytes, chars, flush: complete);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsBlank(string text) => text.AsSpan().Trim().Trim("\uFEFF").IsEmpty;
}
