using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Readiness.Core.Access;

/// <summary>The outcome of an access check: who, or why not, as HTTP sees it.</summary>
public sealed record AccessDecision(Caller? Caller, int Status, string? Reason)
{
    public bool Allowed => Caller is not null && Status == 200;
}

/// <summary>
/// The one place that decides who may do what. Credentials: <c>Authorization: Bearer rdy_…</c> or <c>X-Api-Key</c>;
/// behind App Service Authentication (and only when <see cref="AccessOptions.TrustAppServiceAuth"/> says the app is behind
/// it), an Entra principal in <c>X-MS-CLIENT-PRINCIPAL</c> with the app role <c>Readiness.Admin</c> is an admin.
/// </summary>
public sealed class AccessPolicy(ApiKeyService keys, IOptions<AccessOptions> options)
{
    public const string AdminAppRole = "Readiness.Admin";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <param name="authorization">The Authorization header, if any.</param>
    /// <param name="apiKey">The X-Api-Key header, if any.</param>
    /// <param name="principal">The X-MS-CLIENT-PRINCIPAL header, if any.</param>
    /// <param name="regencyCode">The regency the operation touches (for <see cref="Permission.ActForRegency"/>).</param>
    public async Task<AccessDecision> CheckAsync(string? authorization, string? apiKey, string? principal, Permission permission, string? regencyCode, CancellationToken cancellationToken)
    {
        var caller = await AuthenticateAsync(authorization, apiKey, principal, cancellationToken);
        if (caller is null)
        {
            // Unknown, expired and revoked keys look the same from outside.
            return new AccessDecision(null, 401, "A valid API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
        }

        return permission switch
        {
            Permission.ReadPublished => new AccessDecision(caller, 200, null),
            Permission.ActForRegency when regencyCode is not null && caller.MayActFor(regencyCode) => new AccessDecision(caller, 200, null),
            Permission.ActForRegency => new AccessDecision(caller, 403, caller.IsProvince
                ? $"This key is for province {caller.ProvinceCode}: it reads its regencies' data and reviews their years, but cannot upload for {regencyCode ?? "a regency"}."
                : $"This key is for regency {caller.RegencyCode}; it cannot act for {regencyCode ?? "another regency"}."),
            Permission.ReadForRegency when regencyCode is not null && caller.MayRead(regencyCode) => new AccessDecision(caller, 200, null),
            Permission.ReadForRegency => new AccessDecision(caller, 403, caller.IsProvince
                ? $"This key is for province {caller.ProvinceCode}; {regencyCode ?? "that regency"} is not one of its regencies."
                : $"This key is for regency {caller.RegencyCode}; it cannot read {regencyCode ?? "another regency"}."),
            Permission.Admin when caller.IsAdmin => new AccessDecision(caller, 200, null),
            _ => new AccessDecision(caller, 403, "This operation is for ministry operators (admin keys) only."),
        };
    }

    private async Task<Caller?> AuthenticateAsync(string? authorization, string? apiKey, string? principal, CancellationToken cancellationToken)
    {
        // A blank header is an absent one: it must not hide a key sent the other way.
        var presented = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        if (presented is null && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        if (presented is not null)
        {
            return await keys.AuthenticateAsync(presented, cancellationToken);
        }

        return options.Value.TrustAppServiceAuth && principal is not null ? FromPrincipal(principal) : null;
    }

    /// <summary>Reads App Service Authentication's principal: base64 JSON with <c>claims: [{typ, val}]</c>.</summary>
    private static Caller? FromPrincipal(string header)
    {
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? name = null;
            var admin = false;
            foreach (var claim in claims.EnumerateArray())
            {
                var type = claim.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var value = claim.TryGetProperty("val", out var v) ? v.GetString() : null;
                admin |= type is "roles" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" && value == AdminAppRole;
                name ??= type is "name" or "preferred_username" ? value : null;
            }

            return admin ? new Caller(Role.Admin, null, $"entra:{name ?? "principal"}") : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
