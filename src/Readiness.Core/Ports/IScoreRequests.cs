namespace Readiness.Core.Ports;

/// <summary>Asks for the scores of some years to be recomputed (a queue in production, so requests coalesce).</summary>
public interface IScoreRequests
{
    Task RequestAsync(IReadOnlyCollection<int> years, string reason, CancellationToken cancellationToken);
}
