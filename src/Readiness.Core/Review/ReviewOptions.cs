namespace Readiness.Core.Review;

/// <summary>How long a submission waits, bound from the <see cref="ReadinessSettings.Section"/> section
/// (<c>Readiness__SubmitWaitSeconds</c>).</summary>
public sealed class ReviewOptions
{
    /// <summary>How long a submission waits for uploads of its regency-year still being written before it gives up
    /// (409: try again once they have finished). Well under the 230 s an HTTP answer may take.</summary>
    public int SubmitWaitSeconds { get; set; } = 20;

    /// <summary>After this a pending-submission marker is taken to be left by a process that died, and ignored.</summary>
    public TimeSpan SubmittingMarkerTtl => TimeSpan.FromSeconds(SubmitWaitSeconds + 60);
}
