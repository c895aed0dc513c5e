namespace Readiness.Core.Registry;

public enum RegencyKind
{
    Kabupaten,
    Kota,
}

/// <summary>A regency (kabupaten) or city (kota) of the registry.</summary>
/// <param name="Code">Kemendagri code <c>PP.RR</c>, the canonical key everywhere in the pipeline.</param>
/// <param name="Name">Official name with its prefix, e.g. <c>Kabupaten Lima Puluh Kota</c>.</param>
/// <param name="ProvinceCode">Two-digit province code.</param>
/// <param name="BpsCode">Four-digit BPS code, which differs from the Kemendagri code inside some provinces; may be empty.</param>
/// <param name="Aliases">Other names people write (<c>50 Kota</c>).</param>
public sealed record Regency(
    string Code,
    string Name,
    string ProvinceCode,
    string ProvinceName,
    string? BpsCode,
    IReadOnlyList<string> Aliases)
{
    public RegencyKind Kind => Name.StartsWith("Kota ", StringComparison.OrdinalIgnoreCase) ? RegencyKind.Kota : RegencyKind.Kabupaten;

    public override string ToString() => $"{Name} ({Code})";

    /// <summary>The same regency whichever registry it came from (a file, the table, one loaded before a reload): the
    /// Kemendagri code is its identity, so a regency resolved when an upload arrived matches the rows read later.</summary>
    public bool Equals(Regency? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);
}
