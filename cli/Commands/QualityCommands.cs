using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Quality;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness quality --year Y [--regency …|--province …]</c>: the open data-quality flags (<see cref="QualityService.ReadAsync"/>);
/// <c>readiness quality run --year Y</c>: every regency-year of the year, and of the later years with values (whose
/// history it is), checked again on the stored values (<see cref="QualityService.CheckAsync"/>), replacing their flags.
/// </summary>
internal static class QualityCommands
{
    public static readonly string[] CsvColumns =
    [
        "Year", "RegencyCode", "Code", "Basis", "Subject", "Indicators", "Value", "Importance", "Reference", "Mad", "LowerFence",
        "UpperFence", "PreviousYear", "Statistic", "Message", "MessageIndonesian",
    ];

    public static Command Create()
    {
        var year = CommonOptions.Year("The reporting year.");
        var regency = CommonOptions.StoredRegency("Only this regency: a Kemendagri code such as 13.07, or a name.", required: false);
        var province = new Option<string?>("--province")
        {
            Description = "Only this province: its two-digit code, such as 13.",
            HelpName = "PP",
        };
        province.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (text.Length != 2 || !text.All(char.IsAsciiDigit)))
            {
                result.AddError($"--province '{text}' harus kode provinsi dua digit, misalnya --province 13 (must be a two-digit province code).");
            }
        });
        var json = CommonOptions.Json("Print the flags as a JSON array (every field, the message in English and Indonesian).");
        var csv = CommonOptions.Csv("Print the flags as CSV, one row per flag with every column, formula-injection safe.");
        var lang = ReportLanguages.Option();
        var command = new Command(
            "quality",
            "Show the open data-quality flags of a year: validation rules across indicators that a regency-year breaks, outliers against " +
            "the regency's own history and against the other regencies, and values that look 1000 times too large or too small (a " +
            "thousands separator). Flags are warnings: they never block an upload, and a corrected value clears its flag.")
        {
            Run(),
        };
        command.Options.Add(year);
        command.Options.Add(regency);
        command.Options.Add(province);
        command.Options.Add(json);
        command.Options.Add(csv);
        command.Options.Add(lang);
        var storage = StorageOptions.AddTo(command);
        CommonOptions.Exclusive(command, json, csv);
        command.Validators.Add(result =>
        {
            if (result.GetResult(regency) is not null && result.GetResult(province) is not null)
            {
                result.AddError("--regency dan --province tidak dapat dipakai bersama (--regency and --province cannot be used together).");
            }
        });
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = parseResult.GetValue(regency) is { } text
                ? (await StoredReference.ResolveRegencyAsync(services, text, cancellationToken))!.Code
                : null;
            var flags = (await services.GetRequiredService<QualityService>().ReadAsync(selectedYear, parseResult.GetValue(province), code, cancellationToken))
                .OrderBy(f => f.RegencyCode, StringComparer.Ordinal)
                .ThenBy(f => f.Key, StringComparer.Ordinal)
                .ToList();
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, flags);
            }
            else if (parseResult.GetValue(csv))
            {
                WriteCsv(console.Out, flags);
            }
            else
            {
                Print(console.Out, selectedYear, flags, parseResult.GetValue(lang));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run()
    {
        var year = CommonOptions.Year("The reporting year to check again.");
        var lang = ReportLanguages.Option();
        var command = new Command(
            "run",
            "Check every regency-year of a year again on the stored values (rules and outliers against history and peers) and replace " +
            "their flags, and the later years that have values (the year is part of their history); after a catalog change, or to " +
            "catch up when a check after an upload could not run.");
        command.Options.Add(year);
        command.Options.Add(lang);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            var language = parseResult.GetValue(lang);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var all = await services.GetRequiredService<QualityService>().CheckAsync([selectedYear], null, cancellationToken);
            // The later years were checked again too: the year is part of their history.
            foreach (var byYear in all.GroupBy(f => f.Year).OrderBy(g => g.Key))
            {
                var (year, findings) = (byYear.Key, byYear.ToList());
                var regencies = findings.Select(f => f.RegencyCode).Distinct(StringComparer.Ordinal).Count();
                var (laterId, laterEn) = year == selectedYear ? ("", "") : (Invariant($" (tahun sesudah {selectedYear}, riwayatnya berubah)"), Invariant($" (a year after {selectedYear}, whose history it is)"));
                console.Out.WriteLine(language == ReportLanguage.Indonesian
                    ? Invariant($"Pemeriksaan kualitas data {year}{laterId}: {findings.Count} tanda terbuka di {regencies} kabupaten/kota.")
                    : Invariant($"Data-quality checks of {year}{laterEn}: {findings.Count} open flags in {regencies} regencies."));
            }

            if (!all.Any(f => f.Year == selectedYear))
            {
                console.Out.WriteLine(language == ReportLanguage.Indonesian
                    ? Invariant($"Pemeriksaan kualitas data {selectedYear}: 0 tanda terbuka di 0 kabupaten/kota.")
                    : Invariant($"Data-quality checks of {selectedYear}: 0 open flags in 0 regencies."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, int year, IReadOnlyList<QualityFinding> flags, ReportLanguage language)
    {
        if (flags.Count == 0)
        {
            output.WriteLine(language == ReportLanguage.Indonesian
                ? Invariant($"Tidak ada tanda kualitas data terbuka untuk {year}.")
                : Invariant($"No open data-quality flags for {year}."));
            return;
        }

        output.WriteLine(language == ReportLanguage.Indonesian
            ? Invariant($"Tanda kualitas data terbuka {year}: {flags.Count} di {flags.Select(f => f.RegencyCode).Distinct().Count()} kabupaten/kota.")
            : Invariant($"Open data-quality flags {year}: {flags.Count} in {flags.Select(f => f.RegencyCode).Distinct().Count()} regencies."));
        var table = new TextTable(
            new(language.Pick("code", "kode")), new(language.Pick("flag", "tanda")), new(language.Pick("about", "tentang")),
            TextColumn.Number(language.Pick("value", "nilai")), new(language.Pick("what to check", "yang perlu diperiksa")));
        foreach (var flag in flags)
        {
            table.Add(
                flag.RegencyCode,
                flag.Code,
                flag.Subject,
                flag.Value.ToString("0.###", CultureInfo.InvariantCulture),
                language == ReportLanguage.Indonesian ? flag.MessageIndonesian : flag.Message);
        }

        table.Write(output);
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<QualityFinding> flags)
    {
        using var writer = CsvWriter.Create(output, ScoreCsv.SafeOptions, leaveOpen: true);
        writer.WriteRecord(CsvColumns);
        foreach (var f in flags)
        {
            writer.WriteField(f.Year);
            writer.WriteField(f.RegencyCode);
            writer.WriteField(f.Code);
            writer.WriteField(f.Basis.ToString().ToLowerInvariant());
            writer.WriteField(f.Subject);
            writer.WriteField(f.Indicators);
            writer.WriteField(f.Value);
            writer.WriteField(f.Importance?.ToString().ToLowerInvariant());
            writer.WriteField(f.Reference);
            writer.WriteField(f.Mad);
            writer.WriteField(f.LowerFence);
            writer.WriteField(f.UpperFence);
            writer.WriteField(f.PreviousYear);
            writer.WriteField(f.Statistic);
            writer.WriteField(f.Message);
            writer.WriteField(f.MessageIndonesian);
            writer.EndRecord();
        }

        writer.Flush();
    }
}
