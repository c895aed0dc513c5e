using System.Text.Json;
using Azure.Storage.Queues;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Background uploads on the <c>upload-requests</c> queue, one <see cref="UploadRequestMessage"/> each, carrying
/// the enqueuing span's trace context (<see cref="QueueMessageTrace"/>) so processing continues the upload's trace.</summary>
public sealed class QueueUploadRequests(StorageAccount account, TimeProvider? clock = null) : IUploadQueue
{
    private readonly QueueClient _queue = account.Queue(StorageNames.Queues.Uploads);

    public Task EnqueueAsync(UploadWork work, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(QueueMessageTrace.Current((clock ?? TimeProvider.System).GetUtcNow()).AddTo(UploadRequestMessage.Serialize(work)), cancellationToken);
}

/// <summary>The body of an upload request message: <c>{"regencyCode":"13.07","uploadId":"…"}</c>, and the trace
/// fields of <see cref="QueueMessageTrace"/> when it was enqueued by the app.</summary>
public static class UploadRequestMessage
{
    public static string Serialize(UploadWork work) => JsonSerializer.Serialize(work, WebJson.Options);

    /// <summary>Reads a message; null when it is not an upload message (to be dropped, not retried).</summary>
    public static UploadWork? TryParse(string body)
    {
        try
        {
            var work = JsonSerializer.Deserialize<UploadWork>(body, WebJson.Options);
            return work is { RegencyCode.Length: > 0, UploadId.Length: > 0 } && TableKeys.IsSafe(work.RegencyCode) && TableKeys.IsSafe(work.UploadId) ? work : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
