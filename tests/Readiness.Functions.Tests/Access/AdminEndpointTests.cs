using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Functions.Http;
using Readiness.Functions.Tests.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Access;

/// <summary>The operators' endpoints: recompute, replay, registry, catalog and sources, called with the admin key.</summary>
public class AdminEndpointTests
{
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2023,50
        13.07,GOV-01,2024,100
        32.71,GOV-01,2024,60
        """;

    private static async Task ImportAsync(TestApp app, string csv = Data)
    {
        var result = await app.Imports.ImportAsync(new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        Assert.True(result.Report.Valid, result.Report.ToJson());
    }

    [Fact]
    public async Task Recompute_OfTheYearsAsked_ScoresThem_AndWithoutYearsEveryYear()
    {
        await using var app = await TestApp.CreateAsync();
        await ImportAsync(app);
        var functions = app.Create<ScoreFunctions>();

        var one = Response.Of(await functions.RecomputeScores(app.AsAdmin(Requests.Send("POST", "?year=2024")), app.Context));
        var all = Response.Of(await functions.RecomputeScores(app.AsAdmin(Requests.Send("POST")), app.Context));
        var two = Response.Of(await functions.RecomputeScores(app.AsAdmin(Requests.Send("POST", "?year=2023&year=2024")), app.Context));

        Assert.Equal(200, one.Status);
        Assert.Equal([2024], one.Json.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(2, one.Json.GetProperty("regenciesScored").GetInt32());
        Assert.True(one.Json.GetProperty("rowsWritten").GetInt32() > 0);
        Assert.Equal([2023, 2024], all.Json.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal([2023, 2024], two.Json.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(2, (await app.Scores.YearAsync(2024, null, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("?year=24")]
    [InlineData("?year=")]
    [InlineData("?year=2024&year=abc")]
    public async Task Recompute_WithABadYear_Is400NamingIt(string query)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().RecomputeScores(app.AsAdmin(Requests.Send("POST", query)), app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("year", response.Parameter);
    }

    [Fact]
    public async Task Replay_OfAFailedUpload_QueuesItAgain_202WithItsStatusLocation()
    {
        await using var app = await TestApp.CreateAsync();
        var queued = await app.Imports.ImportAsync(new ImportRequest { Regency = Samples.RegencyOf("13.07"), Async = true }, new MemoryStream("indicator_code,period,value\nGOV-01,2024,1\n"u8.ToArray()), CancellationToken.None);
        await app.DrainAsync(StorageNames.Queues.Uploads);
        await app.Imports.MarkFailedAsync(new UploadWork("13.07", queued.Upload.UploadId), "Storage was down.", CancellationToken.None);
        var request = app.AsAdmin(Requests.Send("POST"));

        var response = Response.Of(await app.Functions.ReplayUpload(request, "Kabupaten Lima Puluh Kota", queued.Upload.UploadId, app.Context));

        Assert.Equal(202, response.Status);
        Assert.Equal("Queued", response.Upload.GetProperty("status").GetString());
        Assert.Equal(UploadFunctions.StatusLocation("13.07", queued.Upload.UploadId), request.HttpContext.Response.Headers.Location.ToString());
        Assert.Contains(queued.Upload.UploadId, Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OfACompletedUpload_Is409()
    {
        await using var app = await TestApp.CreateAsync();
        var done = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv("indicator_code,period,value\nGOV-01,2024,1\n")), "13.07", app.Context));

        var response = Response.Of(await app.Functions.ReplayUpload(app.AsAdmin(Requests.Send("POST")), "13.07", done.UploadId, app.Context));

        Assert.Equal(409, response.Status);
        Assert.Equal("Completed", response.Json.GetProperty("uploadStatus").GetString());
        Assert.Contains("already final", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
    }

    [Theory]
    [InlineData("13.07", "20240101T000000000-deadbeef", "id")]
    [InlineData("13.07", "../../etc/passwd", "id")]
    [InlineData("13.07", "a#b?c", "id")]
    [InlineData("99.99", "20240101T000000000-deadbeef", "code")]
    public async Task Replay_OfAnUnknownUploadOrRegency_Is404(string code, string id, string parameter)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.ReplayUpload(app.AsAdmin(Requests.Send("POST")), code, id, app.Context));

        Assert.Equal(404, response.Status);
        Assert.Equal(parameter, response.Parameter);
    }

    [Fact]
    public async Task Registry_Put_ReplacesTheRegistry_AndAnswersTheCount()
    {
        await using var app = await TestApp.CreateAsync();
        var csv = AccessFixture.RegistryCsv.TrimEnd() + "\n99.01,Kabupaten Uji,99,Provinsi Uji,,Uji\n";

        var response = Response.Of(await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Requests.Send("PUT", body: csv, contentType: "text/csv")), app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal(Samples.Registry.Count + 1, response.Json.GetProperty("regencies").GetInt32());
        Assert.True((await app.Services.GetRequiredService<RegencyLookupService>().FindAsync("Uji", RegencyScheme.Kemendagri, CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task Registry_Put_OfTheNationalFile_Stores514_AndFormerCodesResolveToTheirSuccessor()
    {
        await using var app = await TestApp.CreateAsync();
        var csv = await File.ReadAllTextAsync(Readiness.Development.SharedData.File(Readiness.Development.SharedData.NationalRegistryFile));

        var response = Response.Of(await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Requests.Send("PUT", body: csv, contentType: "text/csv")), app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal((514, 38, 26), (response.Json.GetProperty("regencies").GetInt32(), response.Json.GetProperty("provinces").GetInt32(), response.Json.GetProperty("formerCodes").GetInt32()));
        var sorong = await app.Services.GetRequiredService<RegencyLookupService>().FindAsync("92.71", RegencyScheme.Kemendagri, CancellationToken.None);
        Assert.Equal("96.71", sorong.Value.Code);
    }

    [Fact]
    public async Task Registry_Put_WithAnUnknownColumn_Is400NamingIt()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Requests.Send("PUT", body: "code,name,province_code,province_name,luas\n13.71,Kota Padang,13,Sumatera Barat,694\n", contentType: "text/csv")), app.Context));

        Assert.Equal(400, response.Status);
        Assert.Contains("column 5 'luas' is not a registry column", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code,name,province_code,province_name\n13x,Kabupaten X,13,Sumatera Barat\n", "line 2: code '13x' is not a Kemendagri code")]
    [InlineData("kode,nama\n13.07,X\n", "'code' is missing")]
    [InlineData("code,name,province_code,province_name\n13.07,A,13,S\n13.07,B,13,S\n", "13.07 is listed twice")]
    [InlineData("code,name,province_code,province_name\n", "lists no regency")]
    [InlineData("code,name,province_code,province_name\n13.07,A,1#3,S\n", "province_code")]
    public async Task Registry_Put_OfABadFile_Is400WithTheProblem_AndChangesNothing(string csv, string message)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Requests.Send("PUT", body: csv, contentType: "text/csv")), app.Context));

        Assert.Equal(400, response.Status);
        Assert.Contains(message, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        Assert.True((await app.Services.GetRequiredService<RegencyLookupService>().FindAsync("32.71", RegencyScheme.Kemendagri, CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task Catalog_Put_ReplacesTheCatalog_AndAnswersItsVersion()
    {
        await using var app = await TestApp.CreateAsync();
        var json = AccessFixture.CatalogJson.Replace($"\"version\": \"{Core.Catalog.CatalogFile.Default.Version}\"", "\"version\": \"test-2\"", StringComparison.Ordinal);
        Assert.NotEqual(AccessFixture.CatalogJson, json);

        var response = Response.Of(await app.Create<CatalogFunctions>().PutCatalog(app.AsAdmin(Requests.Send("PUT", body: json, contentType: "application/json")), app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("test-2", response.Json.GetProperty("version").GetString());
        Assert.Equal(Core.Catalog.CatalogFile.Default.Indicators.Count, response.Json.GetProperty("indicators").GetInt32());
        var indicators = Response.Of(await app.Create<CatalogFunctions>().GetIndicators(app.AsAdmin(Requests.Get()), app.Context));
        Assert.Equal("test-2", indicators.Json.GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("{", "not a valid catalog JSON file")]
    [InlineData("null", "the file is empty")]
    [InlineData("[1,2]", "not a valid catalog JSON file")]
    [InlineData("GOV/01", "may not contain")]
    public async Task Catalog_Put_OfABadFile_Is400WithTheCatalogProblem(string body, string message)
    {
        await using var app = await TestApp.CreateAsync();
        var json = body == "GOV/01" ? AccessFixture.CatalogJson.Replace("\"GOV-01\"", "\"GOV/01\"", StringComparison.Ordinal) : body;

        var response = Response.Of(await app.Create<CatalogFunctions>().PutCatalog(app.AsAdmin(Requests.Send("PUT", body: json, contentType: "application/json")), app.Context));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("catalog", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(message, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_PutListDelete_RoundTrip()
    {
        await using var app = await TestApp.CreateAsync();
        var functions = app.Create<SourceFunctions>();
        const string Body = """{"url":"https://data.example.go.id/50kota.csv","mode":"partial","locale":"id","regencyScheme":"bps","enabled":false}""";

        var saved = Response.Of(await functions.PutSource(app.AsAdmin(Requests.Send("PUT", body: Body, contentType: "application/json")), "50 Kota", "portal-1", app.Context));
        var listed = Response.Of(await functions.ListSources(app.AsAdmin(Requests.Get()), app.Context));
        var deleted = await functions.DeleteSource(app.AsAdmin(Requests.Send("DELETE")), "13.07", "portal-1", app.Context);
        var again = Response.Of(await functions.DeleteSource(app.AsAdmin(Requests.Send("DELETE")), "13.07", "portal-1", app.Context));

        Assert.Equal(200, saved.Status);
        Assert.Equal(("13.07", "portal-1", "partial", "id-ID", "bps", false), (
            saved.Json.GetProperty("regency").GetString(), saved.Json.GetProperty("id").GetString(), saved.Json.GetProperty("mode").GetString(),
            saved.Json.GetProperty("locale").GetString(), saved.Json.GetProperty("regencyScheme").GetString(), saved.Json.GetProperty("enabled").GetBoolean()));
        var source = Assert.Single(listed.Json.GetProperty("sources").EnumerateArray());
        Assert.Equal("https://data.example.go.id/50kota.csv", source.GetProperty("url").GetString());
        Assert.Equal(204, Assert.IsType<NoContentResult>(deleted).StatusCode);
        Assert.Equal(404, again.Status);
        Assert.Equal("id", again.Parameter);
        Assert.Empty(await app.Services.GetRequiredService<ISourceStore>().ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("portal", """{"url":"http://data.example.go.id/x.csv"}""", "Only https sources")]
    [InlineData("portal", """{"url":"file:///etc/passwd"}""", "Only https sources")]
    [InlineData("portal", """{"url":"x.csv"}""", "url is required")]
    [InlineData("portal", """{"mode":"partial"}""", "url is required")]
    [InlineData("portal", """{"url":"https://a.example/x.csv","mode":"sometimes"}""", "mode must be")]
    [InlineData("portal", """{"url":"https://a.example/x.csv","locale":"fr"}""", "locale must be")]
    [InlineData("portal", """{"url":"https://a.example/x.csv","regencyScheme":"iso"}""", "regencyScheme must be")]
    [InlineData("portal", """{"url":"https://a.example/x.csv","enabled":"yes"}""", "could not be read at $.enabled")]
    [InlineData("portal", """{"url":"https://a.example/x.csv","enable":true}""", "could not be read")]
    [InlineData("portal", "not json", "could not be read")]
    [InlineData("a#b", """{"url":"https://a.example/x.csv"}""", "The source id must be")]
    [InlineData("../x", """{"url":"https://a.example/x.csv"}""", "The source id must be")]
    public async Task Sources_Put_OfABadSource_Is400WithTheProblem(string id, string body, string message)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<SourceFunctions>().PutSource(app.AsAdmin(Requests.Send("PUT", body: body, contentType: "application/json")), "13.07", id, app.Context));

        Assert.Equal(400, response.Status);
        Assert.Contains(message, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Readiness.", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal); // no type names
    }

    [Theory]
    [InlineData("99.99", "portal", 404)]
    [InlineData("13.07", "a#b", 404)]
    [InlineData("13.07", "..\\..\\web.config", 404)]
    public async Task Sources_Delete_OfAnUnknownSource_Is404(string code, string id, int status)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<SourceFunctions>().DeleteSource(app.AsAdmin(Requests.Send("DELETE")), code, id, app.Context));

        Assert.Equal(status, response.Status);
    }
}
