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
/// <param name="Population">Total population, for the peer group's size class; null when the registry has none.</param>
/// <param name="AreaKm2">Area in km²; null when the registry has none.</param>
/// <param name="FormerCode">The Kemendagri code the regency had before a code change (<c>91.01</c> for Merauke,
/// now <c>93.01</c>): data for earlier years arrive under it.</param>
/// <param name="FormerCodeUntil">The last year <paramref name="FormerCode"/> (and the province of its first two
/// digits) was valid.</param>
/// <param name="FormerProvinceName">The name of the former code's province, filled by <see cref="RegencyRegistry"/>
/// from the regencies still in it.</param>
public sealed record Regency(
    string Code,
    string Name,
    string ProvinceCode,
    string ProvinceName,
    string? BpsCode,
    IReadOnlyList<string> Aliases,
    long? Population = null,
    double? AreaKm2 = null,
    string? FormerCode = null,
    int? FormerCodeUntil = null,
    string? FormerProvinceName = null)
{
    public RegencyKind Kind => Name.StartsWith("Kota ", StringComparison.OrdinalIgnoreCase) ? RegencyKind.Kota : RegencyKind.Kabupaten;

    /// <summary>The province code of the former code (<c>91</c> for Merauke), null without a code change.</summary>
    public string? FormerProvinceCode => FormerCode?[..2];

    /// <summary>The regency's province in <paramref name="year"/>: Merauke is in Papua (91) until 2022 and in Papua
    /// Selatan (93) from 2023. Ranks within a province use this.</summary>
    public (string Code, string Name) ProvinceIn(int year) =>
        FormerCodeUntil is { } until && year <= until && FormerProvinceCode is { } former
            ? (former, FormerProvinceName ?? "")
            : (ProvinceCode, ProvinceName);

    /// <summary>The Kemendagri code the regency had in <paramref name="year"/>.</summary>
    public string CodeIn(int year) => FormerCodeUntil is { } until && year <= until && FormerCode is { } former ? former : Code;

    /// <summary>The regency's versions over time, oldest first: one for a regency that never changed, two for one
    /// whose code and province changed (valid until the last year of the former code, then from the next year on).
    /// A type-2 dimension keeps one row per version.</summary>
    public IReadOnlyList<RegencyVersion> Versions() =>
        FormerCodeUntil is { } until && FormerCode is { } former
            ? [
                new RegencyVersion(this, former, FormerProvinceCode!, FormerProvinceName ?? "", null, until),
                new RegencyVersion(this, Code, ProvinceCode, ProvinceName, until + 1, null),
            ]
            : [new RegencyVersion(this, Code, ProvinceCode, ProvinceName, null, null)];

    public override string ToString() => $"{Name} ({Code})";

    /// <summary>The same regency whichever registry it came from (a file, the table, one loaded before a reload): the
    /// Kemendagri code is its identity, so a regency resolved when an upload arrived matches the rows read later.</summary>
    public bool Equals(Regency? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);
}

/// <summary>A regency as it was for a span of years: the code and province it had then.</summary>
/// <param name="FromYear">The first year of the span; null: since before the registry's history.</param>
/// <param name="ToYear">The last year of the span; null: still valid (the current version).</param>
public sealed record RegencyVersion(Regency Regency, string Code, string ProvinceCode, string ProvinceName, int? FromYear, int? ToYear)
{
    public bool Current => ToYear is null;

    public bool Covers(int year) => (FromYear is null || year >= FromYear) && (ToYear is null || year <= ToYear);
}
