using Readiness.Core.Ingestion;
using Readiness.Core.Ports;

namespace Readiness.Core.Completeness;

/// <summary>One regency's reporting for a year (DHIS2-style data-set completeness). <paramref name="Pending"/>: an
/// upload for it is still being written, so what is stored may be part of a file and is not yet its answer.</summary>
public sealed record RegencyCompleteness(
    string RegencyCode,
    string RegencyName,
    string ProvinceCode,
    int Year,
    IReadOnlyList<string> Reported,
    IReadOnlyList<string> Missing,
    double Share,
    bool Pending = false)
{
    /// <summary>The regency-year's open data-quality flags (<c>readiness quality</c> lists them).</summary>
    public int OpenFlags { get; init; }
}

/// <summary>Who has reported what for a year, over every regency of the registry, so the ministry sees who has
/// not reported.</summary>
public sealed class CompletenessService(IObservationStore observations, IReferenceData referenceData, IUploadStore uploads, Quality.IQualityFlagStore? qualityFlags = null)
{
    public async Task<IReadOnlyList<RegencyCompleteness>> ForYearAsync(int year, string? regencyCode, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var pending = await PendingRegencyYears.ReadAsync(uploads, cancellationToken);
        var regencies = data.Registry.Regencies.Where(r => regencyCode is null || r.Code == regencyCode).ToList();
        var flags = qualityFlags is null ? [] : await qualityFlags.ReadAsync(year, null, regencyCode, cancellationToken);
        var flagsByRegency = flags.CountBy(f => f.RegencyCode).ToDictionary(StringComparer.Ordinal);
        var results = new RegencyCompleteness[regencies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, regencies.Count), new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var observation in observations.ReadAsync(regencies[i].Code, year, ct))
            {
                reported.Add(observation.IndicatorCode);
            }

            var have = data.Catalog.Indicators.Where(ind => reported.Contains(ind.Code)).Select(ind => ind.Code).ToList();
            var missing = data.Catalog.Indicators.Where(ind => !reported.Contains(ind.Code)).Select(ind => ind.Code).ToList();
            var regency = regencies[i];
            results[i] = new RegencyCompleteness(regency.Code, regency.Name, regency.ProvinceCode, year, have, missing, data.Catalog.Indicators.Count == 0 ? 0 : (double)have.Count / data.Catalog.Indicators.Count, pending.Contains(regency.Code, year))
            {
                OpenFlags = flagsByRegency.GetValueOrDefault(regency.Code),
            };
        });

        return results;
    }
}
