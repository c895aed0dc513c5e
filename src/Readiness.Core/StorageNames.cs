namespace Readiness.Core;

/// <summary>
/// Every table, blob container and queue the pipeline uses, in one place: the storage adapters, the infrastructure
/// templates' tests and the operator docs all read them from here. Lowercase only: Power BI's Table connector and
/// queue/container naming rules both need it.
/// </summary>
public static class StorageNames
{
    public static class Tables
    {
        public const string Observations = "observations";
        public const string Uploads = "uploads";
        public const string Regencies = "regencies";
        public const string Indicators = "indicators";
        public const string Scores = "scores";
        public const string IndicatorScores = "indicatorscores";
        /// <summary>Per year: when observations last changed and when scores were last computed (nightly run).</summary>
        public const string ScoreState = "scorestate";
        public const string Sources = "sources";
        public const string ApiKeys = "apikeys";
        /// <summary>Open data-quality findings, partitioned by year, keyed <c>{regency}|{basis}|{subject}</c>.</summary>
        public const string QualityFlags = "qualityflags";
        /// <summary>The review state of each regency-year and its history, partitioned by year.</summary>
        public const string Reviews = "reviews";
        /// <summary>Append-only history of every observation change, partitioned by regency, keyed
        /// <c>{period}|{indicator}|{uploadId}</c>; nothing in the app deletes from it.</summary>
        public const string ObservationHistory = "observationhistory";

        public static IReadOnlyList<string> All { get; } =
            [Observations, Uploads, Regencies, Indicators, Scores, IndicatorScores, ScoreState, Sources, ApiKeys, QualityFlags, Reviews, ObservationHistory];
    }

    public static class Containers
    {
        /// <summary>Raw bytes of every upload and its report: <c>{regency}/{yyyy}/{MM}/{uploadId}.csv</c>.</summary>
        public const string Uploads = "uploads";
        /// <summary>Files dropped by regencies for scheduled ingestion: <c>{regency}/{name}.csv</c>.</summary>
        public const string Inbox = "inbox";
        public const string Processed = "processed";
        public const string Failed = "failed";
        /// <summary>Score exports for analysts: <c>scores/{year}.csv</c> and <c>.parquet</c>.</summary>
        public const string Exports = "exports";

        public static IReadOnlyList<string> All { get; } = [Uploads, Inbox, Processed, Failed, Exports];
    }

    public static class Queues
    {
        /// <summary>One message per upload processed in the background.</summary>
        public const string Uploads = "upload-requests";
        /// <summary>Years whose scores must be recomputed; coalesced by the consumer.</summary>
        public const string Scores = "score-requests";

        /// <summary>The Functions host moves a message here after maxDequeueCount failed attempts.</summary>
        public static string Poison(string queue) => queue + "-poison";

        public static IReadOnlyList<string> All { get; } = [Uploads, Scores, Poison(Uploads), Poison(Scores)];
    }
}
