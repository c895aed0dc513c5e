using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Core.Scoring;

/// <summary>What a recompute did.</summary>
public sealed record RecomputeResult(IReadOnlyList<int> Years, int RegenciesScored, int RowsWritten)
{
    /// <summary>Years asked for that have no score at all (no observations): not published.</summary>
    public IReadOnlyList<int> Unscored { get; init; } = [];

    /// <summary>The Power BI model's files, written again when a year was ranked (whatever asked for it).</summary>
    public IReadOnlyList<string> PowerBiFiles { get; init; } = [];
}

/// <summary>A score with what explains it: its indicators, and the dimension weights it was computed with when known.</summary>
public sealed record ExplainedScore(RegencyScore Score, IReadOnlyDictionary<Dimension, double>? DimensionWeights)
{
    /// <summary>The regency-year's open data-quality flags: the indicators they name are marked.</summary>
    public IReadOnlyList<Quality.QualityFinding> QualityFlags { get; init; } = [];

    /// <summary>The explanation document of the API and the CLI's <c>--json</c>.</summary>
    public ScoreExplanation ToDocument() => ScoreExplanation.From(Score, DimensionWeights, QualityFlags);
}

/// <summary>What a province filter names.</summary>
public enum ProvinceCheck
{
    Known,

    /// <summary>Not two digits.</summary>
    Malformed,

    /// <summary>Well formed, but no regency of the registry is in it.</summary>
    Unknown,
}

