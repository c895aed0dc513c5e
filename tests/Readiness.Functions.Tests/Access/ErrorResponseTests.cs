using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Development;
using Readiness.Functions.Http;
using Readiness.Functions.Tests.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Access;

/// <summary>
/// Error answers carry a correlation id and nothing an attacker could use: no stack trace, connection string, key,
/// type name or server path, whether storage fails underneath or the request itself is hostile.
/// </summary>
public class ErrorResponseTests
{
    /// <summary>Pieces of what must never reach a caller.</summary>
    private static string[] Secrets(TestApp app) =>
    [
        "   at ", "Exception", "Readiness.", "AccountKey", "Eby8vdM02", "devstoreaccount1", "DefaultEndpointsProtocol",
        "127.0.0.1", "UseDevelopmentStorage", "/work/", "/tmp/", "/home/", "/root/", ".cs:line", RepositoryRoot.OfThisBuild,
        Path.GetTempPath(), app.Account.Prefix, app.AdminKey, app.AdminKey[^64..], app.KeyFor("13.07")[^64..],
    ];

    private static Response AssertSafeError(TestApp app, IActionResult result, int? status = null)
    {
        var content = Assert.IsType<ContentResult>(result);
        foreach (var secret in Secrets(app))
        {
            Assert.DoesNotContain(secret, content.Content, StringComparison.Ordinal);
        }

        var response = Response.Of(result);
        Assert.InRange(response.Status, 400, 499);
        if (status is { } expected)
        {
            Assert.Equal(expected, response.Status);
        }

        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        return response;
    }

    [Fact]
    public async Task StorageFailure_DuringAnUpload_Is500WithACorrelationIdAndNothingElse()
    {
        await using var app = await TestApp.CreateAsync();
        await app.Account.Table(StorageNames.Tables.Uploads).DeleteAsync();

        var result = await app.Functions.PostUpload(app.As("13.07", Requests.Csv("indicator_code,period,value\nGOV-01,2024,1\n")), "13.07", app.Context);

        var content = Assert.IsType<ContentResult>(result);
        foreach (var secret in Secrets(app))
        {
            Assert.DoesNotContain(secret, content.Content, StringComparison.Ordinal);
        }

        var response = Response.Of(result);
        Assert.Equal(500, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        // Operators get the failure, under the same id; never the key.
        var logged = Assert.Single(app.Log.Entries, e => e.Level == LogLevel.Error);
        Assert.NotNull(logged.Exception);
        Assert.Contains(app.InvocationId, logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Log.Entries, e => e.Message.Contains(app.KeyFor("13.07")[^64..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task StorageFailure_OfAnAdminOperation_Is500NotA4xx()
    {
        await using var app = await TestApp.CreateAsync();
        await app.Account.Table(StorageNames.Tables.Sources).DeleteAsync();

        var result = await app.Create<SourceFunctions>().ListSources(app.AsAdmin(Requests.Get()), app.Context);

        var response = Response.Of(result);
        Assert.Equal(500, response.Status);
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("sources", Assert.IsType<ContentResult>(result).Content, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InvalidUpload_AnswersItsReportWithACorrelationId()
    {
        await using var app = await TestApp.CreateAsync();

        var response = AssertSafeError(app, await app.Functions.PostUpload(app.As("13.07", Requests.Csv("indicator_code,period,value\nGOV-01,2024Q9,1\n")), "13.07", app.Context), 422);

        Assert.Equal("Rejected", response.Upload.GetProperty("status").GetString());
    }

    public static TheoryData<string> Hostile =>
    [
        "route-traversal", "route-nul", "id-traversal", "huge-year", "script-province", "template-regency", "explain-year",
        "deep-json-catalog", "binary-registry", "registry-injection", "header-crlf", "huge-api-key", "huge-principal",
        "hostile-filename", "forbidden-key-characters", "source-url-credentials",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileRequest_IsA4xxThatLeaksNothing(string name)
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<AccessOptions>(o => o.TrustAppServiceAuth = name == "huge-principal"));
        var upload = app.Functions;
        var result = name switch
        {
            "route-traversal" => await upload.PostUpload(app.AsAdmin(Requests.Csv("indicator_code,period,value\n")), "../../../etc/passwd", app.Context),
            "route-nul" => await upload.ListUploads(app.AsAdmin(Requests.Get()), "13.07\0\r\nX-Injected: 1", app.Context),
            "id-traversal" => await upload.GetUpload(app.AsAdmin(Requests.Get()), "13.07", "..\\..\\..\\web.config", app.Context),
            "huge-year" => await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=99999999999999999999999999")), app.Context),
            "script-province" => await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024&province=%3Cscript%3E")), app.Context),
            "template-regency" => await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(Requests.Get("?regency=%00%2F..%2F")), app.Context),
            "explain-year" => await app.Create<ScoreFunctions>().ExplainScore(app.AsAdmin(Requests.Get()), "13.07", "-1e308", app.Context),
            "deep-json-catalog" => await app.Create<CatalogFunctions>().PutCatalog(app.AsAdmin(Requests.Send("PUT", body: new string('[', 100_000) + new string(']', 100_000))), app.Context),
            "binary-registry" => await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Body([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, .. new byte[500]])), app.Context),
            "registry-injection" => await app.Create<RegistryFunctions>().PutRegistry(app.AsAdmin(Requests.Send("PUT", body: "code,name,province_code,province_name\n13.07,=cmd|' /C calc'!A0,13\\..,S\n")), app.Context),
            "header-crlf" => await upload.ListUploads(Requests.Get().WithBearer("rdy_\r\nX-Admin: true"), "13.07", app.Context),
            "huge-api-key" => await upload.ListUploads(Requests.Get().WithApiKey("rdy_" + new string('a', 200_000)), "13.07", app.Context),
            "huge-principal" => await upload.ListUploads(Principal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"claims\":[" + string.Concat(Enumerable.Repeat("{\"typ\":\"x\",\"val\":\"y\"},", 50_000)) + "{}]}"))), "13.07", app.Context),
            "hostile-filename" => await upload.PostUpload(app.AsAdmin(Requests.Form(new FormPart("file", "../../../../etc/passwd", "text/csv", "indicator_code,period,value\nGOV-01,2024Q9,1\n"u8.ToArray()))), "13.07", app.Context),
            "forbidden-key-characters" => await upload.PostUpload(app.AsAdmin(Requests.Csv("regency_code,indicator_code,period,value\n13/07#?,GOV-01,2024,1\n")), "13.07", app.Context),
            "source-url-credentials" => await app.Create<SourceFunctions>().PutSource(app.AsAdmin(Requests.Send("PUT", body: """{"url":"ftp://admin:secret@10.0.0.1/x.csv"}""")), "13.07", "portal", app.Context),
            _ => throw new ArgumentException(name),
        };

        var response = AssertSafeError(app, result);
        if (name == "hostile-filename")
        {
            Assert.Equal("passwd", response.Upload.GetProperty("fileName").GetString());
        }

        Assert.Empty(await app.StoredAsync("13.07"));
        Assert.DoesNotContain(app.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    private static HttpRequest Body(byte[] bytes) => Requests.Body(bytes, "text/csv");

    private static HttpRequest Principal(string header)
    {
        var request = Requests.Get();
        request.Headers[AccessPolicy.PrincipalHeader] = header;
        return request;
    }
}
