namespace Readiness.Core.Access;

/// <summary>A stored API key: never the key itself, only the SHA-256 of its secret. A regency key names its regency,
/// a province key its two-digit province code.</summary>
public sealed record ApiKey(
    string Id,
    Role Role,
    string? RegencyCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    byte[] SecretHash,
    string? Description = null,
    string? ProvinceCode = null)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
