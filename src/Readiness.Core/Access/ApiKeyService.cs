using System.Security.Cryptography;
using System.Text;
using Readiness.Core.Ports;

namespace Readiness.Core.Access;

/// <summary>
/// Issues, rotates and revokes API keys without a redeploy. A key is <c>rdy_{id}_{secret}</c> (hex): 256 random bits of
/// secret, shown once at creation; only its SHA-256 is stored. Verification looks the id up, hashes the presented
/// secret and compares the hashes in constant time. An unknown, expired or revoked key is simply not a caller.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider clock)
{
    private const string Prefix = "rdy_";

    /// <summary>Creates a key; the returned plaintext is the only copy there will ever be.</summary>
    /// <param name="provinceCode">The two-digit province of a <see cref="Role.Province"/> key (<c>13</c>).</param>
    public async Task<(ApiKey Key, string Plaintext)> CreateAsync(Role role, string? regencyCode, int? expiresInDays, string? description, CancellationToken cancellationToken, string? provinceCode = null)
    {
        if (role == Role.Regency && string.IsNullOrWhiteSpace(regencyCode))
        {
            throw new ArgumentException("A regency key must name its regency.", nameof(regencyCode));
        }

        if (role == Role.Province && !Registry.RegencyRegistry.IsProvinceCode(provinceCode))
        {
            throw new ArgumentException($"A province key must name its province by its two-digit code (such as 13), not '{provinceCode}'.", nameof(provinceCode));
        }

        if (expiresInDays is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresInDays), "A key must expire in a positive number of days.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var key = new ApiKey(id, role, role == Role.Regency ? regencyCode : null, now, expiresInDays is { } days ? now.AddDays(days) : null, null, Hash(secret), description,
            role == Role.Province ? provinceCode : null);
        await store.SaveAsync(key, cancellationToken);
        return (key, $"{Prefix}{id}_{secret}");
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Revokes a key at once; false when no such key exists.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var key = await store.GetAsync(id, cancellationToken);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            await store.SaveAsync(key with { RevokedAt = clock.GetUtcNow() }, cancellationToken);
        }

        return true;
    }

    /// <summary>The caller a presented key stands for, or null (unknown, malformed, expired or revoked alike).</summary>
    public async Task<Caller?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!TryParse(presented, out var id, out var secret))
        {
            return null;
        }

        var key = await store.GetAsync(id, cancellationToken);
        // Hash first, then compare fixed-time, whether or not the id exists, so timing says nothing about either.
        var hash = Hash(secret);
        var expected = key?.SecretHash ?? new byte[hash.Length];
        var matches = CryptographicOperations.FixedTimeEquals(hash, expected);
        return key is not null && matches && key.IsActive(clock.GetUtcNow())
            ? new Caller(key.Role, key.RegencyCode, $"key:{key.Id}", key.ProvinceCode)
            : null;
    }

    private static bool TryParse(string? presented, out string id, out string secret)
    {
        id = secret = "";
        if (presented is null || presented.Length > 200 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = presented.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1)
        {
            return false;
        }

        id = rest[..split].ToString();
        secret = rest[(split + 1)..].ToString();
        return id.Length == 16 && secret.Length == 64 && id.All(char.IsAsciiHexDigitLower) && secret.All(char.IsAsciiHexDigitLower);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
