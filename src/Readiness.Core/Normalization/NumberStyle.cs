namespace Readiness.Core.Normalization;

/// <summary>How a file writes numbers. Decided once per file, never per cell.</summary>
public enum NumberStyle
{
    /// <summary>Indonesian Excel: <c>1.234,5</c> (comma decimals, dot thousands).</summary>
    DecimalComma,
    /// <summary>English: <c>1,234.5</c> (point decimals, comma thousands).</summary>
    DecimalPoint,
}

public static class NumberStyleNames
{
    public static string LocaleName(this NumberStyle style) => style == NumberStyle.DecimalComma ? "id-ID" : "en-US";

    /// <summary>Reads a <c>locale</c> option: <c>id-ID</c>/<c>id</c> or <c>en-US</c>/<c>en</c> (any case).</summary>
    public static bool TryParseLocale(string? text, out NumberStyle style)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "id" or "id-id" or "id_id" or "in-id":
                style = NumberStyle.DecimalComma;
                return true;
            case "en" or "en-us" or "en_us" or "en-gb" or "invariant":
                style = NumberStyle.DecimalPoint;
                return true;
            default:
                style = default;
                return false;
        }
    }
}
