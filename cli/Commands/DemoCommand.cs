using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Core.Validation;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness demo</c>: the whole pipeline on the sample files, against a local Azurite it starts (and stops) itself
/// when none is running: ingestion, then scoring, the ranked table of the latest year and the HTML report.
/// Re-runnable: a second run stores nothing new and reports every value unchanged.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The regency whose stored rows the demo prints: the messy Excel export's.</summary>
    private const string ShowcaseRegency = "13.07";

    public const string ReportFileName = "report.html";

    public static Command Create()
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "Run against this storage account instead. Default: the local Azurite (UseDevelopmentStorage=true), started from " +
                "node_modules/.bin/azurite with its data in .azurite/ when nothing listens on 127.0.0.1:10000-10002, and stopped at the end.",
            HelpName = "CONN",
        };
        var outDirectory = new Option<DirectoryInfo?>("--out")
        {
            Description = "Where to write report.html. Default: out/ of the repository (git-ignored).",
            HelpName = "DIR",
        };
        var national = new Option<bool>("--national")
        {
            Description = "Run the whole pipeline for the 514 regencies of the national registry instead of samples/, on a deterministic " +
                "synthetic dataset (every regency × indicator × 2021–2024, the years to 2022 under the former codes of the 2022 Papua split), " +
                "ending with the national table, the HTML report and the Power BI model.",
        };
        var registryFile = new Option<FileInfo?>("--registry")
        {
            Description = "With --national: the registry CSV. Default: ../shared/data/registry-2025.csv beside the repository, when it exists.",
            HelpName = "FILE",
        };
        var prefix = CommonOptions.StoragePrefix();
        var command = new Command(
            "demo",
            "Run the pipeline end to end on samples/: start Azurite if needed, create the tables, load samples/registry.csv and the default " +
            "catalog, ingest every other samples/*.csv in name order, show each import summary and the full report of the invalid sample, " +
            "print what was stored, then score every year, print the ranked table of the latest year and write the self-contained HTML " +
            "report out/report.html (sortable, filterable ranking, province summary, distribution of each dimension; Indonesian with English). With --national, the 514 regencies of the national registry on a synthetic dataset instead. A file named PP.RR-….csv (13.07-lima-puluh-kota-2024.csv) is ingested as that regency's upload " +
            "(like ingest --regency 13.07); other files as multi-regency files; a name containing 'invalid' is expected to be rejected. " +
            "Run it again and every value is reported unchanged.");
        command.Options.Add(connection);
        command.Options.Add(outDirectory);
        command.Options.Add(national);
        command.Options.Add(registryFile);
        command.Validators.Add(result =>
        {
            if (result.GetValue(registryFile) is not null && !result.GetValue(national))
            {
                result.AddError("--registry goes with --national: the plain demo always uses samples/registry.csv.");
            }
        });
        command.Options.Add(prefix);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var root = RepositoryLocator.Require("The demo");
            var reportPath = Path.Combine(parseResult.GetValue(outDirectory)?.FullName ?? Path.Combine(root, "out"), ReportFileName);
            var conn = parseResult.GetValue(connection) ?? StorageAccount.Development;
            FileInfo? nationalRegistry = null;
            if (parseResult.GetValue(national))
            {
                nationalRegistry = parseResult.GetValue(registryFile) ?? new FileInfo(Path.Combine(SharedData.DirectoryOf(root), SharedData.NationalRegistryFile));
                if (!nationalRegistry.Exists)
                {
                    throw new CliException(
                        $"The national demo needs the national registry, and {nationalRegistry.FullName} does not exist. Pass --registry FILE (a registry CSV with the 514 regencies), or put registry-2025.csv in ../shared/data beside the repository.",
                        ExitCodes.Usage);
                }
            }

            AzuriteProcess? started = null;
            if (Pipeline.IsLocalDevelopment(conn))
            {
                started = await EnsureAzuriteAsync(root, console, cancellationToken);
            }

            try
            {
                if (nationalRegistry is not null)
                {
                    var account = await Pipeline.OpenAsync(conn, parseResult.GetValue(prefix), cancellationToken);
                    return await NationalDemo.RunAsync(account, nationalRegistry, reportPath, console.Out, cancellationToken);
                }

                return await RunAsync(root, conn, parseResult.GetValue(prefix), reportPath, console, cancellationToken);
            }
            finally
            {
                if (started is not null)
                {
                    var pid = started.Pid;
                    await started.DisposeAsync();
                    console.Out.WriteLine(Invariant($"Stopped the Azurite this demo started (pid {pid})."));
                }
            }
        });
        return command;
    }

    private static async Task<AzuriteProcess?> EnsureAzuriteAsync(string root, CliConsole console, CancellationToken cancellationToken)
    {
        var listening = await LocalAzurite.ListeningPortsAsync(cancellationToken);
        if (listening.Count == LocalAzurite.Ports.Count)
        {
            console.Out.WriteLine("Using the Azurite already listening on 127.0.0.1:10000-10002 (left running).");
            return null;
        }

        if (listening.Count > 0)
        {
            throw new CliException(
                $"Something already listens on 127.0.0.1:{string.Join(", ", listening)} but not on all of 10000-10002, so Azurite cannot start there. " +
                "Stop that process, or start Azurite yourself ('npm run azurite'), or pass --connection.",
                ExitCodes.Failure);
        }

        console.Out.WriteLine("Starting Azurite (node_modules/.bin/azurite on 127.0.0.1, data in .azurite/)…");
        var azurite = await LocalAzurite.StartAsync(root, console.Error, cancellationToken);
        console.Out.WriteLine(Invariant($"Azurite is listening (pid {azurite.Pid})."));
        return azurite;
    }

    private static async Task<int> RunAsync(string root, string connection, string? prefix, string reportPath, CliConsole console, CancellationToken cancellationToken)
    {
        var output = console.Out;
        var samples = Path.Combine(root, "samples");
        var account = await Pipeline.OpenAsync(connection, prefix, cancellationToken);
        output.WriteLine("Storage ready: tables, blob containers and queues exist.");

        await using var services = Pipeline.BuildServices(account);
        var reference = services.GetRequiredService<ReferenceDataService>();
        var registry = LocalReference.ReadRegistry(new FileInfo(Path.Combine(samples, SampleFiles.RegistryFileName)));
        output.WriteLine(Invariant($"Loaded {await reference.ReplaceRegistryAsync(registry, cancellationToken)} regencies from samples/{SampleFiles.RegistryFileName} into the regencies table."));
        var catalog = CatalogFile.Default;
        output.WriteLine(Invariant($"Loaded catalog {catalog.Version} ({await reference.ReplaceCatalogAsync(catalog, cancellationToken)} indicators) into the indicators table."));

        var import = services.GetRequiredService<ImportService>();
        var files = SampleFiles.List(samples);
        var surprises = new List<string>();
        var rejected = new List<(string Name, ValidationReport Report)>();
        int imported = 0, updated = 0, unchanged = 0;
        output.WriteLine();
        output.WriteLine(Invariant($"Ingesting {files.Count} sample files:"));
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var regency = SampleFiles.RegencyOf(file.Name) is { } code ? LocalReference.ResolveRegency(registry, code, RegencyScheme.Kemendagri) : null;
            output.WriteLine();
            output.WriteLine(Invariant($"[{i + 1}/{files.Count}] {file.Name} → {(regency is null ? "multi-regency file" : "upload for regency " + regency.Code)}"));
            ImportResult result;
            await using (var stream = CommonOptions.OpenRead(file))
            {
                result = await import.ImportAsync(new ImportRequest { Regency = regency, FileName = file.Name, Source = UploadSource.Cli }, stream, cancellationToken);
            }

            var wasRejected = result.Outcome != ImportOutcome.Accepted;
            ReportPrinter.PrintImport(output, file.Name, result, withIssues: !wasRejected);
            if (wasRejected)
            {
                output.WriteLine("  (its full report follows the last file)");
                rejected.Add((file.Name, result.Report));
            }

            (imported, updated, unchanged) = (imported + result.Upload.Imported, updated + result.Upload.Updated, unchanged + result.Upload.Unchanged);

            if (wasRejected != SampleFiles.ExpectedInvalid(file.Name))
            {
                surprises.Add($"{file.Name} was {(wasRejected ? "rejected" : "accepted")}, which the sample's name does not expect");
            }
        }

        foreach (var (name, report) in rejected)
        {
            output.WriteLine();
            output.WriteLine($"The full validation report of {name} (what the HTTP API returns with 422):");
            ReportPrinter.PrintReport(output, name, report, "  ");
        }

        output.WriteLine();
        await PrintStoredAsync(output, services.GetRequiredService<IObservationStore>(), registry, cancellationToken);

        output.WriteLine();
        output.WriteLine(Invariant($"Totals: {imported} values imported, {updated} updated, {unchanged} unchanged; {rejected.Count} file(s) rejected."));
        if (imported == 0 && updated == 0 && unchanged > 0)
        {
            output.WriteLine("Nothing changed: the samples were already stored, so every value is reported unchanged.");
        }

        output.WriteLine();
        if (!await ScoreAsync(output, services.GetRequiredService<ScoreService>(), catalog, reportPath, cancellationToken))
        {
            surprises.Add("the samples gave no readiness scores");
        }

        if (surprises.Count > 0)
        {
            foreach (var surprise in surprises)
            {
                console.Error.WriteLine($"error: {surprise}.");
            }

            return ExitCodes.Invalid;
        }

        output.WriteLine("Demo finished: every sample did what its name says.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Recomputes every year (<see cref="ScoreService.RecomputeAsync"/>), prints the ranked table of the latest year
    /// with scores and writes it as the HTML report. False when no year has scores.
    /// </summary>
    private static async Task<bool> ScoreAsync(TextWriter output, ScoreService scores, IndicatorCatalog catalog, string reportPath, CancellationToken cancellationToken)
    {
        var recomputed = await scores.RecomputeAsync(null, cancellationToken);
        output.WriteLine(Invariant(
            $"Scored every year with observations ({string.Join(", ", recomputed.Years)}): {recomputed.RegenciesScored} regency scores, {recomputed.RowsWritten} rows written to the scores and indicatorscores tables."));
        foreach (var year in recomputed.Years.OrderDescending())
        {
            var ranked = await scores.YearAsync(year, null, cancellationToken);
            if (ranked.Count == 0)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine(Invariant($"Readiness {year}, ranked (overall and dimensions 0–100, catalog {catalog.Version}; trend against {year - 1}):"));
            ScorePrinter.PrintRanking(output, ranked);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
                await File.WriteAllTextAsync(reportPath, ScoreReport.ToHtml(year, ranked, catalog, DateTimeOffset.UtcNow), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot write {reportPath}: {e.Message}", ExitCodes.Failure);
            }

            output.WriteLine();
            output.WriteLine($"Wrote the HTML report (sortable, filterable ranking, province summary, distribution of each dimension): {reportPath}");
            output.WriteLine(Invariant($"Explore further: readiness scores --year {year} --csv · readiness explain --regency {ranked[0].RegencyCode} --year {year} · readiness completeness --year {year}"));
            return true;
        }

        return false;
    }

    /// <summary>What the observations table holds now: rows per regency, then the showcase regency's first rows.</summary>
    private static async Task PrintStoredAsync(TextWriter output, IObservationStore store, RegencyRegistry registry, CancellationToken cancellationToken)
    {
        output.WriteLine("Stored in the observations table (PartitionKey = regency, RowKey = period|indicator):");
        output.WriteLine($"  {"regency",-7}  {"name",-34}  {"rows",5}  periods");
        var showcase = new List<Observation>();
        var total = 0;
        foreach (var regency in registry.Regencies)
        {
            var rows = new List<Observation>();
            await foreach (var observation in store.ReadAsync(regency.Code, null, cancellationToken))
            {
                rows.Add(observation);
            }

            if (rows.Count == 0)
            {
                continue;
            }

            total += rows.Count;
            var periods = rows.Select(r => r.Period).Distinct().Order().ToList();
            var span = periods.Count == 1 ? periods[0].ToString() : $"{periods[0]} … {periods[^1]} ({periods.Count} periods)";
            output.WriteLine(Invariant($"  {regency.Code,-7}  {regency.Name,-34}  {rows.Count,5}  {span}"));
            if (regency.Code == ShowcaseRegency)
            {
                showcase = rows;
            }
        }

        output.WriteLine(Invariant($"  {total} rows in all."));
        if (showcase.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"First rows of {ShowcaseRegency} as stored (from the Excel export with ';', decimal commas and month names):");
            output.WriteLine($"  {"RowKey",-16}  {"value",10}  {"unit",-20}  note");
            foreach (var row in showcase.OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(10))
            {
                output.WriteLine($"  {row.RowKey,-16}  {NumberParser.Format(row.Value),10}  {row.Unit ?? "",-20}  {row.Note ?? ""}".TrimEnd());
            }
        }
    }
}
