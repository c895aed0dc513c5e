using System.Text.Json.Serialization;

namespace Readiness.Core.Registry;

/// <summary>How a bare four-digit regency code is read. Codes written <c>PP.RR</c> are always Kemendagri. Stored and
/// answered in lower case (<c>kemendagri</c>, <c>bps</c>), as the <c>regencyScheme</c> option writes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegencyScheme>))]
public enum RegencyScheme
{
    /// <summary>Kemendagri (Permendagri 72/2019): <c>1307</c> is <c>13.07</c>, Kabupaten Lima Puluh Kota.</summary>
    [JsonStringEnumMemberName("kemendagri")]
    Kemendagri,

    /// <summary>BPS: <c>1307</c> is Kabupaten Agam, looked up through the registry's BPS codes.</summary>
    [JsonStringEnumMemberName("bps")]
    Bps,
}

public static class RegencySchemes
{
    /// <summary>The stored (lower-case) name.</summary>
    public static string Name(this RegencyScheme scheme) => scheme.ToString().ToLowerInvariant();

    /// <summary>A stored name; a row without one (or with one this version does not know) is Kemendagri.</summary>
    public static RegencyScheme Parse(string? text) => TryParse(text, out var scheme) ? scheme : RegencyScheme.Kemendagri;

    public static bool TryParse(string? text, out RegencyScheme scheme)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "kemendagri" or "kemdagri" or "permendagri":
                scheme = RegencyScheme.Kemendagri;
                return true;
            case "bps":
                scheme = RegencyScheme.Bps;
                return true;
            default:
                scheme = default;
                return false;
        }
    }
}
