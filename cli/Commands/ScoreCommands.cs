using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness score</c> (recompute), <c>readiness scores</c> (a year's ranked table) and <c>readiness explain</c>
/// (one regency's year down to its indicators): thin verbs over <see cref="ScoreService"/>.
/// </summary>
internal static class ScoreCommands
{
    public static Command Score()
    {
        var years = CommonOptions.Years("Recompute this year (repeatable: --year 2023 --year 2024).");
        var all = new Option<bool>("--all") { Description = "Recompute every year that has observations." };
        var command = new Command(
            "score",
            "Recompute the readiness scores from the stored observations and the catalog, then rank each year: the given years, every " +
            "year with --all, or else the years that are due (observations changed since their last computation, or a new catalog " +
            "version). Writes the scores and indicatorscores tables, the exports/scores/{year}.csv, .xlsx and .parquet blobs and the Power BI star schema (exports/powerbi/). A year with no data is not published and exits 1.");
        command.Options.Add(years);
        command.Options.Add(all);
        var storage = StorageOptions.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(all) && result.GetValue(years) is { Length: > 0 })
            {
                result.AddError("--all and --year cannot be used together: --all recomputes every year.");
            }
        });
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var scores = services.GetRequiredService<ScoreService>();
            IReadOnlyCollection<int>? wanted = parseResult.GetValue(years) is { Length: > 0 } given ? [.. given.Distinct().Order()] : null;
            if (wanted is null && !parseResult.GetValue(all))
            {
                wanted = await scores.DueYearsAsync(false, cancellationToken);
                if (wanted.Count == 0)
                {
                    console.Out.WriteLine("Nothing to recompute: every year's scores are up to date. Use --year YYYY or --all to recompute anyway.");
                    return ExitCodes.Success;
                }

                console.Out.WriteLine($"Due: {string.Join(", ", wanted)}.");
            }

            var result = await scores.RecomputeAsync(wanted, cancellationToken);
            var scored = result.Years.Except(result.Unscored).ToList();
            if (scored.Count > 0)
            {
                console.Out.WriteLine(Invariant($"Recomputed {scored.Count} year(s): {string.Join(", ", scored)}; {result.RegenciesScored} regency scores, {result.RowsWritten} rows written."));
                console.Out.WriteLine(Invariant($"Power BI model: {result.PowerBiFiles.Count} Parquet files under exports/powerbi/ (infra/powerbi/README.md)."));
            }

            if (result.Unscored.Count > 0)
            {
                // Publishing an empty table would look like a year where every regency scored nothing.
                console.Error.WriteLine(Invariant($"No scores for {string.Join(", ", result.Unscored)}: no regency has observations in {(result.Unscored.Count == 1 ? "that year" : "those years")}, so nothing was published (no exports/scores/{result.Unscored[0]}.csv). Ingest that year's files first ('readiness ingest FILE'), or check the year."));
                return ExitCodes.Invalid;
            }

            if (result.Years.Count == 0)
            {
                console.Out.WriteLine("No year has observations: nothing was scored. Ingest files first ('readiness ingest FILE').");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Scores()
    {
        var year = CommonOptions.Year("The year to list.");
        var province = new Option<string?>("--province")
        {
            Description = "Only the regencies of this province (two-digit Kemendagri code, such as 13). Ranks stay national; the province rank is in --json and --csv.",
            HelpName = "PP",
        };
        province.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !RegencyRegistry.IsProvinceCode(text))
            {
                result.AddError($"--province '{text}' is not a two-digit Kemendagri province code, such as 13.");
            }
        });
        var finalOnly = new Option<bool>("--final-only")
        {
            Description = "Only the final scores: regency-years the ministry approved (Status final), the ones to publish. Ranks stay national. " +
                "Exit code 1 when the year has none (then nothing is printed, so no empty file is written).",
        };
        var json = CommonOptions.Json("Print the scores as a JSON array (the rows of GET /api/scores).");
        var csv = CommonOptions.Csv("Print the scores as CSV with the columns of the scores table (formula-injection safe), as GET /api/scores?format=csv.");
        var command = new Command(
            "scores",
            "Print a year's readiness scores, best first: national rank, regency, province, overall (0–100), readiness level, the six " +
            "dimension scores, coverage, the trend against the previous year and the status (final: the regency-year is approved; " +
            "provisional: not yet). Exit code 1 when the year has no scores (or, with --final-only, no final score).");
        command.Options.Add(year);
        command.Options.Add(province);
        command.Options.Add(finalOnly);
        command.Options.Add(json);
        command.Options.Add(csv);
        var storage = StorageOptions.AddTo(command);
        CommonOptions.Exclusive(command, json, csv);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            var selectedProvince = parseResult.GetValue(province);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var scores = services.GetRequiredService<ScoreService>();
            if (selectedProvince is not null && await scores.CheckProvinceAsync(selectedProvince, cancellationToken) != ProvinceCheck.Known)
            {
                throw new CliException($"--province '{selectedProvince}': no regency of the registry is in that province.");
            }

            var all = await scores.YearAsync(selectedYear, selectedProvince, cancellationToken);
            var where = selectedProvince is null ? "" : $" in province {selectedProvince}";
            if (all.Count == 0)
            {
                throw new CliException(
                    Invariant($"There are no scores for {selectedYear}{where}. Run 'readiness score --year {selectedYear}' after ingesting that year's files."),
                    ExitCodes.Invalid);
            }

            var rows = parseResult.GetValue(finalOnly) ? [.. all.Where(s => s.IsFinal)] : all;
            if (rows.Count == 0)
            {
                // An empty file would read as "published, nobody scored": say what is missing instead.
                throw new CliException(
                    Invariant($"No final scores for {selectedYear}{where}: none of its {all.Count} scored regencies is approved yet, so all are provisional and nothing was printed. ") +
                    Invariant($"A score becomes final when the ministry approves its regency-year ('readiness review list --year {selectedYear} --state Verified' shows what waits for approval). Leave out --final-only to see the provisional scores."),
                    ExitCodes.Invalid);
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, rows.Select(ScoreRow.From).ToList());
            }
            else if (parseResult.GetValue(csv))
            {
                await console.Out.WriteAsync(ScoreCsv.ToText(rows));
            }
            else
            {
                var of = selectedProvince is null ? "" : $", province {selectedProvince}";
                var final = all.Count(s => s.IsFinal);
                console.Out.WriteLine(parseResult.GetValue(finalOnly)
                    ? Invariant($"Readiness {selectedYear}{of}: {rows.Count} final scores (of {all.Count} regencies scored), catalog {rows[0].CatalogVersion}")
                    : Invariant($"Readiness {selectedYear}{of}: {rows.Count} regencies ({final} final, {rows.Count - final} provisional), catalog {rows[0].CatalogVersion}"));
                ScorePrinter.PrintRanking(console.Out, rows);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Explain()
    {
        var regency = CommonOptions.StoredRegency("The regency: a Kemendagri code such as 13.07, or a name (resolved through the regencies table).");
        var year = CommonOptions.Year("The year to explain.");
        var json = CommonOptions.Json("Print the explanation as JSON (what GET /api/regencies/{code}/scores/{year}/explain returns).");
        var command = new Command(
            "explain",
            "Explain a regency's readiness score for a year down to its inputs: per dimension, each indicator's aggregated value, its " +
            "score (0–1), its weight and the periods it came from; the indicators the regency did not report (each counts as 0); the " +
            "dimension scores and the overall. Exit code 1 when the regency has no score for the year.");
        command.Options.Add(regency);
        command.Options.Add(year);
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var selectedYear = parseResult.GetValue(year);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var found = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetRequiredValue(regency), cancellationToken))!;
            var explained = await services.GetRequiredService<ScoreService>().ExplainAsync(found.Code, selectedYear, cancellationToken)
                ?? throw new CliException(
                    Invariant($"{found} has no score for {selectedYear}: it reported no indicator for that year, or the year has not been scored yet ('readiness score --year {selectedYear}')."),
                    ExitCodes.Invalid);

            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, explained.ToDocument());
            }
            else
            {
                ScorePrinter.PrintExplanation(console.Out, explained.Score, explained.DimensionWeights, explained.QualityFlags);
            }

            return ExitCodes.Success;
        });
        return command;
    }

}
