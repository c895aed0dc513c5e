namespace Readiness.Core.Registry;

/// <summary>How a bare four-digit regency code is read. Codes written <c>PP.RR</c> are always Kemendagri.</summary>
public enum RegencyScheme
{
    /// <summary>Kemendagri (Permendagri 72/2019): <c>1307</c> is <c>13.07</c>, Kabupaten Lima Puluh Kota.</summary>
    Kemendagri,
    /// <summary>BPS: <c>1307</c> is Kabupaten Agam, looked up through the registry's BPS codes.</summary>
    Bps,
}

public static class RegencySchemes
{
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
