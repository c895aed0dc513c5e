using System.Diagnostics;
using System.Diagnostics.Metrics;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.Core.Telemetry;

/// <summary>
/// The app's own instruments: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>. Plain <c>System.Diagnostics</c> types, so the core stays free of any exporter: the Function App
/// subscribes to them with OpenTelemetry and sends them to Application Insights (<c>functions/Telemetry</c>); anything
/// else (the CLI, the tests) may listen or not. Tag values are short, fixed vocabularies (outcomes, sources, error
/// codes, queue names) and never a key, a file name or a connection string; regency and upload ids go into logs and
/// spans, where one value per upload is expected.
/// </summary>
public static class ReadinessTelemetry
{
    /// <summary>The meter's and the activity source's name (what an exporter subscribes to).</summary>
    public const string Name = "Readiness";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Metric names, as they appear in Application Insights' <c>customMetrics</c> (the workbook's queries).</summary>
    public static class Metrics
    {
        public const string Uploads = "readiness.uploads";
        public const string UploadValues = "readiness.upload.values";
        public const string ValidationErrors = "readiness.validation.errors";
        public const string QueueWait = "readiness.upload.queue_wait";
        public const string Processing = "readiness.upload.processing";
        public const string ScoreDuration = "readiness.score.duration";
        public const string ScoreRows = "readiness.score.rows_written";
        public const string PoisonMessages = "readiness.queue.poison_messages";
        public const string QueueMessages = "readiness.queue.messages";
        public const string QueueOldestAge = "readiness.queue.oldest_age";
        public const string RegistryRegencies = "readiness.registry.regencies";
    }

    /// <summary>Tag names.</summary>
    public static class Tags
    {
        public const string Outcome = "outcome";
        public const string Source = "source";
        public const string Change = "change";
        public const string Code = "code";
        public const string Queue = "queue";
        public const string Kind = "kind";
        public const string Regency = "readiness.regency";
        public const string UploadId = "readiness.upload_id";
    }

    private static readonly Counter<long> UploadsCounter = Meter.CreateCounter<long>(Metrics.Uploads, "{upload}",
        "Uploads by outcome (completed, validated, rejected, too-large, failed, queued) and source (http, portal, cli, inbox, source, replay).");

    private static readonly Counter<long> ValuesCounter = Meter.CreateCounter<long>(Metrics.UploadValues, "{value}",
        "Values of finished uploads by change: imported, updated, unchanged, superseded, rejected (rows).");

    private static readonly Counter<long> ErrorsCounter = Meter.CreateCounter<long>(Metrics.ValidationErrors, "{error}",
        "Validation errors of rejected or partial uploads, by error code (the listed ones: at most 1,000 per upload).");

    private static readonly Histogram<double> QueueWaitHistogram = Meter.CreateHistogram<double>(Metrics.QueueWait, "s",
        "Time a background upload waited on the upload-requests queue before a delivery started.");

    private static readonly Histogram<double> ProcessingHistogram = Meter.CreateHistogram<double>(Metrics.Processing, "s",
        "Processing time of one delivery of a background upload, by outcome.");

    private static readonly Histogram<double> ScoreDurationHistogram = Meter.CreateHistogram<double>(Metrics.ScoreDuration, "s",
        "Duration of a score computation, by kind (regencies, rank, recompute).");

    private static readonly Counter<long> ScoreRowsCounter = Meter.CreateCounter<long>(Metrics.ScoreRows, "{row}",
        "Score rows written, by kind.");

    private static readonly Counter<long> PoisonCounter = Meter.CreateCounter<long>(Metrics.PoisonMessages, "{message}",
        "Messages handled from a poison queue, by queue.");

    private static readonly Gauge<long> QueueMessagesGauge = Meter.CreateGauge<long>(Metrics.QueueMessages, "{message}",
        "Approximate messages waiting per queue, as the last health check read them.");

    private static readonly Gauge<double> QueueOldestAgeGauge = Meter.CreateGauge<double>(Metrics.QueueOldestAge, "s",
        "Age of the oldest message per queue, as the last health check read it (0 when empty).");

    private static readonly Gauge<long> RegistryGauge = Meter.CreateGauge<long>(Metrics.RegistryRegencies, "{regency}",
        "Regencies in the registry, as the last health check read it (how many should report).");

    /// <summary>The source tag of an upload that is replayed (an operator's replay, recovery re-driving it).</summary>
    public const string ReplaySource = "replay";

    /// <summary>The source tag of an upload: how it arrived (<c>http</c>, <c>portal</c>, <c>cli</c>, <c>inbox</c>,
    /// <c>source</c>), or <see cref="ReplaySource"/> for a run that replays it.</summary>
    public static string Source(UploadRecord upload) => upload.Replay ? ReplaySource : upload.Source.Name();

    /// <summary>The outcome tag of an upload in this state.</summary>
    public static string Outcome(UploadRecord upload, ValidationReport? report) => upload.Status switch
    {
        UploadStatus.Completed => "completed",
        UploadStatus.Validated => "validated",
        UploadStatus.Rejected when report?.HasError(ErrorCodes.FileTooLarge) == true => "too-large",
        UploadStatus.Rejected => "rejected",
        UploadStatus.Queued => "queued",
        UploadStatus.Failed => "failed",
        _ => "unfinished",
    };

    /// <summary>
    /// An upload that ended (or was queued): counted by outcome and source, its values by change, its listed errors by
    /// code; the current span gets the upload's id, regency and outcome. Called where the import use case ends.
    /// </summary>
    public static void UploadEnded(UploadRecord upload, ValidationReport? report)
    {
        var outcome = Outcome(upload, report);
        var source = new KeyValuePair<string, object?>(Tags.Source, Source(upload));
        UploadsCounter.Add(1, new KeyValuePair<string, object?>(Tags.Outcome, outcome), source);
        if (upload.IsFinal)
        {
            AddValues("imported", upload.Imported, source);
            AddValues("updated", upload.Updated, source);
            AddValues("unchanged", upload.Unchanged, source);
            AddValues("superseded", upload.Superseded, source);
            AddValues("rejected", upload.Rejected, source);
        }

        if (report is not null)
        {
            foreach (var code in report.Errors.GroupBy(e => e.Code, StringComparer.Ordinal))
            {
                ErrorsCounter.Add(code.Count(), new KeyValuePair<string, object?>(Tags.Code, code.Key), source);
            }
        }

        Activity.Current?.SetTag(Tags.UploadId, upload.UploadId).SetTag(Tags.Regency, upload.RegencyCode).SetTag("readiness.outcome", outcome);
    }

    /// <summary>One delivery of a background upload: how long it waited on the queue and how long it took.</summary>
    public static void BackgroundUploadProcessed(TimeSpan? queueWait, TimeSpan processing, string outcome)
    {
        if (queueWait is { } wait)
        {
            QueueWaitHistogram.Record(Math.Max(0, wait.TotalSeconds));
        }

        ProcessingHistogram.Record(processing.TotalSeconds, new KeyValuePair<string, object?>(Tags.Outcome, outcome));
    }

    /// <summary>A score computation: its duration and the rows it wrote, by kind.</summary>
    public static void ScoresComputed(string kind, TimeSpan duration, int rowsWritten)
    {
        var tag = new KeyValuePair<string, object?>(Tags.Kind, kind);
        ScoreDurationHistogram.Record(duration.TotalSeconds, tag);
        ScoreRowsCounter.Add(rowsWritten, tag);
        Activity.Current?.SetTag("readiness.score.rows_written", rowsWritten);
    }

    /// <summary>A message taken from a poison queue.</summary>
    public static void PoisonMessage(string queue) => PoisonCounter.Add(1, new KeyValuePair<string, object?>(Tags.Queue, queue));

    /// <summary>A queue's depth and the age of its oldest message, as a health check read them.</summary>
    public static void QueueObserved(string queue, long messages, TimeSpan? oldestAge)
    {
        var tag = new KeyValuePair<string, object?>(Tags.Queue, queue);
        QueueMessagesGauge.Record(messages, tag);
        QueueOldestAgeGauge.Record(oldestAge?.TotalSeconds ?? 0, tag);
    }

    /// <summary>The registry's size, as a health check read it.</summary>
    public static void RegistryObserved(int regencies) => RegistryGauge.Record(regencies);

    private static void AddValues(string change, int count, KeyValuePair<string, object?> source)
    {
        if (count > 0)
        {
            ValuesCounter.Add(count, new KeyValuePair<string, object?>(Tags.Change, change), source);
        }
    }
}
