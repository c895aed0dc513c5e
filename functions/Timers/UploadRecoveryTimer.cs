using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;

namespace Readiness.Functions.Timers;

/// <summary>
/// Upload recovery: every 5 minutes, one pass of <see cref="ImportService.RecoverAsync"/> over uploads left unfinished
/// by a process that died (an HTTP upload's instance recycled, a CLI killed, a queue function timed out). Those whose
/// record has not moved for <see cref="ImportOptions.RecoverAfterSeconds"/> (app setting
/// <c>Readiness__RecoverAfterSeconds</c>, 600 by default; a live upload saves its record at least every 30 s) go back
/// on the upload queue and are finished from their archived file; one whose file never reached the archive ends Failed
/// saying to upload it again. The schedule is fixed: recovery is not something to tune per environment.
/// </summary>
public sealed class UploadRecoveryTimer(ImportService imports, IOptions<ImportOptions> options, ILogger<UploadRecoveryTimer> logger)
{
    public const string Schedule = "0 */5 * * * *";

    [Function(nameof(UploadRecoveryTimer))]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await imports.RecoverAsync(TimeSpan.FromSeconds(options.Value.RecoverAfterSeconds), cancellationToken);
        logger.LogInformation("Upload recovery pass: {Requeued} queued again, {Failed} ended Failed, {Active} still active; next at {Next}",
            run.Requeued, run.Failed.Count, run.Active, timer.ScheduleStatus?.Next);
    }
}
