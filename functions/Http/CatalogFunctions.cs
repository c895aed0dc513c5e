using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>
/// The indicator catalog and the upload templates made from it (<c>indicators</c>, <c>template</c>, <c>catalog</c>:
/// routes, access and statuses in the README's HTTP API table). The catalog is answered in the format of
/// <c>catalog/catalog.json</c>, so it can be saved and loaded back.
/// </summary>
public sealed class CatalogFunctions(IReferenceData referenceData, ReferenceDataService reference, RegencyLookupService regencies, TimeProvider clock, ILogger<CatalogFunctions> logger)
{
    public const string IndicatorsRoute = "indicators";
    public const string TemplateRoute = "template";
    public const string RegencyParameter = "regency";
    public const string CatalogRoute = "catalog";

    /// <summary>The shipped catalog is about 20 KB; a catalog ten times as large is still far below this.</summary>
    public const long MaxCatalogBytes = 1024 * 1024;

    /// <summary>Western Indonesia Time: the default year of a template is the current year there.</summary>
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Function(nameof(GetIndicators))]
    public Task<IActionResult> GetIndicators(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = IndicatorsRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (_, cancellationToken) =>
        {
            var catalog = (await referenceData.GetAsync(cancellationToken)).Catalog;
            return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = ApiResults.JsonContentType, Content = CatalogFile.ToJson(catalog) };
        });

    [Function(nameof(GetTemplate))]
    public Task<IActionResult> GetTemplate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = TemplateRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (_, cancellationToken) =>
        {
            if (!UploadOptions.Single(req.Query, QueryOptions.FormatParameter, out var format, out var badOption)
                || !UploadOptions.Single(req.Query, RegencyParameter, out var regency, out badOption)
                || !UploadOptions.Single(req.Query, QueryOptions.YearParameter, out var yearText, out badOption)
                || !UploadOptions.TryParseScheme(req.Query, out var scheme, out badOption))
            {
                return ApiResults.BadOption(badOption);
            }

            bool wide;
            switch (format?.Trim().ToLowerInvariant())
            {
                case null or "" or "long":
                    wide = false;
                    break;
                case "wide":
                    wide = true;
                    break;
                default:
                    return ApiResults.BadOption(new OptionError(QueryOptions.FormatParameter, format,
                        "format must be 'long' (one row per indicator, the default) or 'wide' (one column per indicator)."));
            }

            var year = clock.GetUtcNow().ToOffset(Wib).Year;
            if (yearText is not null && !QueryOptions.TryParseYear(yearText, QueryOptions.YearParameter, out year, out badOption))
            {
                return ApiResults.BadOption(badOption);
            }

            var regencyCode = "";
            if (!string.IsNullOrWhiteSpace(regency))
            {
                var lookup = await RegencyRoute.ResolveAsync(regencies, regency, scheme, allowAll: false, RegencyParameter, cancellationToken);
                if (lookup.Error is not null)
                {
                    return lookup.Error;
                }

                regencyCode = lookup.Code;
            }

            var catalog = (await referenceData.GetAsync(cancellationToken)).Catalog;
            using var buffer = new MemoryStream();
            UploadTemplate.Write(catalog, wide, regencyCode, year, buffer);
            // A byte order mark: Excel, where regency officers open the template, reads UTF-8 (the "–" and "≥" of the
            // notes) only with one. The importer accepts files with or without it.
            var text = "\uFEFF" + Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var fileName = string.Create(CultureInfo.InvariantCulture, $"template-{(wide ? "wide" : "long")}{(regencyCode.Length > 0 ? "-" + regencyCode : "")}-{year}.csv");
            return QueryOptions.Csv(req, text, fileName);
        });

    [Function(nameof(PutCatalog))]
    public Task<IActionResult> PutCatalog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = CatalogRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (_, cancellationToken) =>
        {
            var (content, error) = await SmallBody.ReadAsync(req, MaxCatalogBytes, "the catalog JSON", cancellationToken);
            if (content is null)
            {
                return error!;
            }

            Result<IndicatorCatalog, string> read;
            await using (content)
            {
                read = ReferenceDataService.ReadCatalog(content, "catalog");
            }

            if (!read.Ok)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "Invalid catalog", read.Error, "body");
            }

            var catalog = read.Value;
            var indicators = await reference.ReplaceCatalogAsync(catalog, cancellationToken);
            logger.LogInformation("Invocation {InvocationId}: catalog {Version} imported ({Indicators} indicators)", context.InvocationId, catalog.Version, indicators);
            return ApiResults.Json(StatusCodes.Status200OK, new CatalogImported(catalog.Version, indicators));
        });
}

/// <summary>What <c>PUT catalog</c> stored.</summary>
public sealed record CatalogImported(string Version, int Indicators);
