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

    /// <summary><c>format</c> of a template: CSV in the long or wide layout, or an Excel workbook.</summary>
    private static readonly Dictionary<string, TemplateFormat> TemplateFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = TemplateFormat.Long,
        ["long"] = TemplateFormat.Long,
        ["csv"] = TemplateFormat.Long,
        ["wide"] = TemplateFormat.Wide,
        ["xlsx"] = TemplateFormat.Xlsx,
    };

    /// <summary><c>layout</c> of an xlsx template: whether it is wide.</summary>
    private static readonly Dictionary<string, bool> TemplateLayouts = new(StringComparer.OrdinalIgnoreCase) { [""] = false, ["long"] = false, ["wide"] = true };

    private enum TemplateFormat
    {
        Long,
        Wide,
        Xlsx,
    }

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
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var format = QueryOptions.Choice(req.Query, QueryOptions.FormatParameter, TemplateFormats, TemplateFormat.Long,
                "format must be 'long' (CSV, one row per indicator, the default), 'wide' (CSV, one column per indicator) or 'xlsx' (an Excel workbook; layout=long|wide).");
            var layout = QueryOptions.Choice(req.Query, "layout", TemplateLayouts, false, "layout must be 'long' (the default) or 'wide'.");
            var regency = QueryOptions.Single(req.Query, RegencyParameter);
            var year = QueryOptions.Year(req.Query, clock.GetUtcNow().ToOffset(Wib).Year);
            var scheme = QueryOptions.Scheme(req.Query);
            if ((format.Error ?? layout.Error ?? regency.Error ?? year.Error ?? scheme.Error) is { } badOption)
            {
                return call.Refuse(badOption);
            }

            var wide = format.Value == TemplateFormat.Wide || (format.Value == TemplateFormat.Xlsx && layout.Value);

            var regencyCode = "";
            if (!string.IsNullOrWhiteSpace(regency.Value))
            {
                var lookup = await RegencyRoute.ResolveAsync(regencies, regency.Value, scheme.Value, allowAll: false, RegencyParameter, cancellationToken);
                if (!lookup.Ok)
                {
                    return call.Refuse(lookup.Error);
                }

                regencyCode = lookup.Value.Code;
            }

            var catalog = (await referenceData.GetAsync(cancellationToken)).Catalog;
            using var buffer = new MemoryStream();
            var baseName = string.Create(CultureInfo.InvariantCulture, $"template-{(wide ? "wide" : "long")}{(regencyCode.Length > 0 ? "-" + regencyCode : "")}-{year.Value}");
            if (format.Value == TemplateFormat.Xlsx)
            {
                await WorkbookTemplate.WriteAsync(catalog, wide, regencyCode, year.Value, buffer, cancellationToken);
                req.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{baseName}.xlsx\"";
                return new FileContentResult(buffer.ToArray(), WorkbookTemplate.ContentType);
            }

            UploadTemplate.Write(catalog, wide, regencyCode, year.Value, buffer);
            // A byte order mark: Excel, where regency officers open the template, reads UTF-8 (the "–" and "≥" of the
            // notes) only with one. The importer accepts files with or without it.
            var text = "\uFEFF" + Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return QueryOptions.Csv(req, text, baseName + ".csv");
        });

    [Function(nameof(PutCatalog))]
    public Task<IActionResult> PutCatalog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = CatalogRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var body = await SmallBody.ReadAsync(req, MaxCatalogBytes, "the catalog JSON", cancellationToken);
            if (!body.Ok)
            {
                return call.Refuse(body.Error);
            }

            Result<IndicatorCatalog, string> read;
            await using (body.Value)
            {
                read = ReferenceDataService.ReadCatalog(body.Value, "catalog");
            }

            if (!read.Ok)
            {
                return call.Refuse(new ApiProblem(StatusCodes.Status400BadRequest, "Invalid catalog", read.Error, "body"));
            }

            var catalog = read.Value;
            var indicators = await reference.ReplaceCatalogAsync(catalog, cancellationToken);
            logger.LogInformation("Invocation {InvocationId}: catalog {Version} imported ({Indicators} indicators)", context.InvocationId, catalog.Version, indicators);
            return ApiResults.Json(StatusCodes.Status200OK, new CatalogImported(catalog.Version, indicators));
        });
}

/// <summary>What <c>PUT catalog</c> stored.</summary>
public sealed record CatalogImported(string Version, int Indicators);
