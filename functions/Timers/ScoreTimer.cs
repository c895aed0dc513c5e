using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Timers;

/// <summary>
/// The nightly score run: recomputes the years whose observations changed since they were last computed, or that
/// were computed with another catalog version; every year when <see cref="ScoringOptions.RecomputeAll"/>
/// (app setting <c>Readiness__RecomputeAll</c>) is true. This catches anything the score queue missed (a poisoned or
/// lost request leaves its years marked as changed). The schedule is the <c>ScoreSchedule</c> app setting.
/// </summary>
public sealed class ScoreTimer(ScoreService scores, IOptions<ScoringOptions> options, ILogger<ScoreTimer> logger)
{
    /// <summary>The app setting holding the schedule; it must exist (see <see cref="InboxTimer.ScheduleSetting"/>).</summary>
    public const string ScheduleSetting = "ScoreSchedule";

    /// <summary>02:00 WIB every night. Function timers run in UTC (WEBSITE_TIME_ZONE is not supported on the Flex Consumption plan),
    /// and WIB is UTC+7 without daylight saving, so 02:00 WIB is 19:00 UTC of the day before.</summary>
    public const string DefaultSchedule = "0 0 19 * * *";

    /// <summary>The configuration key of <see cref="ScoringOptions.RecomputeAll"/>.</summary>
    public const string RecomputeAllSetting = ReadinessSettings.Section + ":" + nameof(ScoringOptions.RecomputeAll);

    [Function(nameof(ScoreTimer))]
    public async Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var all = options.Value.RecomputeAll;
        var due = await scores.DueYearsAsync(all, cancellationToken);
        if (due.Count == 0)
        {
            logger.LogInformation("Nightly score run: no year is due (past due: {PastDue})", timer.IsPastDue);
            return;
        }

        var result = await scores.RecomputeAsync(due, cancellationToken);
        logger.LogInformation("Nightly score run (all: {All}, past due: {PastDue}): years {Years} recomputed, {Regencies} regency scores, {Rows} rows written",
            all, timer.IsPastDue, string.Join(",", result.Years), result.RegenciesScored, result.RowsWritten);
    }
}
