namespace Readiness.Core.Quality;

/// <summary>The warning codes of the data-quality checks (they never block an upload).</summary>
public static class QualityCodes
{
    public const string RuleViolation = "rule-violation";
    public const string Outlier = "outlier";
    public const string PossibleThousandsError = "possible-thousands-error";
}
