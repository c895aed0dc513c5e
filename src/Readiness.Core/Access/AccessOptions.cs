namespace Readiness.Core.Access;

/// <summary>Who the app believes, bound from the <see cref="ReadinessSettings.Section"/> section.</summary>
public sealed class AccessOptions
{
    /// <summary>Whether the app sits behind App Service Authentication, so its principal header can be trusted.</summary>
    public bool TrustAppServiceAuth { get; set; }
}
