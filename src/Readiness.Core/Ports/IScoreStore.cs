using Readiness.Core.Scoring;

namespace Readiness.Core.Ports;

/// <summary>When a year's scores were last computed, and with which catalog; when its observations last changed.</summary>
/// <param name="ScoredAt">When regency scores of the year were last written without ranking (queue path).</param>
public sealed record YearState(int Year, DateTimeOffset? ChangedAt, DateTimeOffset? ComputedAt, string? CatalogVersion, DateTimeOffset? ScoredAt = null);

/// <summary>The score tables: <c>scores</c> (one row per regency and year) and <c>indicatorscores</c> (one row per
/// indicator of a regency's year), and the bookkeeping of which years are due.</summary>
public interface IScoreStore
{
    /// <summary>A year's regency scores, without their indicator breakdown.</summary>
    Task<IReadOnlyList<RegencyScore>> ReadYearAsync(int year, CancellationToken cancellationToken);

    /// <summary>Every year's score of one regency, without the indicator breakdown.</summary>
    Task<IReadOnlyList<RegencyScore>> ReadRegencyAsync(string regencyCode, CancellationToken cancellationToken);

    /// <summary>One regency's year with its indicator breakdown.</summary>
    Task<RegencyScore?> ReadWithIndicatorsAsync(int year, string regencyCode, CancellationToken cancellationToken);

    /// <summary>A year's scores, each with its indicators (a key range of <c>indicatorscores</c>).</summary>
    Task<IReadOnlyList<RegencyScore>> ReadYearWithIndicatorsAsync(int year, CancellationToken cancellationToken);

    /// <summary>Writes scores (and, when they carry them, their indicator rows); rows whose content is unchanged
    /// are left as they are, so recomputing twice leaves identical tables.</summary>
    Task<int> WriteAsync(IReadOnlyList<RegencyScore> scores, DateTimeOffset computedAt, CancellationToken cancellationToken);

    /// <summary>Removes the scores of regencies that no longer have any observation in the year.</summary>
    Task DeleteAsync(int year, IReadOnlyCollection<string> regencyCodes, CancellationToken cancellationToken);

    Task<IReadOnlyList<YearState>> ReadYearStatesAsync(CancellationToken cancellationToken);

    Task MarkChangedAsync(IReadOnlyCollection<int> years, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the year was ranked (and so is complete) at <paramref name="at"/>.</summary>
    Task MarkComputedAsync(int year, string catalogVersion, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that some regency scores of the year were written and the year awaits ranking.</summary>
    Task MarkScoredAsync(int year, DateTimeOffset at, CancellationToken cancellationToken);
}
