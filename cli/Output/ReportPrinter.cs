using System.Globalization;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.Cli.Output;

/// <summary>
/// Human-readable forms of the validation report and the import summary, in English or Bahasa Indonesia (the texts
/// of each issue are the report's own <c>message</c> and <c>message_id</c>). <c>--json</c> prints the report itself.
/// Everything that came from a file or storage is printed through <see cref="TerminalText.Safe"/>.
/// </summary>
internal static class ReportPrinter
{
    /// <summary>The whole report: verdict, how the file was read, counts, then every listed error and warning.</summary>
    public static void PrintReport(TextWriter output, string name, ValidationReport report, string indent = "", ReportLanguage language = ReportLanguage.English)
    {
        var l = language;
        output.WriteLine($"{indent}{TerminalText.Safe(name)}: {(report.Valid ? "valid" : l.Pick("INVALID", "TIDAK VALID"))}");
        output.WriteLine(report.FileType is { } workbook
            ? Invariant($"{indent}  format {report.Format ?? "?"}, {l.Pick($"{workbook} workbook", $"buku kerja {workbook}")}, {l.Pick("sheet", "lembar")} {TerminalText.Safe(report.Sheet ?? "?")}, locale {report.Locale ?? l.Pick("typed cells", "sel bertipe")}")
            : Invariant($"{indent}  format {report.Format ?? "?"}, {l.Pick("delimiter", "pemisah")} {Delimiter(report.Delimiter)}, {l.Pick("encoding", "pengodean")} {report.Encoding ?? "?"}, locale {report.Locale ?? "?"}"));
        output.WriteLine(Invariant(
            $"{indent}  {l.Pick("rows", "baris")} {report.Rows}, {l.Pick("values", "nilai")} {report.Values}, {l.Pick("accepted", "diterima")} {report.Accepted}, {l.Pick("rejected", "ditolak")} {report.Rejected}"));
        PrintIssues(output, l.Pick("errors", "kesalahan"), report.ErrorCount, report.Errors, report.Truncated, indent, l);
        PrintIssues(output, l.Pick("warnings", "peringatan"), report.WarningCount, report.Warnings, report.Truncated, indent, l);
    }

    /// <summary>The import summary of one file, with the text of every listed error and warning (up to the report's
    /// limit of <see cref="ValidationReport.MaxListed"/> each).</summary>
    public static void PrintImport(TextWriter output, string name, ImportResult result, bool withIssues = true, ReportLanguage language = ReportLanguage.English)
    {
        var l = language;
        var upload = result.Upload;
        var regency = upload.RegencyCode == ImportRequest.AllRegencies ? l.Pick("all regencies", "semua wilayah") : $"{l.Pick("regency", "wilayah")} {TerminalText.Safe(upload.RegencyCode)}";
        output.WriteLine($"{TerminalText.Safe(name)}: {Status(result, l)} ({regency}, {upload.Mode.Name()}{(upload.DryRun ? l.Pick(", dry run", ", uji coba") : "")})");
        output.WriteLine($"  {l.Pick("upload", "unggahan")} {TerminalText.Safe(upload.UploadId)}");
        output.WriteLine(l == ReportLanguage.English
            ? Invariant($"  rows {upload.Rows}, values {upload.Values}: imported {upload.Imported}, updated {upload.Updated}, unchanged {upload.Unchanged}, rejected rows {upload.Rejected}; {upload.Errors} errors, {upload.Warnings} warnings")
            : Invariant($"  baris {upload.Rows}, nilai {upload.Values}: diimpor {upload.Imported}, diperbarui {upload.Updated}, tidak berubah {upload.Unchanged}, baris ditolak {upload.Rejected}; {upload.Errors} kesalahan, {upload.Warnings} peringatan"));
        if (upload.Years.Count > 0)
        {
            output.WriteLine($"  {l.Pick("years to rescore", "tahun yang skornya dihitung ulang")}: {string.Join(", ", upload.Years)}");
        }

        if (withIssues)
        {
            PrintIssues(output, l.Pick("errors", "kesalahan"), result.Report.ErrorCount, result.Report.Errors, result.Report.Truncated, "", l);
            PrintIssues(output, l.Pick("warnings", "peringatan"), result.Report.WarningCount, result.Report.Warnings, result.Report.Truncated, "", l);
        }
    }

    public static string Status(ImportResult result, ReportLanguage language = ReportLanguage.English) => result.Outcome switch
    {
        ImportOutcome.Accepted when result.Upload.DryRun => language.Pick("validated (dry run, nothing stored)", "tervalidasi (uji coba, tidak ada yang disimpan)"),
        ImportOutcome.Accepted when result.Report.Valid => language.Pick("stored", "tersimpan"),
        ImportOutcome.Accepted => language.Pick("stored in part (partial mode)", "tersimpan sebagian (mode partial)"),
        ImportOutcome.Queued => language.Pick("queued for background processing", "diantrekan untuk diproses di latar belakang"),
        ImportOutcome.Invalid => language.Pick("REJECTED (invalid, nothing stored)", "DITOLAK (tidak valid, tidak ada yang disimpan)"),
        ImportOutcome.TooLarge => language.Pick("REJECTED (too large)", "DITOLAK (terlalu besar)"),
        _ => $"{language.Pick("FAILED", "GAGAL")}{(result.Upload.Failure is { } why ? ": " + TerminalText.Safe(why) : "")}",
    };

    private static void PrintIssues(TextWriter output, string title, int count, IReadOnlyList<ValidationIssue> issues, bool truncated, string indent, ReportLanguage language)
    {
        if (count == 0)
        {
            return;
        }

        output.WriteLine(Invariant($"{indent}  {title} ({count}):"));
        foreach (var issue in issues)
        {
            // Reports stored before every issue had an Indonesian text fall back to the English one.
            var message = language == ReportLanguage.Indonesian ? issue.MessageId ?? issue.Message : issue.Message;
            output.WriteLine($"{indent}    {TerminalText.Safe(Position(issue)),-9} {TerminalText.Safe(issue.Code),-24} {TerminalText.Safe(message)}");
        }

        if (truncated && issues.Count < count)
        {
            output.WriteLine(Invariant($"{indent}    … {count - issues.Count} {language.Pick("more not listed", "lainnya tidak ditampilkan")}"));
        }
    }

    /// <summary><c>row/cell</c> as Excel shows it (<c>7/D7</c>), <c>1</c> for the header, <c>file</c> for the file as a whole.</summary>
    public static string Position(ValidationIssue issue) => issue.Row switch
    {
        0 => "file",
        var row when issue.Cell is { } cell => Invariant($"{row}/{cell}"),
        var row => row.ToString(CultureInfo.InvariantCulture),
    };

    private static string Delimiter(string? delimiter) => delimiter switch
    {
        null => "?",
        "\t" => "tab",
        var d => $"'{TerminalText.Safe(d)}'",
    };
}
