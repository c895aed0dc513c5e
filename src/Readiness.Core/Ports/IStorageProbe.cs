namespace Readiness.Core.Ports;

/// <summary>One queue as a health check sees it: approximate depth and the age of its oldest message.</summary>
/// <param name="OldestMessageAge">null when the queue is empty.</param>
public sealed record QueueState(string Name, long Messages, TimeSpan? OldestMessageAge);

/// <summary>The cheap reads a health check makes of storage. Throws when storage does not answer.</summary>
public interface IStorageProbe
{
    /// <summary>Every work and poison queue of <see cref="StorageNames.Queues.All"/>, after checking that the blob and
    /// table services answer.</summary>
    Task<IReadOnlyList<QueueState>> ProbeAsync(CancellationToken cancellationToken);
}
