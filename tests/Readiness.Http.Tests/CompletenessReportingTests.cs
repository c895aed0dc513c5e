using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Development;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>
/// <c>GET /api/completeness</c>'s <c>reporting</c> over the loopback socket: real submissions through the review route,
/// a reporting calendar put through <c>PUT /api/catalog</c> (2018 long overdue, 2024 due far ahead, 2023 not listed),
/// every answer checked against the OpenAPI document by the fixture's clients.
/// </summary>
public class CompletenessReportingTests(CompletenessReportingTests.Host host) : IClassFixture<CompletenessReportingTests.Host>
{
    private static readonly int Regencies = Samples.Registry.Count;

    private readonly ApiHostFixture api = host.Api;

    /// <summary>The class's host, with the calendar, values and reviews the tests read, made once.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public ApiHostFixture Api { get; } = new();

        public async Task InitializeAsync()
        {
            await Api.InitializeAsync();
            await ArrangeAsync(Api);
        }

        public Task DisposeAsync() => Api.DisposeAsync();
    }

    private static async Task ArrangeAsync(ApiHostFixture api)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "catalog", "catalog.json")))!.AsObject();
        catalog["reportingCalendar"] = JsonNode.Parse("""
            [{"year": 2018, "opens": "2018-01-01", "due": "2019-01-31", "closes": "2099-12-31"},
             {"year": 2024, "opens": "2024-01-01", "due": "2099-12-30", "closes": "2099-12-31"}]
            """);
        using var put = await api.Admin.PutAsync("api/catalog", new StringContent(catalog.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        foreach (var (regency, values) in new[] { ("13.07", "GOV-01,2018,70\nGOV-01,2024,72.5\n"), ("31.71", "GOV-01,2024,80\n"), ("13.71", "GOV-01,2024,60\n") })
        {
            using var upload = await api.Admin.PostAsync($"api/regencies/{regency}/uploads", ApiHostFixture.Csv("indicator_code,period,value\n" + values));
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }
        foreach (var year in new[] { 2018, 2023, 2024 })
        {
            using var submitted = await api.Officer.PostAsync($"api/regencies/13.07/years/{year}/review", Json("""{"action":"submit"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        // 13.71 submitted 2024 and was sent back: returned, with data, not submitted.
        using var padang = await api.Admin.PostAsync("api/regencies/13.71/years/2024/review", Json("""{"action":"submit"}"""));
        using var back = await api.Admin.PostAsync("api/regencies/13.71/years/2024/review", Json("""{"action":"return","comment":"GOV-02 belum diisi"}"""));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (padang.StatusCode, back.StatusCode));
    }

    [Fact]
    public async Task YearDueAhead_CountsTheSubmissionOnTime_TheReturnedYearNotSubmitted_AndTheRegenciesWithDataButNoSubmission()
    {
        var answer = await GetAsync(api.Admin, "api/completeness?year=2024");

        // The existing fields stay as they were.
        Assert.Equal(Regencies, answer.GetProperty("count").GetInt32());
        var row = Row(answer, "13.07");
        Assert.Equal(["GOV-01"], row.GetProperty("reported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("Submitted", "on-time", 1, "13"), (row.GetProperty("reviewState").GetString(), row.GetProperty("timeliness").GetString(), row.GetProperty("submissions").GetInt32(), row.GetProperty("reportingProvinceCode").GetString()));
        Assert.True(row.GetProperty("submittedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-10));
        var padang = Row(answer, "13.71");
        Assert.Equal(("Open", "not-submitted", 1), (padang.GetProperty("reviewState").GetString(), padang.GetProperty("timeliness").GetString(), padang.GetProperty("submissions").GetInt32()));

        var reporting = answer.GetProperty("reporting");
        Assert.True(reporting.GetProperty("timeliness").GetProperty("judged").GetBoolean());
        Assert.Equal("2099-12-30", reporting.GetProperty("calendar").GetProperty("due").GetString());
        var national = reporting.GetProperty("national");
        Assert.Equal((Regencies, 1, 1, 0, Regencies - 1, 1, 2), Figures(national));
        Assert.Equal(1.0 / Regencies, national.GetProperty("rate").GetDouble(), 12);
        var west = reporting.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("provinceCode").GetString() == "13");
        Assert.Equal("Sumatera Barat", west.GetProperty("provinceName").GetString());
        var westCount = Samples.Registry.Regencies.Count(r => r.ProvinceCode == "13");
        Assert.Equal((westCount, 1, 1, 0, westCount - 1, 1, 1), Figures(west));
        Assert.Equal(Regencies, reporting.GetProperty("provinces").EnumerateArray().Sum(p => p.GetProperty("expected").GetInt32()));
    }

    [Fact]
    public async Task OverdueYear_CountsTheSubmissionLate_AndAYearWithoutCalendarSaysTimelinessIsNotJudged()
    {
        var overdue = await GetAsync(api.Admin, "api/completeness?year=2018");
        var unlisted = await GetAsync(api.Admin, "api/completeness?year=2023");

        Assert.Equal((Regencies, 1, 0, 1, Regencies - 1, 0, 0), Figures(overdue.GetProperty("reporting").GetProperty("national")));
        Assert.Equal("late", Row(overdue, "13.07").GetProperty("timeliness").GetString());

        var reporting = unlisted.GetProperty("reporting");
        Assert.Equal(JsonValueKind.Null, reporting.GetProperty("calendar").ValueKind);
        var note = reporting.GetProperty("timeliness");
        Assert.False(note.GetProperty("judged").GetBoolean());
        Assert.Contains("tidak dapat dinilai", note.GetProperty("message_id").GetString(), StringComparison.Ordinal);
        var national = reporting.GetProperty("national");
        Assert.Equal(1, national.GetProperty("submitted").GetInt32());
        foreach (var name in new[] { "onTime", "late", "onTimeRate" })
        {
            Assert.Equal(JsonValueKind.Null, national.GetProperty(name).ValueKind);
        }

        Assert.Equal("not-judged", Row(unlisted, "13.07").GetProperty("timeliness").GetString());
    }

    [Fact]
    public async Task ProvinceFilterAndKeys_LimitTheRowsAndTheFigures_AndABadProvinceIsRefused()
    {
        var filtered = await GetAsync(api.Admin, "api/completeness?year=2024&province=13");
        var (_, key) = await api.Host.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Province, null, null, "walidata 31", CancellationToken.None, "31");
        var walidata = await GetAsync(api.CheckedClient(key), "api/completeness?year=2024");
        var own = await GetAsync(api.Officer, "api/completeness?year=2024");
        using var malformed = await api.Admin.GetAsync("api/completeness?year=2024&province=1x");
        using var unknown = await api.Admin.GetAsync("api/completeness?year=2024&province=99");

        Assert.Equal("13", filtered.GetProperty("province").GetString());
        Assert.All(filtered.GetProperty("regencies").EnumerateArray(), r => Assert.Equal("13", r.GetProperty("reportingProvinceCode").GetString()));
        Assert.Equal(["13"], filtered.GetProperty("reporting").GetProperty("provinces").EnumerateArray().Select(p => p.GetProperty("provinceCode").GetString()));
        Assert.Equal(["31"], walidata.GetProperty("reporting").GetProperty("provinces").EnumerateArray().Select(p => p.GetProperty("provinceCode").GetString()));
        Assert.Equal(1, walidata.GetProperty("reporting").GetProperty("national").GetProperty("dataNotSubmitted").GetInt32());
        Assert.Equal((1, 1, 1), (own.GetProperty("count").GetInt32(), own.GetProperty("reporting").GetProperty("national").GetProperty("expected").GetInt32(), own.GetProperty("reporting").GetProperty("national").GetProperty("submitted").GetInt32()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (malformed.StatusCode, unknown.StatusCode));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Row(JsonElement answer, string code) =>
        answer.GetProperty("regencies").EnumerateArray().Single(r => r.GetProperty("regencyCode").GetString() == code);

    private static (int, int, int, int, int, int, int) Figures(JsonElement f) => (
        f.GetProperty("expected").GetInt32(), f.GetProperty("submitted").GetInt32(), f.GetProperty("onTime").GetInt32(), f.GetProperty("late").GetInt32(),
        f.GetProperty("notSubmitted").GetInt32(), f.GetProperty("returned").GetInt32(), f.GetProperty("dataNotSubmitted").GetInt32());

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
