using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Readiness.Core.Observations;

namespace Readiness.Functions.Http;

/// <summary>Query options and answers shared by the read endpoints: years, output formats, CSV downloads.</summary>
public static class QueryOptions
{
    public const string YearParameter = "year";
    public const string FormatParameter = "format";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>A year of the periods the pipeline stores (<see cref="Period.MinYear"/> to <see cref="Period.MaxYear"/>).</summary>
    public static bool TryParseYear(string? text, string parameter, out int year, [NotNullWhen(false)] out OptionError? error)
    {
        error = null;
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= Period.MinYear and <= Period.MaxYear)
        {
            return true;
        }

        error = new OptionError(parameter, text, string.Create(CultureInfo.InvariantCulture,
            $"{parameter} must be a year from {Period.MinYear} to {Period.MaxYear}, such as {parameter}=2024."));
        return false;
    }

    /// <summary>A required year query option.</summary>
    public static bool TryParseRequiredYear(IQueryCollection query, out int year, [NotNullWhen(false)] out OptionError? error)
    {
        year = 0;
        if (!UploadOptions.Single(query, YearParameter, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            error = new OptionError(YearParameter, null, "year is required: the year to list, such as year=2024.");
            return false;
        }

        return TryParseYear(text, YearParameter, out year, out error);
    }

    /// <summary>
    /// Whether the caller asked for CSV: <c>format=csv</c>, or (without <c>format</c>) an <c>Accept</c> header that
    /// names <c>text/csv</c> at least as highly as <c>application/json</c>. Wildcards and anything else get JSON.
    /// </summary>
    public static bool TryParseCsvWanted(HttpRequest request, out bool csv, [NotNullWhen(false)] out OptionError? error)
    {
        csv = false;
        if (!UploadOptions.Single(request.Query, FormatParameter, out var format, out error))
        {
            return false;
        }

        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "":
                csv = AcceptsCsv(request.Headers.Accept);
                return true;
            case "json":
                return true;
            case "csv":
                csv = true;
                return true;
            default:
                error = new OptionError(FormatParameter, format, "format must be 'json' (the default) or 'csv'; an Accept: text/csv header asks for CSV too.");
                return false;
        }
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
