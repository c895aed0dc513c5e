using System.Text;
using Readiness.Core.Ingestion;

namespace Readiness.Core.Csv;

/// <summary>What the first bytes of a file say about it.</summary>
/// <param name="Encoding">The text encoding to read with; null for UTF-8, which CsvHelper reads natively.</param>
/// <param name="EncodingName">As reported: <c>utf-8</c>, <c>utf-8-bom</c>, <c>utf-16le</c>, <c>utf-16be</c>,
/// <c>utf-32le</c>, <c>utf-32be</c>, <c>windows-1252</c>.</param>
/// <param name="NotCsv">Why the file is not CSV text at all, or null.</param>
/// <param name="Empty">No content besides a byte order mark and whitespace.</param>
/// <param name="IgnoredSeparatorLine">A first line <c>sep=…</c> that names no usable separator, skipped (the
/// reader warns about it); null when there is none.</param>
public sealed record SniffResult(Encoding? Encoding, string EncodingName, ReaderMessage? NotCsv, bool Empty, string? IgnoredSeparatorLine = null);

/// <summary>
/// Decides how to read a file from its first bytes: a byte order mark wins (UTF-8, UTF-16 and UTF-32; after a UTF-8
/// BOM the file is UTF-8 and an invalid byte is an <c>encoding-error</c> at its cell); otherwise UTF-8 when the bytes
/// are valid UTF-8, else Windows-1252 (what Excel "CSV" writes on Indonesian Windows). Binary files (images,
/// ZIP/XLSX, PDF, NUL bytes, UTF-16 without BOM) are recognised so they get a clear error instead of garbage rows.
/// Excel's <c>sep=;</c> first line is honoured by CsvHelper; one that names no separator CsvHelper accepts here
/// (<c>sep=</c>, <c>sep= </c>, <c>sep=;;</c>) is skipped, so it is neither the header nor a space separator.
/// </summary>
public static class CsvSniffer
{
    public const int SniffBytes = 64 * 1024;

    static CsvSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The separators a <c>sep=</c> line may name (the delimiters of the CSV contract).</summary>
    private const string SeparatorsOfTheContract = ",;\t|";

    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: true);

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
        var sniff = Sniff(buffer.AsSpan(0, length), complete);
        if (sniff.IgnoredSeparatorLine is not null)
        {
            // Replay from the line after it, as CsvHelper does for a sep= line it honours.
            var skip = SeparatorLineLength(buffer.AsSpan(0, length));
            buffer.AsSpan(skip, length - skip).CopyTo(buffer);
            length -= skip;
        }

        return (new PrefixedStream(buffer, length, input), sniff);
    }

    /// <summary>Classifies the start of a file. <paramref name="complete"/> says whether it is the whole file.</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> start, bool complete)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            var body = start[3..];
            if (BinaryKind(body) is { } binary)
            {
                return new SniffResult(null, "utf-8-bom", binary, false);
            }

            // A BOM says UTF-8: a byte that is not UTF-8 is an error at its cell, never a reason to read Windows-1252.
            return WithSeparatorLine(new SniffResult(null, "utf-8-bom", null, IsBlank(Encoding.UTF8.GetString(body))), start);
        }

        // UTF-32 LE's mark begins with UTF-16 LE's: test it first.
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new SniffResult(Encoding.UTF32, "utf-32le", null, IsBlank(Encoding.UTF32.GetString(start[4..])));
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new SniffResult(Utf32BigEndian, "utf-32be", null, IsBlank(Utf32BigEndian.GetString(start[4..])));
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new SniffResult(Encoding.Unicode, "utf-16le", null, IsBlank(Encoding.Unicode.GetString(start[2..])));
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new SniffResult(Encoding.BigEndianUnicode, "utf-16be", null, IsBlank(Encoding.BigEndianUnicode.GetString(start[2..])));
        }

        if (BinaryKind(start) is { } kind)
        {
            return new SniffResult(null, "utf-8", kind, false);
        }

        var sniff = IsValidUtf8(start, complete)
            ? new SniffResult(null, "utf-8", null, IsBlank(Encoding.UTF8.GetString(start)))
            : new SniffResult(Windows1252, "windows-1252", null, IsBlank(Windows1252.GetString(start)));
        return WithSeparatorLine(sniff, start);
    }

    /// <summary>Notes a first line <c>sep=…</c> (of ASCII-compatible text) that names no separator of the contract.</summary>
    private static SniffResult WithSeparatorLine(SniffResult sniff, ReadOnlySpan<byte> start)
    {
        var text = start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? start[3..] : start;
        var end = text.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? text : text[..end];
        if (line.Length < 4 || !Ascii.EqualsIgnoreCase(line[..4], "sep="u8) || end < 0)
        {
            return sniff;
        }

        var named = line[4..];
        if (named.Length == 1 && SeparatorsOfTheContract.Contains((char)named[0], StringComparison.Ordinal))
        {
            return sniff;
        }

        var shown = (sniff.Encoding ?? Encoding.UTF8).GetString(line);
        return sniff with { IgnoredSeparatorLine = shown.Length > 40 ? shown[..40] + "…" : shown };
    }

    /// <summary>The bytes of the first line and its line break (CRLF, LF or CR), BOM included.</summary>
    private static int SeparatorLineLength(ReadOnlySpan<byte> start)
    {
        var end = start.IndexOfAny((byte)'\r', (byte)'\n');
        if (start[end] == '\r' && end + 1 < start.Length && start[end + 1] == '\n')
        {
            end++;
        }

        return end + 1;
    }

    private static ReaderMessage? BinaryKind(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return ReaderMessages.PngImage;
        }

        if (b.StartsWith("PK\x03\x04"u8))
        {
            return ReaderMessages.ZipOrWorkbook;
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return ReaderMessages.OldWorkbook;
        }

        if (b.StartsWith("%PDF"u8))
        {
            return ReaderMessages.Pdf;
        }

        if (b.StartsWith("GIF8"u8) || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ReaderMessages.OtherImage;
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ReaderMessages.Gzip;
        }

        var nul = b.IndexOf((byte)0);
        if (nul >= 0)
        {
            return NulKind(b, nul);
        }

        var controls = 0;
        foreach (var x in b)
        {
            if (x < 0x20 && x is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C)
            {
                controls++;
            }
        }

        return controls > 8 && controls > b.Length / 100 ? ReaderMessages.ManyControlCharacters : null;
    }

    /// <summary>
    /// Text in UTF-16 without a BOM has NULs in every other byte and (mostly Latin text) none between them; a run of
    /// NULs alone (a damaged or zero-filled file) is not text in any encoding.
    /// </summary>
    private static ReaderMessage NulKind(ReadOnlySpan<byte> b, int firstNul)
    {
        if (b.IndexOfAnyExcept((byte)0) < 0)
        {
            return ReaderMessages.OnlyNulBytes(b.Length);
        }

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

        // Over half the pairs with a NUL on one side, at most a tenth on the other.
        var pairs = sample.Length / 2;
        var utf16 = (oddNuls * 2 > pairs && evenNuls * 10 <= pairs) || (evenNuls * 2 > pairs && oddNuls * 10 <= pairs);
        return utf16 ? ReaderMessages.Utf16WithoutBom : ReaderMessages.NulBytes(firstNul);
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
