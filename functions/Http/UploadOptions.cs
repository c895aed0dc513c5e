using Microsoft.AspNetCore.Http;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>
/// The options of an upload, as query parameters: <c>mode</c> (<c>atomic</c>|<c>partial</c>), <c>dryRun</c>
/// (<c>true</c>|<c>false</c>), <c>locale</c> (<c>id-ID</c>|<c>en-US</c>; absent or <c>auto</c>: decided from the
/// file), <c>regencyScheme</c> (<c>kemendagri</c>|<c>bps</c>) and <c>async</c> (<c>true</c>: answer 202 at once and
/// process in the background, as uploads above the size threshold always are). Other parameters (a function key's
/// <c>code</c>, where the host asks for one) are left alone. The header <see cref="ClientHeader"/> says which client
/// sent the upload (<see cref="ClientSource"/>).
/// </summary>
public sealed record UploadOptions
{
    public const string ModeParameter = "mode";
    public const string DryRunParameter = "dryRun";
    public const string LocaleParameter = "locale";
    public const string AsyncParameter = "async";

    /// <summary>The header the regency portal sends with its uploads (<c>X-Readiness-Client: portal</c>).</summary>
    public const string ClientHeader = "X-Readiness-Client";

    /// <summary>The one <see cref="ClientHeader"/> value that means something.</summary>
    public const string PortalClient = "portal";

    public const string ModeMessage = "mode must be 'atomic' (an invalid file stores nothing, the default) or 'partial' (valid rows are stored).";

    public ImportMode Mode { get; init; } = ImportMode.Atomic;

    public bool DryRun { get; init; }

    public NumberStyle? Locale { get; init; }

    public RegencyScheme Scheme { get; init; } = RegencyScheme.Kemendagri;

    /// <summary>Process in the background even when the file is small.</summary>
    public bool Async { get; init; }

    /// <summary>How the upload arrived: <see cref="UploadSource.Http"/> unless the portal sent it (<see cref="ClientSource"/>).</summary>
    public UploadSource Source { get; init; } = UploadSource.Http;

    /// <summary>
    /// <see cref="UploadSource.Portal"/> when the request says <c>X-Readiness-Client: portal</c> (any case), else
    /// <see cref="UploadSource.Http"/>. Another value is not an error: the header only labels the upload (its
    /// <c>source</c> and the upload metrics), so a client that sends one for its own purposes is counted as an API upload.
    /// </summary>
    public static UploadSource ClientSource(IHeaderDictionary headers) =>
        headers.TryGetValue(ClientHeader, out var values) && values.Count == 1 && string.Equals(values[0]?.Trim(), PortalClient, StringComparison.OrdinalIgnoreCase)
            ? UploadSource.Portal
            : UploadSource.Http;

    /// <summary>Reads the options; a value that is not one of the accepted ones, or an option given twice, is an error.</summary>
    public static Result<UploadOptions, OptionError> Parse(IQueryCollection query)
    {
        var mode = QueryOptions.Choice(query, ModeParameter, QueryOptions.ImportModes, ImportMode.Atomic, ModeMessage);
        if (!mode.Ok)
        {
            return mode.Error;
        }

        var dryRun = QueryOptions.Flag(query, DryRunParameter, "dryRun must be 'true' (validate and report only) or 'false'.");
        if (!dryRun.Ok)
        {
            return dryRun.Error;
        }

        var localeText = QueryOptions.Single(query, LocaleParameter);
        var locale = localeText.Ok
            ? QueryOptions.Locale(localeText.Value, LocaleParameter, "locale must be 'id-ID' (numbers written 1.234,5) or 'en-US' (1,234.5); leave it out to decide from the file.")
            : localeText.Error;
        if (!locale.Ok)
        {
            return locale.Error;
        }

        var scheme = QueryOptions.Scheme(query);
        if (!scheme.Ok)
        {
            return scheme.Error;
        }

        var background = QueryOptions.Flag(query, AsyncParameter, "async must be 'true' (answer 202 at once and process in the background) or 'false' (the default: small files are processed while you wait).");
        if (!background.Ok)
        {
            return background.Error;
        }

        return new UploadOptions { Mode = mode.Value, DryRun = dryRun.Value, Locale = locale.Value, Scheme = scheme.Value, Async = background.Value };
    }

    /// <summary>The import request for an upload to <paramref name="regency"/> (already resolved) by the caller
    /// <paramref name="keyId"/> (its identifier, never the key).</summary>
    public ImportRequest ToRequest(Regency? regency, string? fileName, string keyId) => new()
    {
        KeyId = keyId,
        Regency = regency,
        Mode = Mode,
        DryRun = DryRun,
        Locale = Locale,
        Scheme = Scheme,
        FileName = fileName,
        Source = Source,
        Async = Async,
    };
}
