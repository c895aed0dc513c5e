using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>A query option that could not be read: which one, what it said, and what it accepts.</summary>
public sealed record OptionError(string Parameter, string? Value, string Message);

/// <summary>
/// The options of an upload, as query parameters: <c>mode</c> (<c>atomic</c>|<c>partial</c>), <c>dryRun</c>
/// (<c>true</c>|<c>false</c>), <c>locale</c> (<c>id-ID</c>|<c>en-US</c>; absent or <c>auto</c>: decided from the
/// file), <c>regencyScheme</c> (<c>kemendagri</c>|<c>bps</c>) and <c>async</c> (<c>true</c>: answer 202 at once and
/// process in the background, as uploads above the size threshold always are). Other parameters (a function key's <c>code</c>, where the host asks for one)
/// are left alone. The list of uploads reads <c>top</c>, and every request that names a regency reads <c>regencyScheme</c>.
/// </summary>
public sealed record UploadOptions
{
    public const string ModeParameter = "mode";
    public const string DryRunParameter = "dryRun";
    public const string LocaleParameter = "locale";
    public const string SchemeParameter = "regencyScheme";
    public const string TopParameter = "top";
    public const string AsyncParameter = "async";

    public ImportMode Mode { get; init; } = ImportMode.Atomic;

    public bool DryRun { get; init; }

    public NumberStyle? Locale { get; init; }

    public RegencyScheme Scheme { get; init; } = RegencyScheme.Kemendagri;

    /// <summary>Process in the background even when the file is small.</summary>
    public bool Async { get; init; }

    /// <summary>Reads the options; a value that is not one of the accepted ones, or an option given twice, is an error.</summary>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out UploadOptions? options, [NotNullWhen(false)] out OptionError? error)
    {
        options = null;
        if (!Single(query, ModeParameter, out var mode, out error)
            || !Single(query, DryRunParameter, out var dryRun, out error)
            || !Single(query, LocaleParameter, out var locale, out error)
            || !Single(query, SchemeParameter, out var scheme, out error)
            || !Single(query, AsyncParameter, out var background, out error))
        {
            return false;
        }

        var parsedMode = ImportMode.Atomic;
        if (mode is not null && !TryParseMode(mode, out parsedMode))
        {
            error = new OptionError(ModeParameter, mode, "mode must be 'atomic' (an invalid file stores nothing, the default) or 'partial' (valid rows are stored).");
            return false;
        }

        var parsedDryRun = false;
        if (dryRun is not null && !TryParseFlag(dryRun, out parsedDryRun))
        {
            error = new OptionError(DryRunParameter, dryRun, "dryRun must be 'true' (validate and report only) or 'false'.");
            return false;
        }

        NumberStyle? parsedLocale = null;
        if (locale is not null && !locale.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) && locale.Trim().Length > 0)
        {
            if (!NumberStyleNames.TryParseLocale(locale, out var style))
            {
                error = new OptionError(LocaleParameter, locale, "locale must be 'id-ID' (numbers written 1.234,5) or 'en-US' (1,234.5); leave it out to decide from the file.");
                return false;
            }

            parsedLocale = style;
        }

        if (!TryParseScheme(scheme, out var parsedScheme, out error))
        {
            return false;
        }

        var parsedAsync = false;
        if (background is not null && !TryParseFlag(background, out parsedAsync))
        {
            error = new OptionError(AsyncParameter, background, "async must be 'true' (answer 202 at once and process in the background) or 'false' (the default: small files are processed while you wait).");
            return false;
        }

        options = new UploadOptions { Mode = parsedMode, DryRun = parsedDryRun, Locale = parsedLocale, Scheme = parsedScheme, Async = parsedAsync };
        return true;
    }

    /// <summary><c>regencyScheme</c> alone, for the requests that only look a regency up.</summary>
    public static bool TryParseScheme(IQueryCollection query, out RegencyScheme scheme, [NotNullWhen(false)] out OptionError? error)
    {
        scheme = default;
        return Single(query, SchemeParameter, out var text, out error) && TryParseScheme(text, out scheme, out error);
    }

    /// <summary><c>top</c> of a list: a whole number from 1 to <paramref name="max"/>, <paramref name="defaultTop"/> when absent.</summary>
    public static bool TryParseTop(IQueryCollection query, int defaultTop, int max, out int top, [NotNullWhen(false)] out OptionError? error)
    {
        top = defaultTop;
        if (!Single(query, TopParameter, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top >= 1 && top <= max)
        {
            return true;
        }

        error = new OptionError(TopParameter, text, string.Create(CultureInfo.InvariantCulture, $"top must be a whole number from 1 to {max} (default {defaultTop})."));
        return false;
    }

    /// <summary>The import request for an upload to <paramref name="regency"/> (already resolved).</summary>
    public ImportRequest ToRequest(Regency? regency, string? fileName) => new()
    {
        Regency = regency,
        Mode = Mode,
        DryRun = DryRun,
        Locale = Locale,
        Scheme = Scheme,
        FileName = fileName,
        Source = UploadSource.Http,
        Async = Async,
    };

    /// <summary>The one value of a query option (null when absent); an option given twice is an error.</summary>
    internal static bool Single(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out OptionError? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = new OptionError(name, values.ToString(), $"{name} is given {values.Count} times; give it once.");
            return false;
        }

        value = values.ToString();
        return true;
    }

    private static bool TryParseScheme(string? text, out RegencyScheme scheme, [NotNullWhen(false)] out OptionError? error)
    {
        error = null;
        if (RegencySchemes.TryParse(text, out scheme))
        {
            return true;
        }

        error = new OptionError(SchemeParameter, text, "regencyScheme must be 'kemendagri' (the default: 1307 is 13.07) or 'bps' (four-digit codes are BPS codes).");
        return false;
    }

    internal static bool TryParseMode(string text, out ImportMode mode)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "atomic":
                mode = ImportMode.Atomic;
                return true;
            case "partial":
                mode = ImportMode.Partial;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>A flag: <c>?dryRun</c> or <c>?async</c> alone means true.</summary>
    internal static bool TryParseFlag(string text, out bool flag)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes":
                flag = true;
                return true;
            case "false" or "0" or "no":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }
}
