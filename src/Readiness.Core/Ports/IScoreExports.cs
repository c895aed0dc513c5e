using Readiness.Core.Scoring;

namespace Readiness.Core.Ports;

/// <summary>Flat files of a year's scores for analysts whose tables outgrow the Table connector (CSV and Parquet).</summary>
public interface IScoreExports
{
    Task ExportAsync(int year, IReadOnlyList<RegencyScore> ranked, CancellationToken cancellationToken);
}
