using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Ingestion;

namespace Readiness.Functions.Timers;

/// <summary>
/// Scheduled ingestion: one pass over the <c>inbox</c> container, queueing each settled file once for background
/// processing. The schedule is the <c>InboxSchedule</c> app setting (NCRONTAB with seconds, UTC), every 15 minutes by
/// default. The host runs a timer on one instance at a time, and the inbox claims each file with a conditional write,
/// so an overlapping manual run (<c>readiness inbox run</c>) queues nothing twice.
/// </summary>
public sealed class InboxTimer(InboxService inbox, ILogger<InboxTimer> logger)
{
    /// <summary>The app setting holding the schedule. It must exist: the host fails to index a <c>%Setting%</c> that
    /// is missing (local.settings.sample.json and the Bicep app settings both set it).</summary>
    public const string ScheduleSetting = "InboxSchedule";

    public const string DefaultSchedule = "0 */15 * * * *";

    [Function(nameof(InboxTimer))]
    public async Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogWarning("Inbox pass is running late (past due); catching up now");
        }

        var run = await inbox.RunAsync(cancellationToken);
        logger.LogInformation("Inbox pass done: {Queued} queued, {Waiting} still being written, {Already} already queued, {Refused} refused; next at {Next}",
            run.Queued, run.Waiting, run.AlreadyQueued, run.Refused, timer.ScheduleStatus?.Next);
    }
}