/// <summary>
/// The scoring use cases: incremental rescoring after an upload, full recomputation, ranking as its own step over a
/// year's partition, and the read side (ranked tables, a regency's history, the indicator-level explanation).
/// Reproducible from the stored observations and the catalog alone.
/// </summary>
public sealed class ScoreService(
    IObservationStore observations,
    IScoreStore scores,
    IScoreExports exports,
    IScoreRequests requests,
    IReferenceData referenceData,
    TimeProvider clock,
    ILogger<ScoreService> logger,
    IUploadStore? uploads = null,
    Quality.IQualityFlagStore? qualityFlags = null,
    PowerBiExportService? powerBi = null,
    IReviewStore? reviews = null)
{
    /// <summary>The review state of every regency-year of <paramref name="year"/> ever acted on (one query): what a
    /// score's <see cref="RegencyScore.Status"/> is derived from when it is written or ranked.</summary>
    private async Task<IReadOnlyDictionary<string, Review.ReviewState>> ReviewStatesAsync(int year, CancellationToken cancellationToken) =>
        reviews is null
            ? new Dictionary<string, Review.ReviewState>(StringComparer.Ordinal)
            : await reviews.StatesAsync(year, cancellationToken);

    /// <summary>Regency-years an unfinished upload may have half-written: their scores stay as they were until it
    /// ends (the upload marks the year changed again then, so rescoring follows).</summary>
    private async Task<PendingRegencyYears> PendingAsync(CancellationToken cancellationToken) =>
        uploads is null ? PendingRegencyYears.None : await PendingRegencyYears.ReadAsync(uploads, cancellationToken);

    /// <summary>
    /// The queue path. A request for some regencies scores just those and asks for a delayed re-rank of the years; a
    /// rank-only request re-ranks a year unless a re-rank already ran after its last scoring, so a burst of uploads
    /// in one year costs one re-rank. A request without regencies recomputes its years whole.
    /// </summary>
    public Task<RecomputeResult> HandleAsync(ScoreRequest request, CancellationToken cancellationToken) =>
        MeasuredAsync(request.RankOnly ? "rank" : request.Regencies.Count == 0 ? "recompute" : "regencies", () => HandleCoreAsync(request, cancellationToken));

    private async Task<RecomputeResult> HandleCoreAsync(ScoreRequest request, CancellationToken cancellationToken)
    {
        if (request.RankOnly)
        {
            var ranked = new List<int>();
            var written = 0;
            var states = (await scores.ReadYearStatesAsync(cancellationToken)).ToDictionary(s => s.Year);
            foreach (var year in request.Years.Distinct().Order())
            {
                if (states.TryGetValue(year, out var state) && state.ComputedAt >= state.ScoredAt)
                {
                    logger.LogInformation("Re-rank of {Year} skipped: already ranked after its last scoring", year);
                    continue;
                }

                written += await RankYearAsync(year, cancellationToken);
                ranked.Add(year);
            }

            return new RecomputeResult(ranked, 0, written) { PowerBiFiles = ranked.Count > 0 ? await PublishModelAsync(cancellationToken) : [] };
        }

        if (request.Regencies.Count == 0 || await CatalogChangedAsync(request.Years, cancellationToken))
        {
            return await RecomputeCoreAsync(request.Years, cancellationToken);
        }

        var data = await referenceData.GetAsync(cancellationToken);
        var pending = await PendingAsync(cancellationToken);
        var rows = 0;
        var scored = 0;
        foreach (var year in request.Years.Distinct().Order())
        {
            var stored = (await scores.ReadYearAsync(year, cancellationToken)).ToDictionary(s => s.RegencyCode, StringComparer.Ordinal);
            var states = await ReviewStatesAsync(year, cancellationToken);
            var fresh = new List<RegencyScore>();
            var gone = new List<string>();
            foreach (var code in request.Regencies.Distinct(StringComparer.Ordinal))
            {
                if (!data.Registry.TryGetByCode(code, out var regency) || pending.Contains(code, year))
                {
                    continue;
                }

                var score = await ScoreAsync(regency, year, data.Catalog, cancellationToken);
                if (score is null)
                {
                    gone.Add(code);
                }
                else
                {
                    // Ranks and trend stay as they were until the year's re-rank; the status follows the review now.
                    score = score with { Status = ScoreStatuses.Of(states, code) };
                    fresh.Add(stored.TryGetValue(code, out var old) ? score with { NationalRank = old.NationalRank, ProvinceRank = old.ProvinceRank, PeerRank = old.PeerRank, Trend = old.Trend } : score);
                }
            }

            if (gone.Count > 0)
            {
                await scores.DeleteAsync(year, gone, cancellationToken);
            }

            rows += await scores.WriteAsync(fresh, clock.GetUtcNow(), cancellationToken);
            await scores.MarkScoredAsync(year, clock.GetUtcNow(), cancellationToken);
            scored += fresh.Count;
        }

        await requests.RequestAsync(new ScoreRequest(request.Years, [], request.Reason, RankOnly: true), cancellationToken);
        return new RecomputeResult([.. request.Years.Distinct().Order()], scored, rows);
    }

    /// <summary>Recomputes every regency of the registry for <paramref name="years"/> (null: every year that has
    /// observations), reading each regency's observations once.</summary>
    public Task<RecomputeResult> RecomputeAsync(IReadOnlyCollection<int>? years, CancellationToken cancellationToken) =>
        MeasuredAsync("recompute", () => RecomputeCoreAsync(years, cancellationToken));

    /// <summary>A score computation in its own span, its duration and rows written recorded by kind.</summary>
    private static async Task<RecomputeResult> MeasuredAsync(string kind, Func<Task<RecomputeResult>> compute)
    {
        using var activity = Telemetry.ReadinessTelemetry.ActivitySource.StartActivity("score " + kind);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await compute();
        activity?.SetTag("readiness.score.years", string.Join(",", result.Years));
        Telemetry.ReadinessTelemetry.ScoresComputed(kind, System.Diagnostics.Stopwatch.GetElapsedTime(started), result.RowsWritten);
        return result;
    }

    private async Task<RecomputeResult> RecomputeCoreAsync(IReadOnlyCollection<int>? years, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var pending = await PendingAsync(cancellationToken);
        var wanted = years?.ToHashSet();
        var byYear = new ConcurrentDictionary<int, ConcurrentBag<RegencyScore>>();
        await Parallel.ForEachAsync(data.Registry.Regencies, new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken }, async (regency, ct) =>
        {
            var history = new List<Observation>();
            var year = wanted is { Count: 1 } ? wanted.First() : (int?)null;
            await foreach (var observation in observations.ReadAsync(regency.Code, year, ct))
            {
                history.Add(observation);
            }

            foreach (var group in history.GroupBy(o => o.Period.Year))
            {
                if ((wanted is null || wanted.Contains(group.Key)) && !pending.Contains(regency.Code, group.Key))
                {
                    var score = ScoreCalculator.ScoreRegency(regency, group.Key, group, data.Catalog);
                    if (score.IndicatorsReported > 0)
                    {
                        byYear.GetOrAdd(group.Key, _ => []).Add(score);
                    }
                }
            }
        });

        var allYears = (wanted ?? []).Union(byYear.Keys).Order().ToList();
        var written = 0;
        foreach (var year in allYears)
        {
            var fresh = byYear.TryGetValue(year, out var bag) ? bag.ToList() : [];
            var stale = (await scores.ReadYearAsync(year, cancellationToken)).Select(s => s.RegencyCode).Except(fresh.Select(f => f.RegencyCode)).Where(code => !pending.Contains(code, year)).ToList();
            written += await RankAndWriteAsync(year, fresh, stale, data.Catalog, cancellationToken);
        }

        logger.LogInformation("Recomputed {Years} year(s): {Regencies} regency scores, {Rows} rows written", allYears.Count, byYear.Values.Sum(b => b.Count), written);
        return new RecomputeResult(allYears, byYear.Values.Sum(b => b.Count), written)
        {
            Unscored = [.. allYears.Where(y => !byYear.ContainsKey(y))],
            PowerBiFiles = byYear.IsEmpty ? [] : await PublishModelAsync(cancellationToken),
        };
    }

    /// <summary>The Power BI model follows the ranked tables: the CLI, the HTTP recompute, the queue's re-rank and the
    /// nightly timer all end here, so it is never older than the scores.</summary>
    private async Task<IReadOnlyList<string>> PublishModelAsync(CancellationToken cancellationToken)
    {
        if (powerBi is null)
        {
            return [];
        }

        var files = await powerBi.ExportAsync(cancellationToken);
        logger.LogInformation("Power BI model: {Files} Parquet files written", files.Count);
        return files;
    }

    /// <summary>Re-ranks a year from its stored scores (after the previous year changed, or on request).</summary>
    public async Task<int> RankYearAsync(int year, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        return await RankAndWriteAsync(year, [], [], data.Catalog, cancellationToken, followNextYear: false);
    }

    /// <summary>Years the nightly run must recompute: observations changed after the last computation, or the
    /// catalog changed since; every year with <paramref name="all"/>.</summary>
    public async Task<IReadOnlyList<int>> DueYearsAsync(bool all, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var states = await scores.ReadYearStatesAsync(cancellationToken);
        return [.. states.Where(s => all || s.ComputedAt is null || s.ChangedAt > s.ComputedAt || s.CatalogVersion != data.Catalog.Version).Select(s => s.Year).Order()];
    }

    public Task<IReadOnlyList<RegencyScore>> YearAsync(int year, string? provinceCode, CancellationToken cancellationToken) =>
        YearAsync(year, provinceCode, null, cancellationToken);

    /// <summary>A year's ranked table, of one province and of one <see cref="ScoreStatus"/> when given (ranks stay
    /// national: a final-only table keeps each row's rank among all scored regencies).</summary>
    public async Task<IReadOnlyList<RegencyScore>> YearAsync(int year, string? provinceCode, ScoreStatus? status, CancellationToken cancellationToken)
    {
        var rows = await scores.ReadYearAsync(year, cancellationToken);
        return [.. rows.Where(r => (provinceCode is null || r.ProvinceCode == provinceCode) && (status is null || r.Status == status)).OrderBy(r => r.NationalRank).ThenBy(r => r.RegencyCode, StringComparer.Ordinal)];
    }

    public Task<IReadOnlyList<RegencyScore>> RegencyAsync(string regencyCode, CancellationToken cancellationToken) =>
        scores.ReadRegencyAsync(regencyCode, cancellationToken);

    /// <summary>A regency's year with its indicator breakdown, and the catalog's dimension weights when the score was
    /// computed with the catalog in use (another version's weights would not explain it); null without a score.</summary>
    public async Task<ExplainedScore?> ExplainAsync(string regencyCode, int year, CancellationToken cancellationToken)
    {
        var score = await scores.ReadWithIndicatorsAsync(year, regencyCode, cancellationToken);
        if (score is null)
        {
            return null;
        }

        var catalog = (await referenceData.GetAsync(cancellationToken)).Catalog;
        return new ExplainedScore(score, catalog.Version == score.CatalogVersion ? catalog.DimensionWeights : null)
        {
            QualityFlags = qualityFlags is null ? [] : await qualityFlags.ReadAsync(year, null, regencyCode, cancellationToken),
        };
    }

    /// <summary>Whether <paramref name="provinceCode"/> can filter a score table: two digits, and the province of
    /// some regency of the registry.</summary>
    public async Task<ProvinceCheck> CheckProvinceAsync(string provinceCode, CancellationToken cancellationToken)
    {
        if (!RegencyRegistry.IsProvinceCode(provinceCode))
        {
            return ProvinceCheck.Malformed;
        }

        var registry = (await referenceData.GetAsync(cancellationToken)).Registry;
        return registry.Regencies.Any(r => r.ProvinceCode == provinceCode) ? ProvinceCheck.Known : ProvinceCheck.Unknown;
    }

    /// <summary>A year computed with another catalog version must be recomputed whole, not patched.</summary>
    private async Task<bool> CatalogChangedAsync(IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var states = await scores.ReadYearStatesAsync(cancellationToken);
        return states.Any(s => years.Contains(s.Year) && s.CatalogVersion is not null && s.CatalogVersion != data.Catalog.Version);
    }

    private async Task<RegencyScore?> ScoreAsync(Regency regency, int year, IndicatorCatalog catalog, CancellationToken cancellationToken)
    {
        var history = new List<Observation>();
        await foreach (var observation in observations.ReadAsync(regency.Code, year, cancellationToken))
        {
            history.Add(observation);
        }

        var score = ScoreCalculator.ScoreRegency(regency, year, history, catalog);
        return score.IndicatorsReported > 0 ? score : null;
    }

    /// <summary>Merges fresh scores into the year's stored ones, ranks the whole year, writes what changed, and
    /// re-ranks the following year when its trends depend on this one.</summary>
    private async Task<int> RankAndWriteAsync(int year, IReadOnlyList<RegencyScore> fresh, IReadOnlyCollection<string> gone, IndicatorCatalog catalog, CancellationToken cancellationToken, bool followNextYear = true)
    {
        // Taken before reading, so scoring that lands while we rank is seen as newer and ranked again.
        var now = clock.GetUtcNow();
        var stored = await scores.ReadYearAsync(year, cancellationToken);
        var states = await ReviewStatesAsync(year, cancellationToken);
        var merged = stored.Where(s => !gone.Contains(s.RegencyCode) && !fresh.Any(f => f.RegencyCode == s.RegencyCode)).Concat(fresh)
            .Select(s => s with { Status = ScoreStatuses.Of(states, s.RegencyCode) })
            .ToList();
        var previous = (await scores.ReadYearAsync(year - 1, cancellationToken)).ToDictionary(s => s.RegencyCode, s => s.Overall, StringComparer.Ordinal);
        var ranked = merged.Count == 0 ? [] : Ranking.Rank(merged, previous);
        if (gone.Count > 0)
        {
            await scores.DeleteAsync(year, gone, cancellationToken);
        }

        var written = await scores.WriteAsync(ranked, now, cancellationToken);
        if (ranked.Count > 0)
        {
            // The exports hold exactly what the table holds, each row's computation time included.
            await exports.ExportAsync(year, await YearAsync(year, null, cancellationToken), cancellationToken);
        }
        else
        {
            // A year with no scores is never published (nor left with an earlier, now stale, export).
            await exports.RemoveAsync(year, cancellationToken);
        }

        await scores.MarkComputedAsync(year, catalog.Version, now, cancellationToken);
        var overallChanged = fresh.Count > 0 || gone.Count > 0;
        if (followNextYear && overallChanged && (await scores.ReadYearAsync(year + 1, cancellationToken)).Count > 0)
        {
            written += await RankAndWriteAsync(year + 1, [], [], catalog, cancellationToken, followNextYear: false);
        }

        return written;
    }
}
