using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Functions.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

public class CatalogFunctionsTests
{
    private static int ThisYearInWib => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year;

    [Fact]
    public async Task Indicators_AreTheCatalogInItsFileFormat()
    {
        await using var app = await TestApp.CreateAsync();

        var result = await app.Create<CatalogFunctions>().GetIndicators(app.AsAdmin(Requests.Get()), app.Context);

        var response = Response.Of(result);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(CatalogFile.Default.Version, response.Json.GetProperty("version").GetString());
        Assert.Equal(6, response.Json.GetProperty("dimensionWeights").EnumerateObject().Count());
        Assert.Equal(5, response.Json.GetProperty("levels").GetArrayLength());
        var indicators = response.Json.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(24, indicators.Count);
        Assert.Equal(("GOV-01", "governance"), (indicators[0].GetProperty("code").GetString(), indicators[0].GetProperty("dimension").GetString()));
        Assert.True(indicators[0].TryGetProperty("scoring", out var scoring) && scoring.TryGetProperty("method", out _));
        var loaded = CatalogFile.Parse(((ContentResult)result).Content!);
        Assert.Equal(CatalogFile.Default.Indicators, loaded.Indicators);
        Assert.Equal(CatalogFile.Default.Levels, loaded.Levels);
    }

    [Fact]
    public async Task Template_ByDefault_IsTheLongFormForThisYear()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Get();

        var response = CsvResponse.Of(await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(request), app.Context), request);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/csv; charset=utf-8", response.ContentType);
        Assert.StartsWith("\uFEFF", response.Text, StringComparison.Ordinal); // Excel reads UTF-8 only with a BOM
        Assert.Equal($"attachment; filename=template-long-{ThisYearInWib}.csv", response.Disposition);
        Assert.Equal("regency_code,indicator_code,period,value,unit,note", response.Lines[0]);
        Assert.Equal(25, response.Lines.Length);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $",GOV-01,{ThisYearInWib},,percent,"), response.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_ForARegencyAndYear_IsFilledInWithThem()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Get("?format=long&regency=50%20Kota&year=2024");

        var response = CsvResponse.Of(await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(request), app.Context), request);

        Assert.Equal("attachment; filename=template-long-13.07-2024.csv", response.Disposition);
        Assert.All(response.Lines[1..], l => Assert.StartsWith("13.07,", l, StringComparison.Ordinal));
        Assert.Equal(CatalogFile.Default.Indicators.Select(i => i.Code), response.Lines[1..].Select(l => l.Split(',')[1]));
        Assert.All(response.Lines[1..], l => Assert.Equal("2024", l.Split(',')[2]));
    }

    [Fact]
    public async Task Template_Wide_HasOneColumnPerIndicatorAndUploadsOnceFilledIn()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Get("?format=WIDE&regency=13.07&year=2024");

        var response = CsvResponse.Of(await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(request), app.Context), request);

        Assert.Equal("attachment; filename=template-wide-13.07-2024.csv", response.Disposition);
        Assert.Equal(["regency_code", "period", .. CatalogFile.Default.Indicators.Select(i => i.Code)], response.Lines[0].Split(','));
        Assert.Equal("13.07,2024", response.Lines[1][..10]);

        // A regency fills in one value and uploads the file as it came: the template is an upload the API reads.
        var cells = response.Lines[1].Split(',');
        cells[2] = "87.5";
        var filled = response.Text.Replace(response.Lines[1], string.Join(',', cells), StringComparison.Ordinal);
        var upload = await app.Imports.ImportAsync(new ImportRequest { Regency = Samples.RegencyOf("13.07"), Mode = ImportMode.Partial }, new MemoryStream(Encoding.UTF8.GetBytes(filled)), CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, upload.Upload.Status);
        Assert.Equal(87.5, (await app.StoredAsync("13.07"))["2024|GOV-01"].Value);
    }

    [Theory]
    [InlineData("?format=ods", 400, "format")]
    [InlineData("?format=xlsx&layout=tall", 400, "layout")]
    [InlineData("?format=long&format=wide", 400, "format")]
    [InlineData("?year=24", 400, "year")]
    [InlineData("?year=2024.5", 400, "year")]
    [InlineData("?regencyScheme=iso", 400, "regencyScheme")]
    [InlineData("?regency=99.99", 404, "regency")]
    [InlineData("?regency=Bogor", 400, "regency")]
    public async Task Template_WithABadOption_IsAProblemNamingIt(string query, int status, string parameter)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(Requests.Get(query)), app.Context));

        Assert.Equal((status, parameter), (response.Status, response.Parameter));
        Assert.True(response.IsProblem);
    }
}
