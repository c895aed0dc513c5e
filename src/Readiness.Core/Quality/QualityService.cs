using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Validation;

namespace Readiness.Core.Quality;

/// <summary>
/// Runs the data-quality checks on the stored values and keeps the <c>qualityflags</c> table current: after an
/// import for the regency-years it changed, and for a whole year on <c>readiness quality run</c>.
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
    public async Task<IReadOnlyList<QualityFinding>> CheckAfterImportAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckAsync(years, regencyCodes, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Quality checks of {Regencies} in {Years} failed; run 'readiness quality run' to catch up", string.Join(',', regencyCodes ?? []), string.Join(',', years));
            return [];
        }
    }

    /// <summary>Checks <paramref name="regencyCodes"/> (every regency when null) in each of <paramref name="years"/>
    /// and stores their flags, replacing the earlier ones.</summary>
    /// <remarks>The checked regencies are read with their whole history (their own outliers); the other regencies'
    /// values of the year (the peers) come from <see cref="PeerSnapshots"/> while it is fresh, so an import of one
    /// regency reads one partition, not 514. A check of every regency reads everything and renews the snapshot.</remarks>
    public async Task<IReadOnlyList<QualityFinding>> CheckAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var all = data.Registry.Regencies.Select(r => r.Code).ToList();
        var targets = new HashSet<string>(regencyCodes ?? all, StringComparer.Ordinal);
        var version = data.Catalog.Version;
        var findings = new List<QualityFinding>();
        foreach (var year in years.Distinct().Order())
        {
            var readAt = clock.GetUtcNow();
            var peers = regencyCodes is null ? null : peerSnapshots.Get(year, version, options.Value.PeerSnapshotMaxAge);
            // The targets' whole history (for their own outliers), and, without a fresh snapshot, every other
            // regency's year (for the peers).
            var toRead = peers is null ? all : [.. all.Where(targets.Contains)];
            var read = new RegencyYears[toRead.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, toRead.Count),
                new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var code = toRead[i];
                    var rows = new List<Observation>();
                    await foreach (var observation in observations.ReadAsync(code, targets.Contains(code) ? null : year, ct))
                    {
                        if (observation.Period.Year <= year)
                        {
                            rows.Add(observation);
                        }
                    }

                    read[i] = RegencyYears.From(code, rows, data.Catalog);
                });
            var regencies = read.ToList();
            if (peers is null)
            {
                peerSnapshots.Put(year, version, regencies, readAt);
            }
            else
            {
                peerSnapshots.Update(year, version, regencies);
                regencies.AddRange(peers.Where(p => !targets.Contains(p.Key)).Select(p => RegencyYears.OfOneYear(p.Key, year, p.Value)));
            }

            var found = QualityCheck.Run(data.Catalog, year, regencies, targets);
            await flags.ReplaceAsync(year, targets, found, clock.GetUtcNow(), cancellationToken);
            findings.AddRange(found);
        }

        logger.LogInformation("Quality checks of {Regencies} regencies in {Years}: {Findings} findings", targets.Count, string.Join(',', years), findings.Count);
        return findings;
    }

    /// <summary>The open flags of a year (see <see cref="IQualityFlagStore.ReadAsync"/>).</summary>
    public Task<IReadOnlyList<QualityFinding>> ReadAsync(int year, string? provinceCode, string? regencyCode, CancellationToken cancellationToken) =>
        flags.ReadAsync(year, provinceCode, regencyCode, cancellationToken);

    /// <summary>A finding as a warning of an upload's report, positioned on the file as a whole (it is about
    /// stored values, not one cell).</summary>
    public static ValidationIssue ToWarning(QualityFinding finding) => new()
    {
        Code = finding.Code,
        Message = $"{finding.RegencyCode} {finding.Year}: {finding.Message}",
        MessageId = $"{finding.RegencyCode} {finding.Year}: {finding.MessageIndonesian}",
        Value = QualityMessages.En(finding.Value),
    };
}
