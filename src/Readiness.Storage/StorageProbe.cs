using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>The health check's reads: one small request to each service, and per queue its approximate depth and the
/// insertion time of the message at its front (a peek, which leaves it in place).</summary>
public sealed class StorageProbe(StorageAccount account, TimeProvider clock) : IStorageProbe
{
    public async Task<IReadOnlyList<QueueState>> ProbeAsync(CancellationToken cancellationToken)
    {
        var blobs = account.Container(StorageNames.Containers.Uploads).ExistsAsync(cancellationToken);
        var tables = account.Table(StorageNames.Tables.Uploads)
            .QueryAsync<TableEntity>(filter: "PartitionKey eq ''", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken)
            .AsPages().GetAsyncEnumerator(cancellationToken).MoveNextAsync().AsTask();
        var queues = Task.WhenAll(StorageNames.Queues.All.Select(name => QueueAsync(name, cancellationToken)));
        await Task.WhenAll(blobs, tables, queues);
        return await queues;
    }

    private async Task<QueueState> QueueAsync(string name, CancellationToken cancellationToken)
    {
        var queue = account.Queue(name);
        var properties = queue.GetPropertiesAsync(cancellationToken);
        var front = queue.PeekMessagesAsync(1, cancellationToken);
        await Task.WhenAll(properties, front);
        var oldest = (await front).Value.FirstOrDefault()?.InsertedOn;
        return new QueueState(name, (await properties).Value.ApproximateMessagesCount, oldest is { } at ? clock.GetUtcNow() - at : null);
    }
}
