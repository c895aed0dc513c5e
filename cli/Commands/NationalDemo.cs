using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Storage;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness demo --national</c>: the whole pipeline for the 514 regencies of the national registry, on a
/// deterministic synthetic dataset (the same bytes every run, as the benchmark's): every regency × catalog indicator
/// × <see cref="Years"/>, the years up to 2022 under the former codes of the 26 regencies whose code changed, so the
/// run shows them becoming one series. Ends with the national table, the report and the Power BI model.
/// </summary>
internal static class NationalDemo
{
    public static readonly int[] Years = [2021, 2022, 2023, 2024];

    public static async Task<int> RunAsync(StorageAccount account, FileInfo registryFile, string reportPath, TextWriter output, CancellationToken cancellationToken)
    {
        await using var services = Pipeline.BuildServices(account);
        var registry = LocalReference.ReadRegistry(registryFile);
        var reference = services.GetRequiredService<ReferenceDataService>();
        output.WriteLine(Invariant($"Loaded {await reference.ReplaceRegistryAsync(registry, cancellationToken)} regencies from {registryFile.Name}: {registry.Summary()}."));
        var catalog = CatalogFile.Default;
        output.WriteLine(Invariant($"Loaded catalog {catalog.Version} ({await reference.ReplaceCatalogAsync(catalog, cancellationToken)} indicators)."));

        var csv = Dataset(registry, catalog);
        output.WriteLine(Invariant($"Generated the synthetic national file: {registry.Count} regencies × {catalog.Indicators.Count} indicators × {Years.Length} years ({Years[0]}–{Years[^1]}), {csv.Length / 1024:N0} KB; years up to 2022 use the {registry.FormerCodeCount} former codes."));
        ImportResult result;
        await using (var stream = new MemoryStream(csv))
        {
            result = await services.GetRequiredService<ImportService>().ImportAsync(
                new ImportRequest { FileName = "national-synthetic.csv", Source = UploadSource.Cli }, stream, cancellationToken);
        }

        ReportPrinter.PrintImport(output, "national-synthetic.csv", result, withIssues: false);
        if (result.Outcome != ImportOutcome.Accepted)
        {
            ReportPrinter.PrintReport(output, "national-synthetic.csv", result.Report, "  ");
            return ExitCodes.Invalid;
        }

        output.WriteLine(Invariant($"  {result.Report.Warnings.Count(w => w.Code == Core.Validation.ErrorCodes.RegencyCodeFormer)} former codes read as their successor (regency-code-former)."));
        var scores = services.GetRequiredService<ScoreService>();
        var recomputed = await scores.RecomputeAsync(null, cancellationToken);
        output.WriteLine(Invariant($"Scored {string.Join(", ", recomputed.Years)}: {recomputed.RegenciesScored} regency scores, {recomputed.RowsWritten} rows written."));
        output.WriteLine(Invariant($"Power BI model: {recomputed.PowerBiFiles.Count} Parquet files under exports/powerbi/ (infra/powerbi/README.md)."));

        var year = Years[^1];
        var ranked = await scores.YearAsync(year, null, cancellationToken);
        output.WriteLine();
        output.WriteLine(Invariant($"Readiness {year}, the national table ({ranked.Count} regencies and cities; overall and dimensions 0–100, catalog {catalog.Version}):"));
        ScorePrinter.PrintRanking(output, ranked);
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.WriteAllTextAsync(reportPath, ScoreReport.ToHtml(year, ranked, catalog, DateTimeOffset.UtcNow), cancellationToken);
        output.WriteLine();
        output.WriteLine($"Wrote the HTML report (sortable, filterable ranking, province summary, distribution of each dimension): {reportPath}");
        output.WriteLine("National demo finished.");
        return ExitCodes.Success;
    }

    /// <summary>The synthetic long CSV: a pure function of the registry and catalog.</summary>
    public static byte[] Dataset(RegencyRegistry registry, IndicatorCatalog catalog)
    {
        var text = new StringBuilder("regency_code,indicator_code,period,value\n");
        foreach (var regency in registry.Regencies)
        {
            // A regency-level capacity, so regencies differ as a whole and not only indicator by indicator.
            var capacity = Unit(regency.Code, "capacity", 0);
            foreach (var year in Years)
            {
                var code = regency.CodeIn(year);
                foreach (var indicator in catalog.Indicators)
                {
                    var u = (0.6 * capacity) + (0.4 * Unit(regency.Code, indicator.Code, year));
                    text.Append(CultureInfo.InvariantCulture, $"{code},{indicator.Code},{year},{Value(indicator, u)}\n");
                }
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Value(Indicator indicator, double u)
    {
        var culture = CultureInfo.InvariantCulture;
        if (indicator.IsBoolean)
        {
            return u > 0.4 ? "1" : "0";
        }

        var lo = indicator.Min ?? 0;
        var hi = indicator.Max ?? (indicator.Unit == IndicatorUnit.Level ? 5 : 100);
        var value = Math.Clamp(lo + (u * (hi - lo)), lo, hi);
        return indicator.Unit is IndicatorUnit.Count or IndicatorUnit.Level ? Math.Round(value).ToString(culture) : Math.Round(value, 1).ToString("0.0", culture);
    }

    /// <summary>A stable number in [0, 1) from the key (FNV-1a), the same on every machine.</summary>
    private static double Unit(string regency, string key, int year)
    {
        var hash = 2166136261u;
        foreach (var c in $"{regency}|{key}|{year}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (hash % 1_000_000) / 1_000_000.0;
    }
}
