using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Storage;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// Processes the <c>upload-requests</c> queue in-process, one message at a time, the way the functions app's queue
/// trigger does (<see cref="ImportService.ProcessQueuedAsync"/>, idempotent): a one-pass CLI run then ends with its
/// queued uploads processed, without the functions app running.
/// </summary>
internal static class UploadQueueDrain
{
    /// <summary>Long enough for one large upload; a message whose processing crashed reappears after it.</summary>
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(10);

    /// <returns>Each processed upload's final result, once per upload (a replayed upload may have two messages).</returns>
    public static async Task<IReadOnlyList<ImportResult>> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<StorageAccount>().Queue(StorageNames.Queues.Uploads);
        var imports = services.GetRequiredService<ImportService>();
        var results = new List<ImportResult>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(1, Visibility, cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return [.. results.GroupBy(r => (r.Upload.RegencyCode, r.Upload.UploadId)).Select(g => g.Last())];
            }

            foreach (var message in messages)
            {
                // A message that is not an upload's is dropped, as the queue trigger drops it; an upload that is not
                // recorded has nothing to process.
                if (UploadRequestMessage.TryParse(message.Body.ToString()) is { } work
                    && await imports.ProcessQueuedAsync(work, cancellationToken) is { } result)
                {
                    results.Add(result);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
    }
}
