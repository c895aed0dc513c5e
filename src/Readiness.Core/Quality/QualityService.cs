using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Validation;

namespace Readiness.Core.Quality;

/// <summary>
/// Runs the data-quality checks on the stored values and keeps the <c>qualityflags</c> table current: after an
/// import for the regency-years it changed (and their later years), for a whole year on <c>readiness quality run</c>,
/// and, storing nothing, for a dry run on the stored values overlaid with the upload's.
/// </summary>
public sealed class QualityService(
    IObservationStore observations,
    IQualityFlagStore flags,
    IReferenceData referenceData,
    PeerSnapshots peerSnapshots,
    IOptions<QualityOptions> options,
    TimeProvider clock,
    ILogger<QualityService> logger) : IQualityChecks
{
    public async Task<IReadOnlyList<QualityFinding>> CheckAfterImportAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, int readParallelism, CancellationToken cancellationToken)
    {
        try
        {
            return ForReport(await RunAsync(years, regencyCodes, null, readParallelism, cancellationToken), years);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Quality checks of {Regencies} in {Years} failed; run 'readiness quality run' to catch up", string.Join(',', regencyCodes ?? []), string.Join(',', years));
            return [];
        }
    }

    public async Task<IReadOnlyList<QualityFinding>> CheckUploadAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string> regencyCodes, Func<string, IEnumerable<Observation>> uploadedOf, int readParallelism, CancellationToken cancellationToken)
    {
        if (years.Count == 0 || regencyCodes.Count == 0)
        {
            return [];
        }

        try
        {
            return ForReport(await RunAsync(years, regencyCodes, uploadedOf, readParallelism, cancellationToken), years);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Quality checks of the dry run of {Regencies} in {Years} failed", string.Join(',', regencyCodes), string.Join(',', years));
            return [];
        }
    }

    /// <summary>Checks <paramref name="regencyCodes"/> (every regency when null) in each of <paramref name="years"/>,
    /// and in every later year they have stored values for (their history includes the years checked), and stores
    /// their flags, replacing the earlier ones. Returns every finding of every year checked.</summary>
    public Task<IReadOnlyList<QualityFinding>> CheckAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, CancellationToken cancellationToken) =>
        RunAsync(years, regencyCodes, null, PartitionReads.Parallelism, cancellationToken);

    /// <summary>What an upload's report shows of the findings: all of the years it changed, and of the later years
    /// those against the history (the only ones whose evidence the upload moved).</summary>
    private static List<QualityFinding> ForReport(IReadOnlyList<QualityFinding> findings, IReadOnlyCollection<int> years) =>
        [.. findings.Where(f => years.Contains(f.Year) || f.Basis is FindingBasis.History or FindingBasis.Previous)];

    /// <summary>The one path of every check.</summary>
    /// <param name="uploaded">A dry run's values of a regency, laid over the stored ones; then nothing is stored
    /// (neither the flags nor the peer snapshot).</param>
    /// <remarks>The checked regencies are read once with their whole history (their own outliers, and the later years
    /// to check again); the other regencies' values of each year (the peers) come from <see cref="PeerSnapshots"/>
    /// while it is fresh, so an import of one regency reads one partition, not 514. A check of every regency reads
    /// everything and renews the snapshot.</remarks>
    private async Task<IReadOnlyList<QualityFinding>> RunAsync(
        IReadOnlyCollection<int> years,
        IReadOnlyCollection<string>? regencyCodes,
        Func<string, IEnumerable<Observation>>? uploaded,
        int readParallelism,
        CancellationToken cancellationToken)
    {
        if (years.Count == 0)
        {
            return [];
        }

        var store = uploaded is null;
        var data = await referenceData.GetAsync(cancellationToken);
        var all = data.Registry.Regencies.Select(r => r.Code).ToList();
        var targets = new HashSet<string>(regencyCodes ?? all, StringComparer.Ordinal);
        var version = data.Catalog.Version;
        var readAt = clock.GetUtcNow();
        var histories = await ReadValuesAsync([.. all.Where(targets.Contains)], null, uploaded, data.Catalog, readParallelism, cancellationToken);
        var first = years.Min();
        var later = histories.SelectMany(h => h.ByYear.Keys).Where(y => y > first && !years.Contains(y));
        var findings = new List<QualityFinding>();
        foreach (var year in years.Concat(later).Distinct().Order())
        {
            // A year the import changed: every target (a corrected value clears its flag); a later year: the targets
            // with values in it.
            IReadOnlySet<string> checkedHere = years.Contains(year)
                ? targets
                : histories.Where(h => h.ByYear.ContainsKey(year)).Select(h => h.RegencyCode).ToHashSet(StringComparer.Ordinal);
            var regencies = new List<RegencyYears>(histories);
            if (regencyCodes is null)
            {
                if (store)
                {
                    peerSnapshots.Put(year, version, histories, readAt);
                }
            }
            else if (peerSnapshots.Get(year, version, options.Value.PeerSnapshotMaxAge) is { } peers)
            {
                if (store)
                {
                    peerSnapshots.Update(year, version, histories);
                }

                regencies.AddRange(peers.Where(p => !targets.Contains(p.Key)).Select(p => RegencyYears.OfOneYear(p.Key, year, p.Value)));
            }
            else
            {
                var yearRead = clock.GetUtcNow();
                var others = await ReadValuesAsync([.. all.Where(c => !targets.Contains(c))], year, null, data.Catalog, readParallelism, cancellationToken);
                regencies.AddRange(others);
                if (store)
                {
                    peerSnapshots.Put(year, version, regencies, yearRead);
                }
            }

            var found = QualityCheck.Run(data.Catalog, year, regencies, checkedHere);
            if (store)
            {
                await flags.ReplaceAsync(year, checkedHere, found, clock.GetUtcNow(), cancellationToken);
            }

            findings.AddRange(found);
        }

        logger.LogInformation("Quality checks{DryRun} of {Regencies} regencies in {Years} and their later years: {Findings} findings", store ? "" : " (dry run)", targets.Count, string.Join(',', years), findings.Count);
        return findings;
    }

    /// <summary>The regencies' values (of one year, or their whole history when <paramref name="year"/> is null),
    /// with <paramref name="uploaded"/>'s laid over them by row key (asked for as each partition is read).</summary>
    private async Task<RegencyYears[]> ReadValuesAsync(
        IReadOnlyList<string> codes,
        int? year,
        Func<string, IEnumerable<Observation>>? uploaded,
        IndicatorCatalog catalog,
        int parallelism,
        CancellationToken cancellationToken)
    {
        var read = new RegencyYears[codes.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, codes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var code = codes[i];
                var rows = new List<Observation>();
                await foreach (var observation in observations.ReadAsync(code, year, ct))
                {
                    rows.Add(observation);
                }

                if (uploaded is not null)
                {
                    var byKey = rows.ToDictionary(o => o.RowKey, StringComparer.Ordinal);
                    foreach (var observation in uploaded(code).Where(o => year is null || o.Period.Year == year))
                    {
                        byKey[observation.RowKey] = observation;
                    }

                    rows = [.. byKey.Values];
                }

                read[i] = RegencyYears.From(code, rows, catalog);
            });
        return read;
    }

    /// <summary>The open flags of a year (see <see cref="IQualityFlagStore.ReadAsync"/>).</summary>
    public Task<IReadOnlyList<QualityFinding>> ReadAsync(int year, string? provinceCode, string? regencyCode, CancellationToken cancellationToken) =>
        flags.ReadAsync(year, provinceCode, regencyCode, cancellationToken);

    /// <summary>A finding as a warning of an upload's report, positioned on the file as a whole (it is about
    /// stored values, not one cell), with its evidence as fields.</summary>
    public static ValidationIssue ToWarning(QualityFinding finding) => new()
    {
        Code = finding.Code,
        Message = $"{finding.RegencyCode} {finding.Year}: {finding.Message}",
        MessageId = $"{finding.RegencyCode} {finding.Year}: {finding.MessageIndonesian}",
        Value = QualityMessages.En(finding.Value),
        Regency = finding.RegencyCode,
        Year = finding.Year,
        Basis = finding.Basis.ToString().ToLowerInvariant(),
        Indicators = finding.IndicatorCodes,
        Observed = finding.Value,
        Rule = finding.Basis == FindingBasis.Rule ? finding.Subject : null,
        Importance = finding.Importance?.ToString().ToLowerInvariant(),
        Right = finding.Basis == FindingBasis.Rule ? finding.Reference : null,
        Median = finding.Basis == FindingBasis.History ? finding.Reference : null,
        Mad = finding.Mad,
        ModifiedZ = finding.Basis == FindingBasis.History ? finding.Statistic : null,
        LowerFence = finding.LowerFence,
        UpperFence = finding.UpperFence,
        PreviousValue = finding.Basis == FindingBasis.Previous ? finding.Reference : null,
        PreviousYear = finding.PreviousYear,
        Ratio = finding.Basis == FindingBasis.Previous ? finding.Statistic : null,
    };
}
