using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Scoring;
using Readiness.Core.Telemetry;
using Readiness.Storage;

namespace Readiness.Functions.Queues;

/// <summary>
/// Score recomputation requests (the README's "Background work" and queue settings). <see cref="ProcessScoreRequest"/> scores the regencies an upload changed and asks
/// for a delayed re-rank of the year; rank-only requests coalesce, so a burst of uploads costs one re-rank. A
/// malformed message is logged and dropped; failures propagate so the host retries. <see cref="ScorePoison"/> logs a
/// request that failed every delivery, loudly and with the whole message: nothing is lost, because the years stay
/// marked as changed and the nightly <see cref="Timers.ScoreTimer"/> recomputes them.
/// </summary>
public sealed class ScoreQueueFunctions(ScoreService scores, ILogger<ScoreQueueFunctions> logger)
{
    public const string Queue = StorageNames.Queues.Scores;
    public const string PoisonQueue = StorageNames.Queues.Scores + "-poison";

    [Function(nameof(ProcessScoreRequest))]
    public async Task ProcessScoreRequest([QueueTrigger(Queue)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        if (ScoreRequestMessage.TryParse(message) is not { } request)
        {
            logger.LogError("Invocation {InvocationId}: {Queue} message is not a score request; dropped without retrying: {Message}",
                context.InvocationId, Queue, QueueDelivery.ForLog(message));
            return;
        }

        using var activity = QueueTracing.StartConsumer("score update", QueueMessageTrace.Read(message), Queue);
        var result = await scores.HandleAsync(request, cancellationToken);
        logger.LogInformation("Score request ({Reason}, rank only: {RankOnly}) for years {Years}: {Regencies} regencies scored, {Rows} rows written",
            request.Reason, request.RankOnly, string.Join(",", result.Years), result.RegenciesScored, result.RowsWritten);
    }

    [Function(nameof(ScorePoison))]
    public Task ScorePoison([QueueTrigger(PoisonQueue)] string message, FunctionContext context)
    {
        ReadinessTelemetry.PoisonMessage(PoisonQueue);
        var request = ScoreRequestMessage.TryParse(message);
        logger.LogCritical(
            "Invocation {InvocationId}: a score request failed {MaxDeliveries} deliveries and reached {Queue}: years {Years}, regencies {Regencies}, reason {Reason}. " +
            "The years stay marked as changed, so the nightly {Timer} recomputes them; run 'readiness score --year <year>' to recompute now. Message: {Message}",
            context.InvocationId, QueueDelivery.MaxDequeueCount, PoisonQueue,
            request is null ? "(unreadable)" : string.Join(",", request.Years),
            request is null ? "" : string.Join(",", request.Regencies),
            request?.Reason ?? "",
            nameof(Timers.ScoreTimer), QueueDelivery.ForLog(message));
        return Task.CompletedTask;
    }
}
