using System.Globalization;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.Cli.Output;

/// <summary>Human-readable forms of the validation report and the import summary. <c>--json</c> prints the report itself.</summary>
internal static class ReportPrinter
{
    /// <summary>The whole report: verdict, how the file was read, counts, then every listed error and warning.</summary>
    public static void PrintReport(TextWriter output, string name, ValidationReport report, string indent = "")
    {
        output.WriteLine($"{indent}{name}: {(report.Valid ? "valid" : "INVALID")}");
        output.WriteLine(report.FileType is { } workbook
            ? Invariant($"{indent}  format {report.Format ?? "?"}, {workbook} workbook, sheet {report.Sheet ?? "?"}, locale {report.Locale ?? "typed cells"}")
            : Invariant($"{indent}  format {report.Format ?? "?"}, delimiter {Delimiter(report.Delimiter)}, encoding {report.Encoding ?? "?"}, locale {report.Locale ?? "?"}"));
        output.WriteLine(Invariant($"{indent}  rows {report.Rows}, values {report.Values}, accepted {report.Accepted}, rejected {report.Rejected}"));
        PrintIssues(output, "errors", report.ErrorCount, report.Errors, report.Truncated, indent);
        PrintIssues(output, "warnings", report.WarningCount, report.Warnings, report.Truncated, indent);
    }

    /// <summary>The import summary of one file, with its errors (warnings are counted; <c>validate</c> lists them).</summary>
    public static void PrintImport(TextWriter output, string name, ImportResult result, bool withIssues = true)
    {
        var upload = result.Upload;
        var regency = upload.RegencyCode == ImportRequest.AllRegencies ? "all regencies" : $"regency {upload.RegencyCode}";
        output.WriteLine($"{name}: {Status(result)} ({regency}, {upload.Mode.Name()}{(upload.DryRun ? ", dry run" : "")})");
        output.WriteLine($"  upload {upload.UploadId}");
        output.WriteLine(Invariant($"  rows {upload.Rows}, values {upload.Values}: imported {upload.Imported}, updated {upload.Updated}, unchanged {upload.Unchanged}, rejected rows {upload.Rejected}; {upload.Errors} errors, {upload.Warnings} warnings"));
        if (upload.Years.Count > 0)
        {
            output.WriteLine($"  years to rescore: {string.Join(", ", upload.Years)}");
        }

        if (withIssues)
        {
            PrintIssues(output, "errors", result.Report.ErrorCount, result.Report.Errors, result.Report.Truncated, "");
        }
    }

    public static string Status(ImportResult result) => result.Outcome switch
    {
        ImportOutcome.Accepted when result.Upload.DryRun => "validated (dry run, nothing stored)",
        ImportOutcome.Accepted when result.Report.Valid => "stored",
        ImportOutcome.Accepted => "stored in part (partial mode)",
        ImportOutcome.Queued => "queued for background processing",
        ImportOutcome.Invalid => "REJECTED (invalid, nothing stored)",
        ImportOutcome.TooLarge => "REJECTED (too large)",
        _ => $"FAILED{(result.Upload.Failure is { } why ? ": " + why : "")}",
    };

    private static void PrintIssues(TextWriter output, string title, int count, IReadOnlyList<ValidationIssue> issues, bool truncated, string indent)
    {
        if (count == 0)
        {
            return;
        }

        output.WriteLine(Invariant($"{indent}  {title} ({count}):"));
        foreach (var issue in issues)
        {
            output.WriteLine($"{indent}    {Position(issue),-9} {issue.Code,-24} {issue.Message}");
        }

        if (truncated && issues.Count < count)
        {
            output.WriteLine(Invariant($"{indent}    … {count - issues.Count} more not listed"));
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
        var d => $"'{d}'",
    };
}
