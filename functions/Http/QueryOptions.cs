using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>A query option that could not be read: which one, what it said, and what it accepts.</summary>
public sealed record OptionError(string Parameter, string? Value, string Message);

/// <summary>
/// How every function reads its query options: each option at most once, values trimmed and case-insensitive, an
/// option that is absent taking its default, and anything else an <see cref="OptionError"/> naming the option, its
/// value and what it accepts. Also the CSV answer of the read endpoints.
/// </summary>
public static class QueryOptions
{
    public const string YearParameter = "year";
    public const string FormatParameter = "format";
    public const string SchemeParameter = "regencyScheme";
    public const string TopParameter = "top";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary><c>atomic</c> (or empty) and <c>partial</c>.</summary>
    public static IReadOnlyDictionary<string, ImportMode> ImportModes { get; } = new Dictionary<string, ImportMode>(StringComparer.OrdinalIgnoreCase)
    {
        [""] = ImportMode.Atomic,
        ["atomic"] = ImportMode.Atomic,
        ["partial"] = ImportMode.Partial,
    };

    /// <summary>A flag: <c>?dryRun</c> or <c>?async</c> alone means true.</summary>
    public static IReadOnlyDictionary<string, bool> Flags { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        [""] = true,
        ["true"] = true,
        ["1"] = true,
        ["yes"] = true,
        ["false"] = false,
        ["0"] = false,
        ["no"] = false,
    };

    /// <summary>The one value of a query option (null when absent); an option given twice is an error.</summary>
    public static Result<string?, OptionError> Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return Result<string?, OptionError>.Success(null);
        }

        return values.Count > 1
            ? new OptionError(name, values.ToString(), $"{name} is given {values.Count} times; give it once.")
            : Result<string?, OptionError>.Success(values.ToString());
    }

    /// <summary>One of <paramref name="choices"/> (trimmed, any case); <paramref name="absent"/> when the option is not given.</summary>
    public static Result<T, OptionError> Choice<T>(IQueryCollection query, string name, IReadOnlyDictionary<string, T> choices, T absent, string message)
    {
        var text = Single(query, name);
        return text.Ok ? Choice(text.Value, name, choices, absent, message) : text.Error;
    }

    /// <summary>The same for a value that does not come from the query string (a JSON body's member).</summary>
    public static Result<T, OptionError> Choice<T>(string? text, string name, IReadOnlyDictionary<string, T> choices, T absent, string message) =>
        text is null ? Result<T, OptionError>.Success(absent)
        : choices.TryGetValue(text.Trim(), out var value) ? Result<T, OptionError>.Success(value)
        : new OptionError(name, text, message);

    /// <summary>A flag option: false when absent, see <see cref="Flags"/>.</summary>
    public static Result<bool, OptionError> Flag(IQueryCollection query, string name, string message) =>
        Choice(query, name, Flags, false, message);

    /// <summary>A year of the periods the pipeline stores (<see cref="Period.MinYear"/> to <see cref="Period.MaxYear"/>).</summary>
    public static Result<int, OptionError> Year(string? text, string parameter) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= Period.MinYear and <= Period.MaxYear
            ? year
            : new OptionError(parameter, text, string.Create(CultureInfo.InvariantCulture,
                $"{parameter} must be a year from {Period.MinYear} to {Period.MaxYear}, such as {parameter}=2024."));

    /// <summary>An optional <c>year</c>, <paramref name="absent"/> when not given.</summary>
    public static Result<int, OptionError> Year(IQueryCollection query, int absent)
    {
        var text = Single(query, YearParameter);
        return !text.Ok ? text.Error : text.Value is null ? absent : Year(text.Value, YearParameter);
    }

    /// <summary>A required <c>year</c>.</summary>
    public static Result<int, OptionError> RequiredYear(IQueryCollection query)
    {
        var text = Single(query, YearParameter);
        return !text.Ok ? text.Error
            : text.Value is null ? new OptionError(YearParameter, null, "year is required: the year to list, such as year=2024.")
            : Year(text.Value, YearParameter);
    }

    /// <summary><c>year</c> given any number of times (<c>?year=2024&amp;year=2023</c>); null when not given.</summary>
    public static Result<IReadOnlyList<int>?, OptionError> Years(IQueryCollection query)
    {
        if (!query.TryGetValue(YearParameter, out var values))
        {
            return Result<IReadOnlyList<int>?, OptionError>.Success(null);
        }

        var years = new List<int>();
        foreach (var text in values)
        {
            var year = Year(text, YearParameter);
            if (!year.Ok)
            {
                return year.Error;
            }

            years.Add(year.Value);
        }

        return years;
    }

    /// <summary><c>regencyScheme</c>: how every request that names a regency reads the code.</summary>
    public static Result<RegencyScheme, OptionError> Scheme(IQueryCollection query)
    {
        var text = Single(query, SchemeParameter);
        return !text.Ok ? text.Error
            : RegencySchemes.TryParse(text.Value, out var scheme) ? scheme
            : new OptionError(SchemeParameter, text.Value, "regencyScheme must be 'kemendagri' (the default: 1307 is 13.07) or 'bps' (four-digit codes are BPS codes).");
    }

    /// <summary>A number style by its locale name; absent, empty or <c>auto</c>: null, decided from the file.</summary>
    public static Result<NumberStyle?, OptionError> Locale(string? text, string name, string message)
    {
        if (text is null || text.Trim().Length == 0 || text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Result<NumberStyle?, OptionError>.Success(null);
        }

        return NumberStyleNames.TryParseLocale(text, out var style)
            ? Result<NumberStyle?, OptionError>.Success(style)
            : new OptionError(name, text, message);
    }

    /// <summary><c>top</c> of a list: a whole number from 1 to <paramref name="max"/>, <paramref name="defaultTop"/> when absent.</summary>
    public static Result<int, OptionError> Top(IQueryCollection query, int defaultTop, int max)
    {
        var text = Single(query, TopParameter);
        return !text.Ok ? text.Error
            : text.Value is null ? defaultTop
            : int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top >= 1 && top <= max ? top
            : new OptionError(TopParameter, text.Value, string.Create(CultureInfo.InvariantCulture, $"top must be a whole number from 1 to {max} (default {defaultTop})."));
    }

    /// <summary>
    /// Whether the caller asked for CSV: <c>format=csv</c>, or (without <c>format</c>) an <c>Accept</c> header that
    /// names <c>text/csv</c> at least as highly as <c>application/json</c>. Wildcards and anything else get JSON.
    /// </summary>
    public static Result<bool, OptionError> CsvWanted(HttpRequest request)
    {
        var format = Single(request.Query, FormatParameter);
        if (!format.Ok)
        {
            return format.Error;
        }

        return format.Value?.Trim().ToLowerInvariant() switch
        {
            null or "" => AcceptsCsv(request.Headers.Accept),
            "json" => false,
            "csv" => true,
            _ => new OptionError(FormatParameter, format.Value, "format must be 'json' (the default) or 'csv'; an Accept: text/csv header asks for CSV too."),
        };
    }

    /// <summary>A CSV download: <c>text/csv; charset=utf-8</c> with <c>Content-Disposition: attachment</c>.</summary>
    public static ContentResult Csv(HttpRequest request, string text, string fileName)
    {
        request.HttpContext.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = CsvContentType, Content = text };
    }

    private static bool AcceptsCsv(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        double? csv = null, json = null;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1.0;
            if (type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv ?? 0, quality);
            }
            else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json ?? 0, quality);
            }
        }

        return csv > 0 && (json is null || csv >= json);
    }
}
