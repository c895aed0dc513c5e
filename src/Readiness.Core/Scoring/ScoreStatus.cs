using Readiness.Core.Review;

namespace Readiness.Core.Scoring;

/// <summary>Whether a score's data is final (its regency-year is <see cref="ReviewState.Approved"/>) or still
/// provisional (open, submitted or verified: the data may change). Written as <c>final</c> or <c>provisional</c>
/// everywhere a score is (the <c>scores</c> table, the exports, the API, the CLI and the reports).</summary>
public enum ScoreStatus
{
    /// <summary>The default: a score is provisional until its regency-year is approved.</summary>
    Provisional,

    Final,
}

/// <summary>The one place that names <see cref="ScoreStatus"/> values and derives them from the review state.</summary>
public static class ScoreStatuses
{
    public const string Final = "final";

    public const string Provisional = "provisional";

    /// <summary>The names, in the order the OpenAPI document and the help texts list them.</summary>
    public static readonly string[] Names = [Final, Provisional];

    /// <summary>Approved → final; open, submitted or verified → provisional.</summary>
    public static ScoreStatus Of(ReviewState state) => state == ReviewState.Approved ? ScoreStatus.Final : ScoreStatus.Provisional;

    /// <summary>The status of <paramref name="regencyCode"/> among a year's review states (a regency-year never acted on
    /// is open, so provisional).</summary>
    public static ScoreStatus Of(IReadOnlyDictionary<string, ReviewState> states, string regencyCode) =>
        states.TryGetValue(regencyCode, out var state) ? Of(state) : ScoreStatus.Provisional;

    public static string Name(this ScoreStatus status) => status == ScoreStatus.Final ? Final : Provisional;

    /// <summary>Parses <c>final</c> or <c>provisional</c> (any case, trimmed); nothing else.</summary>
    public static bool TryParse(string? text, out ScoreStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Final:
                status = ScoreStatus.Final;
                return true;
            case Provisional:
                status = ScoreStatus.Provisional;
                return true;
            default:
                status = ScoreStatus.Provisional;
                return false;
        }
    }

    /// <summary>A stored name back to the status; anything else (a row written before the status existed) is provisional.</summary>
    public static ScoreStatus Parse(string? text) => TryParse(text, out var status) ? status : ScoreStatus.Provisional;

    /// <summary>The badge text of reports: Indonesian, then English.</summary>
    public static (string Id, string En) Label(this ScoreStatus status) => status == ScoreStatus.Final ? ("Final", "Final") : ("Sementara", "Provisional");
}
