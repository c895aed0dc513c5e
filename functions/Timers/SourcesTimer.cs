using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Sources;

namespace Readiness.Functions.Timers;

/// <summary>
/// Scheduled ingestion of published CSVs: one pass over the <c>sources</c> table, each source fetched with its
/// validators and imported when it changed. The schedule is the <c>SourcesSchedule</c> app setting (NCRONTAB with
/// seconds, UTC), hourly at minute 7 by default: open-data portals update daily at most, and an off-the-hour minute
/// spreads our requests away from everyone else's.
/// </summary>
public sealed class SourcesTimer(SourceService sources, ILogger<SourcesTimer> logger)
{
    /// <summary>The app setting holding the schedule; it must exist (see <see cref="InboxTimer.ScheduleSetting"/>).</summary>
    public const string ScheduleSetting = "SourcesSchedule";

    public const string DefaultSchedule = "0 7 * * * *";

    [Function(nameof(SourcesTimer))]
    public async Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await sources.RunAsync(cancellationToken);
        logger.LogInformation("Sources pass done: {Imported} imported, {Unchanged} unchanged, {Failed} failed, {Skipped} disabled; next at {Next}",
            run.Imported, run.Unchanged, run.Failed, run.Skipped, timer.ScheduleStatus?.Next);
    }
}
