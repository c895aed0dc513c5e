using System.Text.Json.Serialization;

namespace Readiness.Core.Normalization;

/// <summary>How a file writes numbers. Decided once per file, never per cell. Stored and answered by its locale name
/// (<see cref="NumberStyleNames.LocaleName"/>), as the <c>locale</c> option writes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumberStyle>))]
public enum NumberStyle
{
    /// <summary>Indonesian Excel: <c>1.234,5</c> (comma decimals, dot thousands).</summary>
    [JsonStringEnumMemberName("id-ID")]
    DecimalComma,

    /// <summary>English: <c>1,234.5</c> (point decimals, comma thousands).</summary>
    [JsonStringEnumMemberName("en-US")]
    DecimalPoint,
}

public static class NumberStyleNames
{
    public static string LocaleName(this NumberStyle style) => style == NumberStyle.DecimalComma ? "id-ID" : "en-US";

    /// <summary>A stored locale name: the style it names, or null (detect it from the file) for none or one this
    /// version does not know.</summary>
    public static NumberStyle? ParseLocale(string? text) => TryParseLocale(text, out var style) ? style : null;

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
