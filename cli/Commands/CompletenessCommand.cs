using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core;
using Readiness.Core.Completeness;
using Readiness.Core.Registry;
using Readiness.Core.Review;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness completeness --year Y</c>: who has reported what and who has submitted the year, on time or late
/// (<see cref="CompletenessService.ReportAsync"/>), every regency of the registry, those that reported nothing first,
/// then the reporting rate and timeliness per province and nationally.
/// </summary>
internal static class CompletenessCommand
{
    public static readonly string[] CsvColumns =
        ["Year", "RegencyCode", "RegencyName", "ProvinceCode", "Status", "IndicatorsReported", "IndicatorsMissing", "Share", "MissingIndicators", "OpenFlags", "ReviewState", "SubmittedAt", "Timeliness", "ReportingProvinceCode"];

    public static Command Create()
    {
        var year = CommonOptions.Year("The reporting year.");
        var regency = CommonOptions.StoredRegency("Only this regency: a Kemendagri code such as 13.07, or a name.", required: false);
        var province = new Option<string?>("--province")
        {
            Description = "Only the regencies that belonged to this province in the year (two-digit Kemendagri code, such as 13; Merauke is in 91 until 2022, in 93 from 2023).",
            HelpName = "PP",
        };
        province.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !RegencyRegistry.IsProvinceCode(text))
            {
                result.AddError($"--province '{text}' is not a two-digit Kemendagri province code, such as 13.");
            }
        });
        var json = CommonOptions.Json("Print what GET /api/completeness answers: year, count, regencies[] (reported[], missing[], share, reviewState, submittedAt, timeliness) and reporting (national, provinces[]).");
        var csv = CommonOptions.Csv("Print the rows as CSV (missing indicator codes separated by '|'), formula-injection safe.");
        var command = new Command(
            "completeness",
            "Show, for every regency of the registry, which catalog indicators it has and has not reported for a year (data-set " +
            "completeness, as in DHIS2): regencies that reported nothing first, then the least complete, with the missing indicator " +
            "codes, each regency's review state and whether it submitted on time, a totals line, and the reporting rate and " +
            "timeliness per province and nationally (expected, submitted, on time, late, not submitted, data but not submitted).");
        command.Options.Add(year);
        command.Options.Add(regency);
        command.Options.Add(province);
        command.Options.Add(json);
        command.Options.Add(csv);
        var storage = StorageOptions.AddTo(command);
        CommonOptions.Exclusive(command, json, csv);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            var selectedProvince = parseResult.GetValue(province);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = parseResult.GetValue(regency) is { } text
                ? (await StoredReference.ResolveRegencyAsync(services, text, cancellationToken))!.Code
                : null;
            if (selectedProvince is not null && await services.GetRequiredService<ScoreService>().CheckProvinceAsync(selectedProvince, cancellationToken) != ProvinceCheck.Known)
            {
                throw new CliException($"--province '{selectedProvince}': no regency of the registry is in that province.");
            }

            var report = await services.GetRequiredService<CompletenessService>().ReportAsync(selectedYear, selectedProvince, code, null, cancellationToken);
            var rows = report.Regencies
                .OrderBy(r => r.Reported.Count == 0 ? 0 : 1)
                .ThenBy(r => r.Share)
                .ThenBy(r => r.RegencyCode, StringComparer.Ordinal)
                .ToList();
            if (rows.Count == 0 && selectedProvince is null)
            {
                throw new CliException("The regencies table is empty: there is no regency to report on. Run 'readiness registry import FILE' first.");
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, report);
            }
            else if (parseResult.GetValue(csv))
            {
                WriteCsv(console.Out, rows);
            }
            else
            {
                Print(console.Out, selectedYear, rows);
                PrintReporting(console.Out, report.Reporting);
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

    /// <summary>How the text table names a row's timeliness.</summary>
    public static string Timeliness(RegencyCompleteness row) => row.Timeliness switch
    {
        SubmissionTimeliness.OnTime => "on time",
        SubmissionTimeliness.Late => "LATE",
        SubmissionTimeliness.NotJudged => "not judged",
        _ => row.Submissions > 0 ? "returned" : "–",
    };

    private static void Print(TextWriter output, int year, IReadOnlyList<RegencyCompleteness> rows)
    {
        if (rows.Count == 0)
        {
            output.WriteLine(Invariant($"Reporting completeness {year}: no regency of the registry was in that province in {year}."));
            return;
        }

        var total = rows[0].Reported.Count + rows[0].Missing.Count;
        output.WriteLine(Invariant($"Reporting completeness {year}: {total} catalog indicators per regency."));
        var table = new TextTable(new("code"), new("regency"), TextColumn.Number("reported"), TextColumn.Number("missing"), TextColumn.Number("share"), new("status"), new("review"), new("submitted"), new("missing indicators"));
        foreach (var row in rows)
        {
            table.Add(
                row.RegencyCode,
                row.RegencyName,
                Invariant($"{row.Reported.Count}"),
                Invariant($"{row.Missing.Count}"),
                ScorePrinter.Percent(row.Share),
                Status(row),
                row.ReviewState?.ToString() ?? "Open",
                Timeliness(row),
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

    /// <summary>The reporting rate and timeliness: the window or why timeliness is not judged, one line per province
    /// (as it was in the year) and the total.</summary>
    private static void PrintReporting(TextWriter output, ReportingSummary reporting)
    {
        output.WriteLine();
        output.WriteLine(reporting.Calendar is { } window
            ? Invariant($"Reporting rate {reporting.Year} (review submissions; due {ReportingPeriod.Format(window.Due)} WIB, closes {ReportingPeriod.Format(window.Closes)}):")
            : Invariant($"Reporting rate {reporting.Year} (review submissions; no reporting calendar: timeliness not judged):"));
        var table = new TextTable(new("province"), new("name"), TextColumn.Number("expected"), TextColumn.Number("submitted"), TextColumn.Number("rate"),
            TextColumn.Number("on time"), TextColumn.Number("late"), TextColumn.Number("on-time rate"), TextColumn.Number("not submitted"),
            TextColumn.Number("data, not submitted"), TextColumn.Number("returned"));
        foreach (var figures in reporting.Provinces.Append(reporting.National))
        {
            table.Add(
                figures.ProvinceCode ?? "all",
                figures.ProvinceName ?? (reporting.Provinces.Count == 1 ? "" : Invariant($"{reporting.Provinces.Count} provinces")),
                Invariant($"{figures.Expected}"),
                Invariant($"{figures.Submitted}"),
                Rate(figures.Rate),
                figures.OnTime is { } onTime ? Invariant($"{onTime}") : "n/a",
                figures.Late is { } late ? Invariant($"{late}") : "n/a",
                Rate(figures.OnTimeRate),
                Invariant($"{figures.NotSubmitted}"),
                Invariant($"{figures.DataNotSubmitted}"),
                Invariant($"{figures.Returned}"));
        }

        table.Write(output);
        output.WriteLine(reporting.Timeliness.Message);
    }

    private static string Rate(double? rate) => rate is { } r ? ScorePrinter.Percent(r) : "n/a";

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
            writer.WriteField(row.ReviewState?.ToString());
            writer.WriteField(row.SubmittedAt?.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteField(row.Timeliness is { } timeliness ? JsonNamingOf(timeliness) : null);
            writer.WriteField(row.ReportingProvinceCode);
            writer.EndRecord();
        }

        writer.Flush();
    }

    /// <summary>The name JSON gives a timeliness (<c>on-time</c>), so the CSV and the API say the same.</summary>
    private static string JsonNamingOf(SubmissionTimeliness timeliness) => System.Text.Json.JsonSerializer.Serialize(timeliness, WebJson.Options).Trim('"');
}
