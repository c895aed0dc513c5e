namespace Readiness.Core.Ports;

/// <summary>Years to rescore, for some regencies (incremental, after an upload) or for all (empty list).</summary>
public sealed record ScoreRequest(IReadOnlyList<int> Years, IReadOnlyList<string> Regencies, string Reason);

/// <summary>Asks for scores to be recomputed: a queue in production, so many uploads coalesce into one re-rank.</summary>
public interface IScoreRequests
{
    Task RequestAsync(ScoreRequest request, CancellationToken cancellationToken);
}
