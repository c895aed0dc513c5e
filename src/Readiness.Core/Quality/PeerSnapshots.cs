using System.Collections.Concurrent;
using Readiness.Core.Scoring;

namespace Readiness.Core.Quality;

/// <summary>The data-quality checks' options, bound from the <see cref="ReadinessSettings.Section"/> section.</summary>
public sealed class QualityOptions
{
    /// <summary>How long a year's peer values read from storage serve the checks after an import before they are read
    /// again (<c>Readiness__PeerSnapshotMaxAge</c>). The importing regencies' own values are always read fresh; the
    /// peers' only move the fences of 514 regencies, which one upload elsewhere barely shifts.</summary>
    public TimeSpan PeerSnapshotMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Per year, every regency's yearly values of that year (the peers of the outlier check), kept in memory so that the
/// checks after a one-regency import read that regency, not the 514. Refreshed from storage when older than
/// <see cref="QualityOptions.PeerSnapshotMaxAge"/> or made with another catalog; the checked regencies' values are
/// put in after every check, so this process's own imports keep it current. Thread-safe.
/// </summary>
public sealed class PeerSnapshots(TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, Snapshot> _years = new();

    /// <summary>The year's peer values by regency, or null when there is none fresh enough for the catalog.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, AggregatedValue>>? Get(int year, string catalogVersion, TimeSpan maxAge) =>
        _years.TryGetValue(year, out var snapshot) && snapshot.CatalogVersion == catalogVersion && clock.GetUtcNow() - snapshot.ReadAt <= maxAge
            ? snapshot.Values
            : null;

    /// <summary>Replaces the year's snapshot with values just read from storage.</summary>
    public void Put(int year, string catalogVersion, IEnumerable<RegencyYears> regencies, DateTimeOffset readAt)
    {
        var values = new ConcurrentDictionary<string, IReadOnlyDictionary<string, AggregatedValue>>(StringComparer.Ordinal);
        foreach (var regency in regencies)
        {
            values[regency.RegencyCode] = regency.Of(year);
        }

        _years[year] = new Snapshot(catalogVersion, readAt, values);
    }

    /// <summary>Puts freshly read regencies' values of the year into its snapshot, if there is one.</summary>
    public void Update(int year, string catalogVersion, IEnumerable<RegencyYears> regencies)
    {
        if (_years.TryGetValue(year, out var snapshot) && snapshot.CatalogVersion == catalogVersion)
        {
            foreach (var regency in regencies)
            {
                snapshot.Values[regency.RegencyCode] = regency.Of(year);
            }
        }
    }

    private sealed record Snapshot(string CatalogVersion, DateTimeOffset ReadAt, ConcurrentDictionary<string, IReadOnlyDictionary<string, AggregatedValue>> Values);
}
