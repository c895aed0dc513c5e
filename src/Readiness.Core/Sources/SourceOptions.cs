namespace Readiness.Core.Sources;

/// <summary>How remote sources are fetched, bound from the <see cref="ReadinessSettings.Section"/> section.</summary>
public sealed class SourceOptions
{
    /// <summary>Whether sources may be fetched over plain http (tests on 127.0.0.1); https otherwise.</summary>
    public bool AllowHttpSources { get; set; }

    /// <summary>Seconds one source fetch may take, retries included (the HTTP client's total request timeout).</summary>
    public int SourceTimeoutSeconds { get; set; } = 120;
}
