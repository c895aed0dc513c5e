using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Completeness;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness completeness --year Y</c>: who has reported what (<see cref="CompletenessService.ForYearAsync"/>),
/// every regency of the registry, those that reported nothing first.
/// </summary>
internal static class CompletenessCommand
{
    public static readonly string[] CsvColumns =
        ["Year", "RegencyCode", "RegencyName", "ProvinceCode", "Status", "IndicatorsReported", "IndicatorsMissing", "Share", "MissingIndicators", "OpenFlags"];

    public static Command Create()
    {
        var year = CommonOptions.Year("The reporting year.");
        var regency = CommonOptions.StoredRegency("Only this regency: a Kemendagri code such as 13.07, or a name.", required: false);
        var json = CommonOptions.Json("Print the rows as a JSON array (regencyCode, regencyName, provinceCode, year, reported[], missing[], share).");
        var csv = CommonOptions.Csv("Print the rows as CSV (missing indicator codes separated by '|'), formula-injection safe.");
        var command = new Command(
            "completeness",
            "Show, for every regency of the registry, which catalog indicators it has and has not reported for a year (data-set " +
            "completeness, as in DHIS2): regencies that reported nothing first, then the least complete, with the missing indicator " +
            "codes and a totals line, so the ministry sees who has not reported.");
        command.Options.Add(year);
        command.Options.Add(regency);
        command.Options.Add(json);
        command.Options.Add(csv);
        var storage = StorageOptions.AddTo(command);
        CommonOptions.Exclusive(command, json, csv);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = parseResult.GetValue(regency) is { } text
                ? (await StoredReference.ResolveRegencyAsync(services, text, cancellationToken))!.Code
                : null;
            var rows = (await services.GetRequiredService<CompletenessService>().ForYearAsync(selectedYear, code, cancellationToken))
                .OrderBy(r => r.Reported.Count == 0 ? 0 : 1)
                .ThenBy(r => r.Share)
                .ThenBy(r => r.RegencyCode, StringComparer.Ordinal)
                .ToList();
            if (rows.Count == 0)
            {
                throw new CliException("The regencies table is empty: there is no regency to report on. Run 'readiness registry import FILE' first.");
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, rows);
            }
            else if (parseResult.GetValue(csv))
            {
                WriteCsv(console.Out, rows);
            }
            else
            {
                Print(console.Out, selectedYear, rows);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static string Status(RegencyCompleteness row) => row switch
    {
        { Pending: true } => "pending (upload being written)",
        { Reported.Count: 0 } => "NOTHING REPORTED",
        { Missing.Count: 0 } => "complete",
        _ => "partial",
    };

    private static void Print(TextWriter output, int year, IReadOnlyList<RegencyCompleteness> rows)
    {
        var total = rows[0].Reported.Count + rows[0].Missing.Count;
        output.WriteLine(Invariant($"Reporting completeness {year}: {total} catalog indicators per regency."));
        var table = new TextTable(new("code"), new("regency"), TextColumn.Number("reported"), TextColumn.Number("missing"), TextColumn.Number("share"), new("status"), new("missing indicators"));
        foreach (var row in rows)
        {
            table.Add(
                row.RegencyCode,
                row.RegencyName,
                Invariant($"{row.Reported.Count}"),
                Invariant($"{row.Missing.Count}"),
                ScorePrinter.Percent(row.Share),
                Status(row),
                row.Reported.Count == 0 ? Invariant($"all {row.Missing.Count}") : string.Join(" ", row.Missing));
        }

        table.Write(output);
        var nothing = rows.Count(r => r.Reported.Count == 0);
        var complete = rows.Count(r => !r.Pending && r.Reported.Count > 0 && r.Missing.Count == 0);
        var reported = rows.Sum(r => r.Reported.Count);
        var possible = rows.Sum(r => r.Reported.Count + r.Missing.Count);
        output.WriteLine(Invariant(
            $"Totals: {rows.Count} regencies: {complete} complete, {rows.Count - complete - nothing} partial, {nothing} reported nothing; {reported} of {possible} indicators reported ({ScorePrinter.Percent(possible == 0 ? 0 : (double)reported / possible)})."));
        var flagged = rows.Where(r => r.OpenFlags > 0).ToList();
        if (flagged.Count > 0)
        {
            output.WriteLine(Invariant(
                $"Open data-quality flags: {string.Join(", ", flagged.Select(r => Invariant($"{r.RegencyCode} ({r.OpenFlags})")))}; see 'readiness quality --year {year}'."));
        }
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<RegencyCompleteness> rows)
    {
        using var writer = CsvWriter.Create(output, ScoreCsv.SafeOptions, leaveOpen: true);
        writer.WriteRecord(CsvColumns);
        foreach (var row in rows)
        {
            writer.WriteField(row.Year);
            writer.WriteField(row.RegencyCode);
            writer.WriteField(row.RegencyName);
            writer.WriteField(row.ProvinceCode);
            writer.WriteField(Status(row));
            writer.WriteField(row.Reported.Count);
            writer.WriteField(row.Missing.Count);
            writer.WriteField(row.Share);
            writer.WriteField(string.Join("|", row.Missing));
            writer.WriteField(row.OpenFlags);
            writer.EndRecord();
        }

        writer.Flush();
    }
}
