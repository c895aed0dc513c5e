namespace Readiness.Core.Access;

public enum Role
{
    /// <summary>A regency data officer: bound to one regency code.</summary>
    Regency,
    /// <summary>A ministry operator.</summary>
    Admin,
    /// <summary>A provincial Walidata: bound to one province code; reads its regencies, verifies or returns their years.</summary>
    Province,
}

/// <summary>Who is calling, once authenticated: a role, the regency a regency key (or the province a province key) is
/// bound to, and an identifier for logs that is never the secret (a key id or a principal name).</summary>
public sealed record Caller(Role Role, string? RegencyCode, string Identifier, string? ProvinceCode = null)
{
    public bool IsAdmin => Role == Role.Admin;

    public bool IsProvince => Role == Role.Province;

    /// <summary>The role as the API and the CLI name it: <c>regency</c>, <c>province</c>, <c>admin</c>.</summary>
    public string RoleName => Role.ToString().ToLowerInvariant();

    /// <summary>Whether the caller may act for <paramref name="regencyCode"/> (write its data): its own key or an admin.</summary>
    public bool MayActFor(string regencyCode) =>
        IsAdmin || (Role == Role.Regency && string.Equals(RegencyCode, regencyCode, StringComparison.Ordinal));

    /// <summary>Whether the caller may read what belongs to <paramref name="regencyCode"/> (its uploads, completeness,
    /// quality flags, review): its own key, the key of its province (the code's first two digits), or an admin.</summary>
    public bool MayRead(string regencyCode) => MayActFor(regencyCode) || IsOfProvince(regencyCode);

    /// <summary>Whether this is a province key of <paramref name="regencyCode"/>'s province (<c>13</c> for <c>13.07</c>).</summary>
    public bool IsOfProvince(string regencyCode) =>
        IsProvince && ProvinceCode is { Length: 2 } province && regencyCode.Length > 2 && regencyCode.StartsWith(province, StringComparison.Ordinal) && regencyCode[2] == '.';
}

/// <summary>What an operation needs, declared by each function once.</summary>
public enum Permission
{
    /// <summary>Any authenticated caller: published scores, the catalog, templates.</summary>
    ReadPublished,
    /// <summary>The regency's own key or an admin: uploads of one regency.</summary>
    ActForRegency,
    /// <summary>The regency's own key, its province's key or an admin: what one regency has sent (upload status).</summary>
    ReadForRegency,
    /// <summary>Ministry operators only: registry and catalog changes, recompute, replay, sources, completeness of all.</summary>
    Admin,
}
