using Readiness.Core.Observations;

namespace Readiness.Core.Quality;

/// <summary>The open data-quality flags (<c>qualityflags</c> table), by year and regency.</summary>
public interface IQualityFlagStore
{
    /// <summary>Makes <paramref name="findings"/> the open flags of <paramref name="regencyCodes"/> in
    /// <paramref name="year"/>: flags no longer found (the value was corrected) are removed.</summary>
    Task ReplaceAsync(int year, IReadOnlyCollection<string> regencyCodes, IReadOnlyList<QualityFinding> findings, DateTimeOffset checkedAt, CancellationToken cancellationToken);

    /// <summary>The open flags of a year, optionally of one province (<c>13</c>) or one regency (<c>13.07</c>).</summary>
    Task<IReadOnlyList<QualityFinding>> ReadAsync(int year, string? provinceCode, string? regencyCode, CancellationToken cancellationToken);
}

/// <summary>The checks an import runs for the regency-years it changed (a port, so the import only calls them).</summary>
public interface IQualityChecks
{
    /// <summary>Checks and stores the flags of <paramref name="regencyCodes"/> in each of <paramref name="years"/>, and
    /// in their later stored years (whose history the change moved); returns the findings to add to the upload's
    /// report as warnings. Never fails the import: a check that cannot run is logged and returns nothing
    /// (<c>readiness quality run</c> catches up).</summary>
    /// <param name="readParallelism">Partitions read at once: the import's own partition parallelism, so a background
    /// import's checks hold no more histories at a time than its writes held partitions (issue 11's memory).</param>
    Task<IReadOnlyList<QualityFinding>> CheckAfterImportAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, int readParallelism, CancellationToken cancellationToken);

    /// <summary>The same checks for a dry run ("check only"): of <paramref name="regencyCodes"/> in
    /// <paramref name="years"/> and their later stored years, on the stored values overlaid with the upload's (by row
    /// key), in memory; stores nothing. Never fails the dry run. An implementation that only stores (a decorator of a
    /// test or the benchmark) may keep this default, which checks nothing.</summary>
    /// <param name="uploadedOf">A regency's values in the upload, asked for as its partition is read (so a national
    /// dry run holds only the partitions in flight as observations, not the whole file).</param>
    Task<IReadOnlyList<QualityFinding>> CheckUploadAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string> regencyCodes, Func<string, IEnumerable<Observation>> uploadedOf, int readParallelism, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QualityFinding>>([]);
}
