using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>Every route other than the uploads, over a real socket: statuses, content types and the headers a client
/// relies on (CSV downloads, <c>Vary</c>), and who may call what.</summary>
public class RouteTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // One regency's file and its scores, so the score routes have something to answer with.
        using var imported = await api.Officer.PostAsync("api/regencies/13.07/uploads", new ByteArrayContent(ApiHostFixture.SampleFile) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var recomputed = await api.Admin.PostAsync("api/scores/recompute?year=2024", null);
        Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Health_AnswersWithoutAKey_AsJsonThatNoProxyCaches_AnyCaseAndTrailingSlash()
    {
        using var health = await api.Anonymous.GetAsync("api/health");
        using var slashed = await api.Anonymous.GetAsync("api/Health/");
        using var posted = await api.Anonymous.PostAsync("api/health", null);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(health)?.MediaType);
        Assert.True(health.Headers.CacheControl?.NoStore);
        var body = await ApiHostFixture.JsonAsync(health);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("reference").GetProperty("registryLoaded").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, slashed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Fact]
    public async Task Scores_AnswerJson_OrCsvByAccept_AndVaryOnIt()
    {
        using var json = await api.Officer.GetAsync("api/scores?year=2024");
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "api/scores?year=2024") { Headers = { Accept = { new("text/csv") } } };
        using var csv = await api.Officer.SendAsync(csvRequest);
        using var noYear = await api.Officer.GetAsync("api/scores");
        using var province = await api.Officer.GetAsync("api/scores?year=2024&province=99");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(json)?.MediaType);
        Assert.Contains("Accept", json.Headers.Vary);
        Assert.Equal(1, (await ApiHostFixture.JsonAsync(json)).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", ApiHostFixture.TypeOf(csv)?.MediaType);
        Assert.Equal("scores-2024.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("13.07", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);
        Assert.Equal("application/problem+json", ApiHostFixture.TypeOf(noYear)?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, province.StatusCode);
    }

    [Fact]
    public async Task RegencyScores_AndExplain_AnswerTheRegency_UnknownIs404()
    {
        using var years = await api.Officer.GetAsync("api/regencies/13.07/scores");
        using var explain = await api.Officer.GetAsync("api/regencies/13.07/scores/2024/explain");
        using var byName = await api.Officer.GetAsync("api/regencies/Kabupaten%20Lima%20Puluh%20Kota/scores");
        using var unknown = await api.Officer.GetAsync("api/regencies/99.99/scores");
        using var noYear = await api.Officer.GetAsync("api/regencies/13.07/scores/2019/explain");

        Assert.Equal(HttpStatusCode.OK, years.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(years)?.MediaType);
        Assert.Equal(HttpStatusCode.OK, explain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noYear.StatusCode);
    }

    [Fact]
    public async Task IndicatorsAndTemplates_AreReadableWithAnyKey()
    {
        using var indicators = await api.Host.ClientWithKey(api.OtherRegencyKey).GetAsync("api/indicators");
        using var wide = await api.Officer.GetAsync("api/template?format=wide&regency=13.07&year=2024");
        using var bad = await api.Officer.GetAsync("api/template?format=tall");

        Assert.Equal(HttpStatusCode.OK, indicators.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(indicators)?.MediaType);
        Assert.Equal(HttpStatusCode.OK, wide.StatusCode);
        Assert.Equal("text/csv", ApiHostFixture.TypeOf(wide)?.MediaType);
        Assert.Equal("attachment", wide.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("template-wide-13.07-2024.csv", wide.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Completeness_ForARegencyKey_IsItsOwnRow_ForAnAdminEveryRegency()
    {
        using var own = await api.Officer.GetAsync("api/completeness?year=2024");
        using var all = await api.Admin.GetAsync("api/completeness?year=2024");
        using var bad = await api.Admin.GetAsync("api/completeness?year=20x4");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Contains("13.07", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("31.71", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("31.71", await all.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AdminRoutes_RefuseARegencyKeyWith403_AndAnswerAnAdmin()
    {
        var registry = await File.ReadAllBytesAsync(Samples.SamplePath("registry.csv"));
        using var officer = await api.Officer.PutAsync("api/registry", new ByteArrayContent(registry) { Headers = { ContentType = new("text/csv") } });
        using var admin = await api.Admin.PutAsync("api/registry", new ByteArrayContent(registry) { Headers = { ContentType = new("text/csv") } });
        using var badRegistry = await api.Admin.PutAsync("api/registry", new StringContent("not,a,registry\n", Encoding.UTF8, "text/csv"));
        using var recompute = await api.Officer.PostAsync("api/scores/recompute", null);

        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRegistry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, recompute.StatusCode);
    }

    [Fact]
    public async Task Catalog_ReplacedWithAValidFile_RefusedWithABrokenOne()
    {
        var catalog = await File.ReadAllBytesAsync(Path.Combine(Readiness.Development.RepositoryRoot.OfThisBuild, "catalog", "catalog.json"));
        using var ok = await api.Admin.PutAsync("api/catalog", new ByteArrayContent(catalog) { Headers = { ContentType = new("application/json") } });
        using var broken = await api.Admin.PutAsync("api/catalog", new StringContent("{\"version\":", Encoding.UTF8, "application/json"));
        using var empty = await api.Admin.PutAsync("api/catalog", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", ApiHostFixture.TypeOf(broken)?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Sources_ArePutListedAndDeleted()
    {
        var body = new StringContent("""{"url":"https://data.example.go.id/13.07/indikator.csv","mode":"partial"}""", Encoding.UTF8, "application/json");
        using var put = await api.Admin.PutAsync("api/regencies/13.07/sources/portal", body);
        using var list = await api.Admin.GetAsync("api/sources");
        using var deleted = await api.Admin.DeleteAsync("api/regencies/13.07/sources/portal");
        using var again = await api.Admin.DeleteAsync("api/regencies/13.07/sources/portal");
        using var invalid = await api.Admin.PutAsync("api/regencies/13.07/sources/portal", new StringContent("""{"url":"ftp://x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, (await ApiHostFixture.JsonAsync(list)).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task UnknownKey_GetsTheSame401AsNoKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/indicators");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "rdy_not-a-key");

        using var unknown = await api.Anonymous.SendAsync(request);
        using var none = await api.Anonymous.GetAsync("api/indicators");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(WithoutCorrelationId(await ApiHostFixture.JsonAsync(none)), WithoutCorrelationId(await ApiHostFixture.JsonAsync(unknown)));
    }

    private static string WithoutCorrelationId(System.Text.Json.JsonElement problem) =>
        string.Join(";", problem.EnumerateObject().Where(p => p.Name != "correlationId").Select(p => p.Name + "=" + p.Value.ToString()));
}
