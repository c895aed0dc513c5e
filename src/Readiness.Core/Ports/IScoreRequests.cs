namespace Readiness.Core.Ports;

/// <summary>Years to rescore, for some regencies (incremental, after an upload) or for all (empty list); or, with
/// <paramref name="RankOnly"/>, years to re-rank once the scoring of a burst of uploads has settled.</summary>
public sealed record ScoreRequest(IReadOnlyList<int> Years, IReadOnlyList<string> Regencies, string Reason, bool RankOnly = false);

/// <summary>Asks for scores to be recomputed: a queue in production, so many uploads coalesce into one re-rank.
/// Rank-only requests are delivered after a short delay, which is what lets a burst coalesce.</summary>
public interface IScoreRequests
{
    Task RequestAsync(ScoreRequest request, CancellationToken cancellationToken);
}
