namespace Readiness.Core.Scoring;

/// <summary>The nightly score run, bound from the <see cref="ReadinessSettings.Section"/> section.</summary>
public sealed class ScoringOptions
{
    /// <summary>Whether the nightly run recomputes every year, not only the changed ones.</summary>
    public bool RecomputeAll { get; set; }
}
