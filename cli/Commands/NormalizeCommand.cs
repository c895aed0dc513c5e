using System.CommandLine;
using CsvHelper;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;

namespace Readiness.Cli.Commands;

/// <summary><c>readiness normalize FILE</c>: the file's values as canonical long CSV, the form they are stored in.</summary>
internal static class NormalizeCommand
{
    public static readonly string[] Header = ["regency_code", "indicator_code", "period", "value"];

    public static Command Create()
    {
        var reading = new FileReadingOptions();
        var json = CommonOptions.Json("When the file is invalid, print the report on stderr as JSON instead of the readable summary.");
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV to this file instead of stdout.", HelpName = "FILE" };
        var lang = ReportLanguages.Option();
        var command = new Command(
            "normalize",
            "Write a valid file's values as canonical long CSV (regency_code,indicator_code,period,value), sorted by regency, indicator " +
            "and period, with canonical periods (2024, 2024Q1, 2024-01), invariant shortest round-trip numbers and LF line endings. " +
            "An invalid file writes nothing: its report goes to stderr and the exit code is 1.");
        reading.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(output);
        command.Options.Add(lang);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var (reader, options, file) = reading.Bind(parseResult);
            var (report, values) = await reader.ReadAllAsync(() => CommonOptions.OpenRead(file), options, cancellationToken);
            if (!report.Valid)
            {
                if (parseResult.GetValue(json))
                {
                    console.Error.WriteLine(report.ToJson());
                }
                else
                {
                    ReportPrinter.PrintReport(console.Error, file.Name, report, language: parseResult.GetValue(lang));
                }

                return ExitCodes.Invalid;
            }

            values.Sort(Compare);
            if (parseResult.GetValue(output) is { } target)
            {
                try
                {
                    await using var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.Read);
                    await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    await WriteAsync(writer, values, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"Cannot write {target.FullName}: {e.Message}", ExitCodes.Failure);
                }

                console.Out.WriteLine($"Wrote {values.Count} values to {target.FullName}.");
            }
            else
            {
                await WriteAsync(console.Out, values, cancellationToken);
            }

            if (report.WarningCount > 0)
            {
                console.Error.WriteLine(parseResult.GetValue(lang).Pick(
                    $"{TerminalText.Safe(file.Name)}: valid with {report.WarningCount} warning(s); 'readiness validate' lists them.",
                    $"{TerminalText.Safe(file.Name)}: valid dengan {report.WarningCount} peringatan; 'readiness validate' menampilkan semuanya."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>By regency code, indicator code, then period in time order.</summary>
    public static int Compare(NormalizedValue a, NormalizedValue b)
    {
        var byRegency = string.CompareOrdinal(a.Regency.Code, b.Regency.Code);
        if (byRegency != 0)
        {
            return byRegency;
        }

        var byIndicator = string.CompareOrdinal(a.Indicator.Code, b.Indicator.Code);
        return byIndicator != 0 ? byIndicator : a.Period.CompareTo(b.Period);
    }

    /// <summary>
    /// Canonical CSV, safe to open in Excel: text cells that could run as a formula get a leading apostrophe
    /// (<see cref="CsvInjection.Escape"/>). Values are written as numbers, in <see cref="NumberParser.Format"/>'s form (invariant "R"),
    /// so a negative value stays <c>-3.5</c>: injection escaping applies to text only.
    /// </summary>
    public static async Task WriteAsync(TextWriter output, IEnumerable<NormalizedValue> values, CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.Escape };
        using (var writer = CsvWriter.Create(output, options, leaveOpen: true))
        {
            writer.WriteRecord(Header);
            foreach (var value in values)
            {
                writer.WriteField(value.Regency.Code);
                writer.WriteField(value.Indicator.Code);
                writer.WriteField(value.Period.ToString());
                // "R" with the writer's invariant culture is exactly NumberParser.Format; a number is never injection-escaped.
                writer.WriteField(value.Value, "R");
                await writer.EndRecordAsync(cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
