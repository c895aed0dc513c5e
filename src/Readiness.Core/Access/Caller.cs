namespace Readiness.Core.Access;

public enum Role
{
    /// <summary>A regency data officer: bound to one regency code.</summary>
    Regency,
    /// <summary>A ministry operator.</summary>
    Admin,
}

/// <summary>Who is calling, once authenticated: a role, the regency a regency key is bound to, and an identifier for
/// logs that is never the secret (a key id or a principal name).</summary>
public sealed record Caller(Role Role, string? RegencyCode, string Identifier)
{
    public bool IsAdmin => Role == Role.Admin;

    /// <summary>Whether the caller may act for <paramref name="regencyCode"/> (write its data, read its uploads).</summary>
    public bool MayActFor(string regencyCode) => IsAdmin || string.Equals(RegencyCode, regencyCode, StringComparison.Ordinal);
}

/// <summary>What an operation needs, declared by each function once.</summary>
public enum Permission
{
    /// <summary>Any authenticated caller: published scores, the catalog, templates.</summary>
    ReadPublished,
    /// <summary>The regency's own key or an admin: uploads and upload status of one regency.</summary>
    ActForRegency,
    /// <summary>Ministry operators only: registry and catalog changes, recompute, replay, sources, completeness of all.</summary>
    Admin,
}
