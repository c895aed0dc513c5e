using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Telemetry;
using Readiness.Storage;

namespace Readiness.Functions.Queues;

/// <summary>
/// Background uploads (the README's "Background work" and queue settings). <see cref="ProcessUpload"/> processes one queued upload per message; processing is idempotent,
/// so a redelivered message ends in the same state. A message that is not an upload message is logged and dropped
/// (retrying cannot fix it); any other failure propagates, so the host makes the message visible again after
/// host.json's <c>visibilityTimeout</c> and, after <see cref="QueueDelivery.MaxDequeueCount"/> deliveries, moves it
/// to <see cref="PoisonQueue"/>, where <see cref="UploadPoison"/> marks the upload failed with the reason (or, when it
/// had started writing, leaves it to <see cref="Timers.UploadRecoveryTimer"/>: see <see cref="ImportService.MarkPoisonedAsync"/>).
/// </summary>
public sealed class UploadQueueFunctions(ImportService imports, ILogger<UploadQueueFunctions> logger, TimeProvider? clock = null)
{
    public const string Queue = StorageNames.Queues.Uploads;
    public const string PoisonQueue = StorageNames.Queues.Uploads + "-poison";

    [Function(nameof(ProcessUpload))]
    public async Task ProcessUpload([QueueTrigger(Queue)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        if (UploadRequestMessage.TryParse(message) is not { } work)
        {
            logger.LogError("Invocation {InvocationId}: {Queue} message is not an upload message; dropped without retrying: {Message}",
                context.InvocationId, Queue, QueueDelivery.ForLog(message));
            return;
        }

        var delivery = QueueDelivery.DequeueCount(context);
        var trace = QueueMessageTrace.Read(message);
        using var activity = QueueTracing.StartConsumer("upload process", trace, Queue);
        activity?.SetTag(ReadinessTelemetry.Tags.UploadId, work.UploadId).SetTag(ReadinessTelemetry.Tags.Regency, work.RegencyCode).SetTag("readiness.delivery", delivery)
            .SetTag("readiness.replay", work.Replay);
        var queueWait = (clock ?? TimeProvider.System).GetUtcNow() - trace.EnqueuedAt;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await imports.ProcessQueuedAsync(work, cancellationToken);
            ReadinessTelemetry.BackgroundUploadProcessed(queueWait, Stopwatch.GetElapsedTime(started), result is null ? "not-recorded" : ReadinessTelemetry.Outcome(result.Upload, result.Report));
            if (result is null)
            {
                logger.LogWarning("Invocation {InvocationId}: upload {UploadId} for {Regency} is not recorded; message dropped",
                    context.InvocationId, work.UploadId, work.RegencyCode);
                return;
            }

            logger.LogInformation("Upload {UploadId} for {Regency} (sent by {KeyId}) processed in the background: {Status} (delivery {Delivery}, replay {Replay})",
                work.UploadId, work.RegencyCode, result.Upload.KeyId, result.Upload.Status, delivery, work.Replay);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ReadinessTelemetry.BackgroundUploadProcessed(queueWait, Stopwatch.GetElapsedTime(started), "error");
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            // Rethrown: the host makes the message visible again and retries, then poisons it.
            logger.LogError(e, "Invocation {InvocationId}: upload {UploadId} for {Regency} failed on delivery {Delivery} of {MaxDeliveries}",
                context.InvocationId, work.UploadId, work.RegencyCode, delivery, QueueDelivery.MaxDequeueCount);
            throw;
        }
    }

    [Function(nameof(UploadPoison))]
    public async Task UploadPoison([QueueTrigger(PoisonQueue)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        ReadinessTelemetry.PoisonMessage(PoisonQueue);
        using var activity = QueueTracing.StartConsumer("upload poison", QueueMessageTrace.Read(message), PoisonQueue);
        if (UploadRequestMessage.TryParse(message) is not { } work)
        {
            logger.LogCritical("Invocation {InvocationId}: {Queue} message is not an upload message; dropped: {Message}",
                context.InvocationId, PoisonQueue, QueueDelivery.ForLog(message));
            return;
        }

        var stored = await imports.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        var reason = Reason(work, stored?.Upload.Attempts ?? 0);
        var upload = await imports.MarkPoisonedAsync(work, reason, cancellationToken);
        if (upload is null)
        {
            logger.LogError("Invocation {InvocationId}: poisoned upload {UploadId} for {Regency} is not recorded; message dropped",
                context.InvocationId, work.UploadId, work.RegencyCode);
        }
        else if (!upload.IsFinal)
        {
            logger.LogCritical("Upload {UploadId} for {Regency} was poisoned while writing part of its values; {Timer} re-drives it: {Reason}",
                work.UploadId, work.RegencyCode, nameof(Timers.UploadRecoveryTimer), reason);
        }
        else if (upload.Status != UploadStatus.Failed)
        {
            // A later delivery finished it after all.
            logger.LogWarning("Poisoned upload {UploadId} for {Regency} is already final ({Status}); left as it is",
                work.UploadId, work.RegencyCode, upload.Status);
        }
        else
        {
            logger.LogCritical("Upload {UploadId} for {Regency} marked Failed: {Reason} Once the cause is fixed, replay it: {ReplayCommand}",
                work.UploadId, work.RegencyCode, reason, $"readiness uploads replay --regency {work.RegencyCode} --id {work.UploadId}");
        }
    }

    /// <summary>Why a poisoned upload failed, as recorded on the upload and shown by its status.</summary>
    public static string Reason(UploadWork work, int attempts) => string.Create(CultureInfo.InvariantCulture,
        $"Background processing did not finish: its queue message was delivered {QueueDelivery.MaxDequeueCount} times (maxDequeueCount) and moved to {PoisonQueue}; " +
        $"{attempts} processing attempt(s) were recorded. Each attempt's error is logged by {nameof(ProcessUpload)} under upload {work.UploadId}.");
}
