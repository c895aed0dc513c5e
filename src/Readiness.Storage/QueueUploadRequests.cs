using System.Text.Json;
using Azure.Storage.Queues;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Background uploads on the <c>upload-requests</c> queue, one <see cref="UploadRequestMessage"/> each.</summary>
public sealed class QueueUploadRequests(StorageAccount account) : IUploadQueue
{
    private readonly QueueClient _queue = account.Queue(StorageNames.Queues.Uploads);

    public Task EnqueueAsync(UploadWork work, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(UploadRequestMessage.Serialize(work), cancellationToken);
}

/// <summary>The body of an upload request message: <c>{"regencyCode":"13.07","uploadId":"…"}</c>.</summary>
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
