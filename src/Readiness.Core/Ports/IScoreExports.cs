using Readiness.Core.Scoring;

namespace Readiness.Core.Ports;

/// <summary>Flat files of a year's scores for analysts whose tables outgrow the Table connector (CSV and Parquet).</summary>
public interface IScoreExports
{
    /// <summary>Publishes a year's ranked scores (never empty).</summary>
    Task ExportAsync(int year, IReadOnlyList<RegencyScore> ranked, CancellationToken cancellationToken);

    /// <summary>Withdraws a year's export files, when the year has no scores any more.</summary>
    Task RemoveAsync(int year, CancellationToken cancellationToken);
}
