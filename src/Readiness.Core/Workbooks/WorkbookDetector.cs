using System.IO.Compression;
using Readiness.Core.Csv;

namespace Readiness.Core.Workbooks;

/// <summary>The spreadsheet formats an upload may be, told apart by their bytes.</summary>
public enum WorkbookFormat
{
    /// <summary>Office Open XML: <c>.xlsx</c>, <c>.xlsm</c> (macros are never run: only cell values are read).</summary>
    Xlsx,
    /// <summary>Excel binary workbook (<c>.xlsb</c>), a zip with <c>xl/workbook.bin</c>.</summary>
    Xlsb,
    /// <summary>Excel 97–2003 (<c>.xls</c>), BIFF8 in an OLE2 compound file.</summary>
    Xls,
    /// <summary>OpenDocument (<c>.ods</c>): recognised, not read.</summary>
    Ods,
    /// <summary>A zip archive that is no workbook.</summary>
    OtherZip,
}

/// <summary>What the first bytes of an upload say: a workbook (and which), or text for the CSV reader.</summary>
/// <param name="Stream">The whole file from its first byte: seekable when it is a workbook.</param>
/// <param name="Format">The workbook format, or null for anything else (CSV and what the CSV sniffer refuses).</param>
/// <param name="Owned">Whether <paramref name="Stream"/> is ours to dispose (a replay buffer or a spool file), not the caller's.</param>
public sealed record DetectedFile(Stream Stream, WorkbookFormat? Format, bool Owned) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owned ? Stream.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>
/// Detects workbooks from their bytes, never from a file name: <c>PK\x03\x04</c> is a zip (an xlsx when it holds
/// <c>xl/workbook.xml</c>, an ods when it holds <c>mimetype</c>), <c>D0 CF 11 E0</c> an OLE2 compound file (xls).
/// The readers need to seek in a workbook; a stream that cannot seek is spooled to a temporary file (deleted on close).
/// </summary>
public static class WorkbookDetector
{
    private static ReadOnlySpan<byte> ZipSignature => "PK\x03\x04"u8;

    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The format of the bytes in <paramref name="input"/>, read from its current position.</summary>
    public static async Task<DetectedFile> DetectAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var start = input.CanSeek ? input.Position : 0;
        var head = new byte[8];
        var length = 0;
        int read;
        while (length < head.Length && (read = await input.ReadAsync(head.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var zip = head.AsSpan(0, length).StartsWith(ZipSignature);
        var ole2 = head.AsSpan(0, length).StartsWith(Ole2Signature);
        if (!zip && !ole2)
        {
            return new DetectedFile(new PrefixedStream(head, length, input), null, Owned: true);
        }

        Stream seekable;
        bool owned;
        if (input.CanSeek)
        {
            input.Position = start;
            (seekable, owned) = (input, false);
        }
        else
        {
            seekable = new FileStream(Path.Combine(Path.GetTempPath(), "readiness-" + Guid.NewGuid().ToString("N") + ".upload"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await seekable.WriteAsync(head.AsMemory(0, length), cancellationToken);
            await input.CopyToAsync(seekable, cancellationToken);
            seekable.Position = 0;
            owned = true;
        }

        return new DetectedFile(seekable, ole2 ? WorkbookFormat.Xls : ZipKind(seekable), owned);
    }

    /// <summary>The format a file's first bytes give, for naming its archive copy (<c>.xlsx</c>, <c>.xls</c>, <c>.csv</c>).</summary>
    public static string ArchiveExtension(ReadOnlySpan<byte> head) =>
        head.StartsWith(Ole2Signature) ? ".xls" : head.StartsWith(ZipSignature) ? ".xlsx" : ".csv";

    /// <summary>What a zip holds, from its central directory (read, not unpacked); the stream is left at its start.</summary>
    private static WorkbookFormat ZipKind(Stream seekable)
    {
        var start = seekable.Position;
        try
        {
            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.GetEntry("xl/workbook.xml") is not null)
            {
                return WorkbookFormat.Xlsx;
            }

            if (archive.GetEntry("xl/workbook.bin") is not null)
            {
                return WorkbookFormat.Xlsb;
            }

            return archive.GetEntry("mimetype") is not null || archive.GetEntry("content.xml") is not null ? WorkbookFormat.Ods : WorkbookFormat.OtherZip;
        }
        catch (InvalidDataException)
        {
            // A damaged zip: the workbook reader says so, with its own message.
            return WorkbookFormat.Xlsx;
        }
        finally
        {
            seekable.Position = start;
        }
    }

    /// <summary>
    /// Checks a zip before any part of it is parsed: the sizes its entries declare, then the bytes they really unpack
    /// to, counted while inflating into a small buffer (nothing is kept), so a zip bomb is refused after at most
    /// <paramref name="maxBytes"/> of work and never fills memory. The stream is left at its start.
    /// </summary>
    /// <returns>Null when the zip is within the limit, else why it is refused.</returns>
    public static string? CheckZipSize(Stream seekable, long maxBytes)
    {
        var start = seekable.Position;
        try
        {
            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (declared > maxBytes)
                {
                    return "declared";
                }
            }

            var buffer = new byte[1 << 16];
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                using var content = entry.Open();
                long entryBytes = 0;
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    entryBytes += read;
                    total += read;
                    if (entryBytes > entry.Length || total > maxBytes)
                    {
                        return entryBytes > entry.Length ? "larger than declared" : "unpacked";
                    }
                }
            }

            return null;
        }
        finally
        {
            seekable.Position = start;
        }
    }
}
